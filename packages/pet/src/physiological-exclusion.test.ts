import { describe, expect, it } from 'vitest';
import { cranialCavityOverlap } from './cranial-cavity.js';
import type { CtAnatomy } from './ct-anatomy.js';
import { automaticExclusions, type RegionSummary } from './physiological-exclusion.js';

type Triple = readonly [number, number, number];

// 40 × 40 × 40 voxels of 4 mm, voxel (i, j, k) at (4i, 4j, 4k) mm. A "skull": the voxels whose centre lies
// more than 10 and at most 12 voxels from voxel (20, 20, 25); the spinal column ends at z = 40 mm (k = 10),
// below the skull's lowest slice (k = 13).
const n = 40;
const spacing = 4;
const at = (i: number, j: number, k: number): number => i + n * (j + n * k);
const distance = (i: number, j: number, k: number, c: Triple): number => Math.hypot(i - c[0], j - c[1], k - c[2]);
const skullCentre: Triple = [20, 20, 25];

function makeAnatomy(bone: Uint8Array): CtAnatomy {
  return {
    dimensions: [n, n, n],
    spacingMm: [spacing, spacing, spacing],
    body: new Uint8Array(n ** 3).fill(1),
    bone,
    lungs: new Uint8Array(n ** 3),
    midlineXMm: 80,
    bodyCentreYMm: 80,
    rightLungBaseZMm: null,
    columnCentreYMm: 120,
    pelvis: null,
    column: [{ level: null, bottomZMm: 0, topZMm: 40 }],
    xMm: (i) => i * spacing,
    yMm: (_i, j) => j * spacing,
    zMm: (k) => k * spacing,
    notes: [],
  };
}

function skullBone(): Uint8Array {
  const bone = new Uint8Array(n ** 3);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const d = distance(i, j, k, skullCentre);
        if (d > 10 && d <= 12) bone[at(i, j, k)] = 1;
      }
  return bone;
}

/** The voxels for which `keep(i, j, k)` holds, with their centroid and volume (0.064 ml per voxel). */
function region(keep: (i: number, j: number, k: number) => boolean): RegionSummary {
  const voxels: number[] = [];
  const sum = [0, 0, 0];
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        if (!keep(i, j, k)) continue;
        voxels.push(at(i, j, k));
        sum[0] = (sum[0] ?? 0) + i;
        sum[1] = (sum[1] ?? 0) + j;
        sum[2] = (sum[2] ?? 0) + k;
      }
  const count = voxels.length;
  return {
    voxels: Uint32Array.from(voxels),
    centroidMm: [
      ((sum[0] ?? 0) / count) * spacing,
      ((sum[1] ?? 0) / count) * spacing,
      ((sum[2] ?? 0) / count) * spacing,
    ],
    volumeMl: count * 0.064,
    suvmax: 8,
  };
}

/** Fraction of the region voxels that are bone or have a bone voxel among their 26 neighbours. */
function dilatedFraction(bone: Uint8Array, voxels: Uint32Array): number {
  let hits = 0;
  for (const v of voxels) {
    const [i, j, k] = [v % n, Math.floor(v / n) % n, Math.floor(v / (n * n))];
    let hit = false;
    for (let dk = -1; dk <= 1; dk++)
      for (let dj = -1; dj <= 1; dj++)
        for (let di = -1; di <= 1; di++) if (bone[at(i + di, j + dj, k + dk)] === 1) hit = true;
    if (hit) hits++;
  }
  return hits / voxels.length;
}

