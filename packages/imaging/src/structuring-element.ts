/** Voxel offsets used as neighbourhoods (sphere) and structuring elements (morphology). */
import { BonemetError } from '@bonemet/core';
import type { Triple } from './volume.js';

/** A set of voxel offsets (di, dj, dk), the origin included when the element contains it. */
export interface VoxelOffsets {
  readonly count: number;
  readonly di: Int32Array;
  readonly dj: Int32Array;
  readonly dk: Int32Array;
}

/** Builds offsets from a list of triples. */
export function offsetsFromList(list: readonly Triple[]): VoxelOffsets {
  return {
    count: list.length,
    di: Int32Array.from(list, (o) => o[0]),
    dj: Int32Array.from(list, (o) => o[1]),
    dk: Int32Array.from(list, (o) => o[2]),
  };
}

/** The (2r+1)³ cube of offsets; r = 1 is the voxel and its 26 neighbours. */
export function boxElement(radiusVoxels: number): VoxelOffsets {
  if (!Number.isInteger(radiusVoxels) || radiusVoxels < 0) {
    throw new BonemetError('invalid_input', `box radius ${radiusVoxels} is not a non-negative integer`, {
      issues: [{ path: ['radiusVoxels'], message: 'expected an integer ≥ 0' }],
    });
  }
  const list: Triple[] = [];
  for (let dk = -radiusVoxels; dk <= radiusVoxels; dk++)
    for (let dj = -radiusVoxels; dj <= radiusVoxels; dj++)
      for (let di = -radiusVoxels; di <= radiusVoxels; di++) list.push([di, dj, dk]);
  return offsetsFromList(list);
}

/** The voxel and its 6 face neighbours. */
export function crossElement(): VoxelOffsets {
  return offsetsFromList([
    [0, 0, 0],
    [-1, 0, 0],
    [1, 0, 0],
    [0, -1, 0],
    [0, 1, 0],
    [0, 0, -1],
    [0, 0, 1],
  ]);
}
