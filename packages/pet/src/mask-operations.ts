/**
 * Whole-volume mask operations of the CT-guided steps, written for speed on 10⁷-voxel grids while giving
 * exactly the result of the general @bonemet/imaging operations:
 * - labelling within the bounding box of the foreground: components and their raster-order numbering are
 *   those of the whole grid (no foreground lies outside the box, and the (k, j, i) order is kept), with
 *   label arrays the size of the box instead of the grid;
 * - dilation by the 3 × 3 × 3 box as three one-dimensional passes (a box is the product of three
 *   segments, so this equals `dilate(mask, dimensions, boxElement(1))`, the border not grown past).
 */
import { labelConnectedComponents, type Connectivity, type Triple, type VoxelMask } from '@bonemet/imaging';

/** Inclusive voxel bounds of a mask's foreground. */
export interface VoxelBox {
  readonly lo: Triple;
  readonly hi: Triple;
}

/** Tracks the bounding box of voxels as they are marked, slice by slice in raster order. */
export class BoxTracker {
  private loI = Infinity;
  private loJ = Infinity;
  private loK = Infinity;
  private hiI = -Infinity;
  private hiJ = -Infinity;
  private hiK = -Infinity;

  add(i: number, j: number, k: number): void {
    if (i < this.loI) this.loI = i;
    if (i > this.hiI) this.hiI = i;
    if (j < this.loJ) this.loJ = j;
    if (j > this.hiJ) this.hiJ = j;
    if (k < this.loK) this.loK = k;
    if (k > this.hiK) this.hiK = k;
  }

  /** The box, or null when nothing was added. */
  box(): VoxelBox | null {
    if (this.hiK < 0) return null;
    return { lo: [this.loI, this.loJ, this.loK], hi: [this.hiI, this.hiJ, this.hiK] };
  }
}

export interface BoxedComponents {
  readonly box: VoxelBox;
  /** Dimensions of the box. */
  readonly boxDimensions: Triple;
  /** Labels over the box (i fastest), numbered as `labelConnectedComponents` numbers them on the grid. */
  readonly labels: Int32Array;
  readonly count: number;
  /** Voxel count per label (index 0 unused). */
  readonly sizes: Uint32Array;
}

/** Labels the components of `mask`, whose foreground lies within `box`, on the box alone. */
export function labelWithinBox(
  mask: VoxelMask,
  dimensions: Triple,
  box: VoxelBox,
  connectivity: Connectivity,
): BoxedComponents {
  const [nx, ny] = dimensions;
  const [loI, loJ, loK] = box.lo;
  const [hiI, hiJ, hiK] = box.hi;
  const bx = hiI - loI + 1;
  const by = hiJ - loJ + 1;
  const bz = hiK - loK + 1;
  const cropped = new Uint8Array(bx * by * bz);
  for (let k = 0, b = 0; k < bz; k++)
    for (let j = 0; j < by; j++) {
      const row = loI + nx * (loJ + j + ny * (loK + k));
      for (let i = 0; i < bx; i++, b++) cropped[b] = mask[row + i] ?? 0;
    }
  const boxDimensions: Triple = [bx, by, bz];
  const { labels, count } = labelConnectedComponents(cropped, boxDimensions, connectivity);
  const sizes = new Uint32Array(count + 1);
  for (const label of labels) if (label !== 0) sizes[label] = (sizes[label] ?? 0) + 1;
  return { box, boxDimensions, labels, count, sizes };
}

/** Dilation by the 3 × 3 × 3 box (the voxel and its 26 neighbours), not past the border. */
export function dilateBox1(mask: VoxelMask, dimensions: Triple): Uint8Array {
  const [nx, ny, nz] = dimensions;
  const perSlice = nx * ny;
  // Along i.
  const alongI = new Uint8Array(mask.length);
  for (let row = 0; row < mask.length; row += nx) {
    for (let i = 0; i < nx; i++) {
      if (mask[row + i] === 0) continue;
      if (i > 0) alongI[row + i - 1] = 1;
      alongI[row + i] = 1;
      if (i < nx - 1) alongI[row + i + 1] = 1;
    }
  }
  // Along j.
  const alongJ = new Uint8Array(mask.length);
  for (let k = 0; k < nz; k++) {
    const slice = k * perSlice;
    for (let j = 0; j < ny; j++) {
      const row = slice + j * nx;
      for (let i = 0; i < nx; i++) {
        if (alongI[row + i] === 0) continue;
        if (j > 0) alongJ[row + i - nx] = 1;
        alongJ[row + i] = 1;
        if (j < ny - 1) alongJ[row + i + nx] = 1;
      }
    }
  }
  // Along k (reusing the first buffer).
  const out = alongI.fill(0);
  for (let k = 0; k < nz; k++) {
    const slice = k * perSlice;
    for (let p = 0; p < perSlice; p++) {
      if (alongJ[slice + p] === 0) continue;
      if (k > 0) out[slice + p - perSlice] = 1;
      out[slice + p] = 1;
      if (k < nz - 1) out[slice + p + perSlice] = 1;
    }
  }
  return out;
}
