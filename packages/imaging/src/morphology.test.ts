import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { dilate, erode } from './morphology.js';
import { boxElement, crossElement } from './structuring-element.js';
import { linearIndex, type Triple } from './volume.js';

const dims: Triple = [5, 5, 5];
const count = (mask: Uint8Array): number => mask.reduce((sum, v) => sum + v, 0);

function single(i: number, j: number, k: number): Uint8Array {
  const mask = new Uint8Array(125);
  mask[linearIndex(dims, i, j, k)] = 1;
  return mask;
}

describe('dilate', () => {
  it('grows one interior voxel to 27 with the box and 7 with the cross', () => {
    expect(count(dilate(single(2, 2, 2), dims, boxElement(1)))).toBe(27);
    expect(count(dilate(single(2, 2, 2), dims, crossElement()))).toBe(7);
  });

  it('does not grow past the border (corner voxel: 2³ = 8 with the box, 4 with the cross)', () => {
    expect(count(dilate(single(0, 0, 0), dims, boxElement(1)))).toBe(8);
    expect(count(dilate(single(0, 0, 0), dims, crossElement()))).toBe(4);
  });
});

describe('erode', () => {
  it('shrinks an interior 3³ cube to its centre with the box', () => {
    const cube = new Uint8Array(125);
    for (let k = 1; k <= 3; k++)
      for (let j = 1; j <= 3; j++) for (let i = 1; i <= 3; i++) cube[linearIndex(dims, i, j, k)] = 1;
    const eroded = erode(cube, dims, boxElement(1));
    expect(count(eroded)).toBe(1);
    expect(eroded[linearIndex(dims, 2, 2, 2)]).toBe(1);
  });

  it('treats outside the image as background (a full image erodes to its 3³ interior)', () => {
    expect(count(erode(new Uint8Array(125).fill(1), dims, boxElement(1)))).toBe(27);
  });

  it('rejects a mask of the wrong size and a negative box radius', () => {
    expect(() => erode(new Uint8Array(3), dims, boxElement(1))).toThrow(BonemetError);
    expect(() => boxElement(-1)).toThrow(BonemetError);
  });
});
