/**
 * Binary dilation and erosion with a structuring element given as voxel offsets (see
 * `structuring-element.ts`; a `SphereOffsets` works too). Outside the image counts as background:
 * dilation does not grow past the border and erosion removes foreground touching the border whenever
 * the element reaches beyond it.
 */
import type { VoxelOffsets } from './structuring-element.js';
import { validateMask, type Triple, type VoxelMask } from './volume.js';

function linearOffsets(element: VoxelOffsets, dimensions: Triple): Int32Array {
  const [nx, ny] = dimensions;
  const out = new Int32Array(element.count);
  for (let q = 0; q < element.count; q++) {
    out[q] = (element.di[q] ?? 0) + nx * ((element.dj[q] ?? 0) + ny * (element.dk[q] ?? 0));
  }
  return out;
}

/** Whether voxel (i, j, k) moved by offset q of the element stays inside the image. */
function offsetInside(element: VoxelOffsets, q: number, i: number, j: number, k: number, dimensions: Triple): boolean {
  const [nx, ny, nz] = dimensions;
  const ii = i + (element.di[q] ?? 0);
  const jj = j + (element.dj[q] ?? 0);
  const kk = k + (element.dk[q] ?? 0);
  return ii >= 0 && jj >= 0 && kk >= 0 && ii < nx && jj < ny && kk < nz;
}

/** out(v) = 1 when v − e is foreground for some offset e of the element (v = foreground + e). */
export function dilate(mask: VoxelMask, dimensions: Triple, element: VoxelOffsets): VoxelMask {
  validateMask(mask, { dimensions, spacingMm: [1, 1, 1] }, 'mask');
  const [nx, ny, nz] = dimensions;
  const linear = linearOffsets(element, dimensions);
  const out = new Uint8Array(mask.length);
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n] === 0) continue;
        for (let q = 0; q < element.count; q++) {
          if (offsetInside(element, q, i, j, k, dimensions)) out[n + (linear[q] ?? 0)] = 1;
        }
      }
    }
  }
  return out;
}

/** out(v) = 1 when v + e is foreground (and inside the image) for every offset e of the element. */
export function erode(mask: VoxelMask, dimensions: Triple, element: VoxelOffsets): VoxelMask {
  validateMask(mask, { dimensions, spacingMm: [1, 1, 1] }, 'mask');
  const [nx, ny, nz] = dimensions;
  const linear = linearOffsets(element, dimensions);
  const out = new Uint8Array(mask.length);
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n] === 0) continue;
        let keep = 1;
        for (let q = 0; q < element.count; q++) {
          if (!offsetInside(element, q, i, j, k, dimensions) || mask[n + (linear[q] ?? 0)] === 0) {
            keep = 0;
            break;
          }
        }
        out[n] = keep;
      }
    }
  }
  return out;
}
