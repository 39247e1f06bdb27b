/**
 * The cranial cavity on the CT, slice by slice, for the automatic brain exclusion (project rule, checked
 * on the PET/CT phantom): in an axial slice above the top of the spinal column found on the CT, the voxels
 * outside the CT bone mask (HU < boneHu) that a 4-connected flood of such voxels from the slice border
 * does not reach, i.e. the voxels enclosed by bone in their slice. Above the skull base every axial slice
 * of the head cuts the calvarium as a closed ring around the brain; the flood keeps the scalp and the air
 * around the head outside. Slices at or below the top of the column are not searched: the pelvic ring and
 * the vertebral arches also enclose soft tissue in their slices.
 */
import type { VoxelMask } from '@bonemet/imaging';
import type { CtAnatomy } from './ct-anatomy.js';

/** The part of a region inside the cranial cavity. */
export interface CranialCavityOverlap {
  /** Region voxels in the cranial cavity. */
  readonly inside: number;
  /** `inside` / the region's voxel count (0 for an empty region). */
  readonly fraction: number;
}

/**
 * Counts the region voxels (linear indices on the CT grid) that lie in the cranial cavity of their slice;
 * only the slices that hold region voxels above `aboveZMm` (the top of the spinal column, mm) are flooded.
 */
export function cranialCavityOverlap(
  anatomy: CtAnatomy,
  regionVoxels: Uint32Array,
  aboveZMm: number,
): CranialCavityOverlap {
  const [nx, ny] = anatomy.dimensions;
  const perSlice = nx * ny;
  const bySlice = new Map<number, number[]>();
  for (const n of regionVoxels) {
    const k = Math.floor(n / perSlice);
    if (!(anatomy.zMm(k) > aboveZMm)) continue;
    const list = bySlice.get(k);
    if (list === undefined) bySlice.set(k, [n]);
    else list.push(n);
  }
  const outside = new Uint8Array(perSlice);
  const stack: number[] = [];
  let inside = 0;
  for (const [k, voxels] of bySlice) {
    floodOutsideSlice(anatomy.bone, k * perSlice, nx, ny, outside, stack);
    for (const n of voxels) {
      const p = n - k * perSlice;
      if (anatomy.bone[n] === 0 && outside[p] === 0) inside++;
    }
  }
  return { inside, fraction: regionVoxels.length === 0 ? 0 : inside / regionVoxels.length };
}

/**
 * Marks in `outside` (one slice, reset here) the non-bone voxels of the slice at `offset` reached from the
 * slice border by a 4-connected flood of non-bone voxels; scanline filling (runs along i). Every voxel
 * outside the bounding rectangle of the slice's bone is non-bone and joined to the border around it, so
 * it is marked directly and the flood runs only within that rectangle grown by one voxel, seeded from
 * the rectangle's edge: the same voxels as a flood of the whole slice.
 */
function floodOutsideSlice(
  bone: VoxelMask,
  offset: number,
  nx: number,
  ny: number,
  outside: Uint8Array,
  stack: number[],
): void {
  let loI = nx;
  let hiI = -1;
  let loJ = ny;
  let hiJ = -1;
  for (let j = 0, p = 0; j < ny; j++)
    for (let i = 0; i < nx; i++, p++) {
      if (bone[offset + p] === 0) continue;
      if (i < loI) loI = i;
      if (i > hiI) hiI = i;
      if (j < loJ) loJ = j;
      if (j > hiJ) hiJ = j;
    }
  outside.fill(1);
  if (hiI < 0) return;
  loI = Math.max(0, loI - 1);
  hiI = Math.min(nx - 1, hiI + 1);
  loJ = Math.max(0, loJ - 1);
  hiJ = Math.min(ny - 1, hiJ + 1);
  for (let j = loJ; j <= hiJ; j++) outside.fill(0, loI + nx * j, hiI + 1 + nx * j);
  const open = (p: number): boolean => outside[p] === 0 && bone[offset + p] === 0;
  for (let i = loI; i <= hiI; i++) stack.push(i + nx * loJ, i + nx * hiJ);
  for (let j = loJ + 1; j < hiJ; j++) stack.push(loI + nx * j, hiI + nx * j);
  while (stack.length > 0) {
    const p = stack.pop() ?? 0;
    if (!open(p)) continue;
    const rowStart = p - (p % nx);
    const j = rowStart / nx;
    let first = p;
    while (first > rowStart + loI && open(first - 1)) first--;
    let last = p;
    while (last < rowStart + hiI && open(last + 1)) last++;
    for (let q = first; q <= last; q++) outside[q] = 1;
    for (let side = -1; side <= 1; side += 2) {
      if (j + side < loJ || j + side > hiJ) continue;
      const neighbourRow = rowStart + side * nx;
      let inRun = false;
      for (let q = first; q <= last; q++) {
        const m = q - rowStart + neighbourRow;
        const floodable = open(m);
        if (floodable && !inRun) stack.push(m);
        inRun = floodable;
      }
    }
  }
}
