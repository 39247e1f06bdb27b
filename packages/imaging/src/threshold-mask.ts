/** Binary mask from a threshold. */
import type { VoxelMask } from './volume.js';

/** Voxels tested together by the bit-pattern pre-check of `thresholdMask`. */
const groupSize = 8;

const float32Scratch = new Float32Array(1);
const bitsScratch = new Uint32Array(float32Scratch.buffer);

/**
 * The bit pattern of the smallest float32 at or above `threshold` (finite, > 0): a non-negative float32 is
 * at or above the threshold exactly when its bit pattern, read as an unsigned integer, is at least this one
 * (IEEE 754 orders non-negative floats like their bit patterns).
 */
function float32BitsAtOrAbove(threshold: number): number {
  float32Scratch[0] = threshold;
  const bits = bitsScratch[0] ?? 0;
  // Rounding to float32 may have gone down: the next float32 up is then the smallest one at or above.
  return Math.fround(threshold) < threshold ? bits + 1 : bits;
}

/**
 * 1 where `values[n] >= threshold` (a value exactly at the threshold is inside), else 0. NaN is outside.
 */
export function thresholdMask(values: Float32Array, threshold: number): VoxelMask {
  const length = values.length;
  // A fresh Uint8Array is all zeros, so only the voxels inside are written.
  const mask = new Uint8Array(length);
  if (!(threshold > 0 && threshold < Number.POSITIVE_INFINITY)) {
    for (let n = 0; n < length; n++) {
      if ((values[n] ?? Number.NaN) >= threshold) mask[n] = 1;
    }
    return mask;
  }
  // A positive threshold (the usual case: an SUV) allows a cheaper pre-check on groups of voxels: the
  // bitwise OR of their bit patterns is at least as large as each pattern, so when it is below the
  // threshold's pattern every voxel of the group is a non-negative float below the threshold (negative
  // values and NaN have large patterns and always reach the exact comparison). Integer ORs cost less than
  // one float comparison per voxel, and most voxels of an image lie below a lesion threshold.
  const bits = new Uint32Array(values.buffer, values.byteOffset, length);
  const thresholdBits = float32BitsAtOrAbove(threshold);
  const grouped = length - (length % groupSize);
  for (let start = 0; start < grouped; start += groupSize) {
    const any =
      (bits[start] ?? 0) |
      (bits[start + 1] ?? 0) |
      (bits[start + 2] ?? 0) |
      (bits[start + 3] ?? 0) |
      (bits[start + 4] ?? 0) |
      (bits[start + 5] ?? 0) |
      (bits[start + 6] ?? 0) |
      (bits[start + 7] ?? 0);
    if (any >>> 0 < thresholdBits) continue;
    for (let n = start; n < start + groupSize; n++) {
      if ((values[n] ?? Number.NaN) >= threshold) mask[n] = 1;
    }
  }
  for (let n = grouped; n < length; n++) {
    if ((values[n] ?? Number.NaN) >= threshold) mask[n] = 1;
  }
  return mask;
}
