/** Binary mask from a threshold. */
import type { VoxelMask } from './volume.js';

/**
 * 1 where `values[n] >= threshold` (a value exactly at the threshold is inside), else 0. NaN is outside.
 */
export function thresholdMask(values: Float32Array, threshold: number): VoxelMask {
  const mask = new Uint8Array(values.length);
  const length = values.length;
  for (let n = 0; n < length; n++) mask[n] = (values[n] ?? Number.NaN) >= threshold ? 1 : 0;
  return mask;
}
