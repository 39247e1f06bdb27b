import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { tissueLabels } from './anatomy.js';
import { generatePetCtPhantom } from './pet-ct-phantom.js';

describe('generatePetCtPhantom', () => {
  const phantom = generatePetCtPhantom({ seed: 11 });

  it('converts SUVbw to activity with the decayed dose', () => {
    // 370 MBq decayed over 60 min with T½ 6586.2 s: 370e6·exp(−ln2·3600/6586.2) = 370e6·0.684633 = 253.314e6 Bq;
    // SUVbw 1 g/ml over 70 000 g is 253.314e6 / 70 000 = 3618.77 Bq/ml.
    expect(phantom.truth.bqMlPerSuvbw).toBeCloseTo(3618.77, 1);
    expect(phantom.truth.synthetic).toBe(true);
  });

  it('places every sphere (6 diameters × 2 contrasts) in soft tissue and every osseous lesion in its bone', () => {
    const lesions = phantom.truth.lesions;
    expect(lesions.filter((l) => l.kind === 'hot-sphere')).toHaveLength(12);
    expect(lesions.filter((l) => l.kind === 'osseous')).toHaveLength(4);
    const [nx, ny] = phantom.geometry.dimensions;
    for (const lesion of lesions) {
      const [i, j, k] = lesion.centreIndex;
      const tissue = phantom.tissueLabels[i + nx * (j + ny * k)];
      const expected = {
        'soft-tissue': tissueLabels.softTissue,
        spine: tissueLabels.spine,
        pelvis: tissueLabels.pelvis,
      }[lesion.site];
      expect(tissue).toBe(expected);
      if (lesion.kind === 'hot-sphere') expect(lesion.suvbw).toBe((lesion.contrast ?? 0) * 1);
    }
  });

  it('puts the true activity at each lesion centre when there is no blur or noise', () => {
    const [nx, ny] = phantom.geometry.dimensions;
    for (const lesion of phantom.truth.lesions) {
      const [i, j, k] = lesion.centreIndex;
      const value = phantom.petBqMl[i + nx * (j + ny * k)] ?? 0;
      expect(Math.abs(value / (lesion.suvbw * 3618.774) - 1)).toBeLessThan(1e-6);
    }
  });

  it('labels each mask with the voxels whose centres lie in the sphere', () => {
    // 37 mm sphere on a 4 mm grid: the voxel-centre count approximates 4/3·π·18.5³ / 64 = 414 voxels to within a
    // shell of one voxel (surface 4π·18.5² = 4301 mm² × 2 mm half-voxel / 64 mm³ ≈ 134 voxels).
    const big = phantom.truth.lesions.find((l) => l.diameterMm === 37);
    expect(big).toBeDefined();
    expect(Math.abs((big?.maskVoxelCount ?? 0) - 414)).toBeLessThan(134);
    for (const lesion of phantom.truth.lesions) {
      const count = phantom.lesionLabels.reduce((sum, label) => sum + (label === lesion.label ? 1 : 0), 0);
      expect(count).toBe(lesion.maskVoxelCount);
    }
  });

  it('gives CT numbers of the tissue model (no CT noise)', () => {
    const [nx, ny] = phantom.geometry.dimensions;
    const huAtCentre = (label: number): number | undefined => {
      const lesion = phantom.truth.lesions[label - 1];
      if (lesion === undefined) return undefined;
      const [i, j, k] = lesion.centreIndex;
      return phantom.ctHu[i + nx * (j + ny * k)];
    };
    for (const lesion of phantom.truth.lesions) {
      const expected = lesion.kind === 'hot-sphere' ? 40 : lesion.ctAppearance === 'lytic' ? 30 : 1100;
      expect(huAtCentre(lesion.label)).toBe(expected);
    }
    expect(phantom.ctHu[0]).toBe(-1000);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generatePetCtPhantom({ seed: 11, noiseCv: 0.2, blurFwhmMm: 6 });
    const same = generatePetCtPhantom({ seed: 11, noiseCv: 0.2, blurFwhmMm: 6 });
    const other = generatePetCtPhantom({ seed: 12, noiseCv: 0.2, blurFwhmMm: 6 });
    expect(Buffer.from(again.petBqMl.buffer).equals(Buffer.from(same.petBqMl.buffer))).toBe(true);
    expect(Buffer.from(again.petBqMl.buffer).equals(Buffer.from(other.petBqMl.buffer))).toBe(false);
  });

  it('refuses unknown fields, wrong types and grids too small for the torso', () => {
    const issuePath = (input: unknown): string | undefined => {
      try {
        generatePetCtPhantom(input as never);
      } catch (error) {
        expect(error).toBeInstanceOf(BonemetError);
        expect((error as BonemetError).code).toBe('invalid_input');
        return (error as BonemetError).issues[0]?.path.join('.');
      }
      return undefined;
    };
    expect(issuePath({ colour: 'red' })).toBe('colour');
    expect(issuePath({ seed: 'one' })).toBe('seed');
    expect(issuePath({ blurFwhmMm: -1 })).toBe('blurFwhmMm');
    expect(issuePath({ patient: { weightKg: 70, heightM: 1.7 } })).toBe('patient.sex');
    expect(issuePath({ dimensions: [64, 64, 48] })).toBe('dimensions.0');
  });
});