describe('cranial cavity', () => {
  it('holds the non-bone voxels enclosed by the skull in their slice, and nothing at or below the column top', () => {
    const anatomy = makeAnatomy(skullBone());
    // Every voxel within 10 voxels of the centre is enclosed by the shell in its axial slice.
    const inner = region((i, j, k) => distance(i, j, k, skullCentre) <= 10);
    expect(cranialCavityOverlap(anatomy, inner.voxels, 40)).toEqual({ inside: inner.voxels.length, fraction: 1 });
    // The same voxels with the column top above the whole skull: no slice is searched.
    expect(cranialCavityOverlap(anatomy, inner.voxels, 200).inside).toBe(0);
  });

  it('does not count voxels of a slice whose bone ring has a gap', () => {
    const bone = skullBone();
    // Open the ring in slice k = 25 along the +x axis (a 1-voxel-wide channel through the shell).
    for (let i = 31; i <= 32; i++) bone[at(i, 20, 25)] = 0;
    const slice = region((i, j, k) => k === 25 && distance(i, j, k, skullCentre) <= 10);
    expect(cranialCavityOverlap(makeAnatomy(bone), slice.voxels, 40).inside).toBe(0);
  });
});

describe('automatic brain exclusion', () => {
  const bone = skullBone();
  const anatomy = makeAnatomy(bone);

  it('excludes a brain whose edge spills into the inner table, and reports the rule with its numbers', () => {
    // Brain with spill-over: voxels within 10.5 voxels; those beyond 10 lie in bone.
    const brain = region((i, j, k) => distance(i, j, k, skullCentre) <= 10.5);
    const cavity = region((i, j, k) => distance(i, j, k, skullCentre) <= 10).voxels.length / brain.voxels.length;
    const dilated = dilatedFraction(bone, brain.voxels);
    // Preconditions of the case: the old "no bone voxel" rule would keep it; the new one must not.
    expect(brain.voxels.some((v) => bone[v] === 1)).toBe(true);
    expect(cavity).toBeGreaterThanOrEqual(0.8);
    expect(dilated).toBeLessThan(0.5);
    const [match] = automaticExclusions(anatomy, bone, [brain]);
    expect(match?.organ).toBe('brain');
    expect(match?.rule).toContain(`${(cavity * 100).toFixed(0)}% of its voxels in the cranial cavity`);
    expect(match?.rule).toContain(`${(dilated * 100).toFixed(0)}% of its voxels in the dilated bone mask`);
  });

  it('keeps a calvarial lesion: a 20+ ml region centred just outside the skull, mostly outside the cavity', () => {
    const lesion = region((i, j, k) => distance(i, j, k, [33, 20, 25]) <= 4.3);
    expect(lesion.volumeMl).toBeGreaterThanOrEqual(20);
    const inCavity = lesion.voxels.filter((v) => {
      const [i, j, k] = [v % n, Math.floor(v / n) % n, Math.floor(v / (n * n))];
      return distance(i, j, k, skullCentre) <= 10;
    }).length;
    expect(inCavity / lesion.voxels.length).toBeLessThan(0.8);
    expect(automaticExclusions(anatomy, bone, [lesion])).toEqual([null]);
  });

  it('keeps a region inside the cavity that the osseous test calls osseous (lining the inner table)', () => {
    const lining = region((i, j, k) => {
      const d = distance(i, j, k, skullCentre);
      return d > 8.5 && d <= 10;
    });
    expect(lining.volumeMl).toBeGreaterThanOrEqual(20);
    expect(dilatedFraction(bone, lining.voxels)).toBeGreaterThanOrEqual(0.5);
    expect(automaticExclusions(anatomy, bone, [lining])).toEqual([null]);
    // With a stricter osseous fraction than its own it is not osseous, and it is excluded.
    expect(automaticExclusions(anatomy, bone, [lining], 0.99)[0]?.organ).toBe('brain');
  });

  it('does not take a region below the top of the spinal column for the brain, even inside a bone ring', () => {
    const ring = new Uint8Array(bone);
    for (let k = 2; k <= 8; k++)
      for (let j = 0; j < n; j++)
        for (let i = 0; i < n; i++) {
          const d = Math.hypot(i - 20, j - 20);
          if (d > 10 && d <= 12) ring[at(i, j, k)] = 1;
        }
    const low = region((i, j, k) => k >= 3 && k <= 7 && Math.hypot(i - 20, j - 20) <= 10);
    expect(low.volumeMl).toBeGreaterThanOrEqual(20);
    expect(automaticExclusions(makeAnatomy(ring), ring, [low])).toEqual([null]);
  });
});
