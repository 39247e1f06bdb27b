import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { axialLayout, tissueAt, tissueLabels, vertebralLevelAt } from './anatomy.js';
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
        sacrum: tissueLabels.sacrum,
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

  it('has lungs above the liver, kidneys beside the spine, the bladder in the pelvic ring and levels from the sacrum', () => {
    // Default grid: 188 mm from z = −94 to 94; pelvic top at 0.28 × 188 − 94 = −41.36 mm; liver centre at
    // 0.62 × 188 − 94 = 22.56 mm with z semi-axis 0.2 × 188 = 37.6 mm; lung base 0.6 × 37.6 above it = 45.12 mm.
    const layout = axialLayout(phantom.geometry);
    expect(layout.pelvisTopZMm).toBeCloseTo(-41.36, 6);
    expect(layout.lungBaseZMm).toBeCloseTo(45.12, 6);
    expect(tissueAt(-85, -5, 60, layout)).toBe(tissueLabels.lung); // right lung, above the base
    expect(tissueAt(-80, -15, 22.56, layout)).toBe(tissueLabels.liver); // liver centre
    // Kidney centre 0.45 × 188 − 94 = −9.4 mm: parenchyma at x = ±(75 + 15) mm, urine at the renal pelvis ±67 mm.
    expect(tissueAt(90, 55, -9.4, layout)).toBe(tissueLabels.kidney);
    expect(tissueAt(-67, 55, -9.4, layout)).toBe(tissueLabels.urine);
    // Bladder centre 0.12 × 188 − 94 = −71.44 mm, on the midline at y = −5 mm, inside the pelvic ring.
    expect(tissueAt(0, -5, -71.44, layout)).toBe(tissueLabels.urine);
    expect(tissueAt(120, 20, -71.44, layout)).toBe(tissueLabels.pelvis);
    expect(tissueAt(0, 50, -71.44, layout)).toBe(tissueLabels.sacrum);
    // The disc L5/S1 spans 0–5 mm above the pelvic top; L5 5–30 mm; L4 35–60 mm.
    expect(vertebralLevelAt(-41.36 + 2, layout)).toBeNull();
    expect(vertebralLevelAt(-41.36 + 17, layout)).toBe('L5');
    expect(vertebralLevelAt(-41.36 + 47, layout)).toBe('L4');
    expect(layout.skullCentreZMm).toBeNull(); // 188 mm is too short for a head
  });

  it('gives every osseous lesion the skeletal location of its centre', () => {
    const layout = axialLayout(phantom.geometry);
    for (const lesion of phantom.truth.lesions.filter((l) => l.kind === 'osseous')) {
      const [, , z] = lesion.centreMm;
      if (lesion.site === 'spine') {
        expect(lesion.skeletalLocation).toEqual({ bone: 'vertebra', level: vertebralLevelAt(z, layout) });
      } else {
        // Pelvic ring: laterality from x (LPS: x < 0 is the patient right).
        expect(lesion.skeletalLocation?.laterality).toBe(lesion.centreMm[0] < 0 ? 'right' : 'left');
        expect(['ilium', 'pubis']).toContain(lesion.skeletalLocation?.bone);
      }
    }
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
