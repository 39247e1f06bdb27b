/**
 * Skeleton segmentation of @bonemet/bonescan measured against this package's bone-scan phantom (it lives
 * here because the phantom may import bonescan, not the other way round). The expectations are the
 * phantom's ground-truth label maps, habitus and superscan flag. The Dice floors are set below what the
 * 40-study benchmark measured (bench/bonescan/segmentation.mjs, seeds 5000–5039: region means
 * skull 0.94, cervical 0.73, thoracic 0.67, lumbar 0.78, sacrum 0.80, pelvis 0.77, ribs 0.66, sternum 0.52,
 * clavicles 0.68, scapulae 0.84, humeri 0.91, femora 0.90), near that benchmark's 10th percentiles, so
 * that a regression shows; they are not the issue's 0.85 target, which most trunk regions do not reach.
 * The sacrum's floor was raised from 0.60 to 0.67 when the bladder was left out of the parts' bone levels
 * (10th percentile 0.63 before, 0.705 after, same seeds).
 */
import {
  assessSuperscan,
  boneScanParts,
  segmentSkeleton,
  type WholeBodyScan,
  type WholeBodyView,
} from '@bonemet/bonescan';
import { describe, expect, it } from 'vitest';
import { generateBoneScanPhantom, type BoneScanPhantom } from './bone-scan-phantom.js';
import type { BoneScanPhantomOptionsInput } from './bone-scan-options.js';

function mirror<T extends Float32Array | Uint8Array>(values: T, columns: number, rows: number, out: T): T {
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      out[row * columns + column] = values[row * columns + columns - 1 - column] ?? 0;
    }
  }
  return out;
}

/** The phantom as readWholeBodyScan returns it: the posterior mirrored to the patient's left on image right. */
function scanOf(phantom: BoneScanPhantom): WholeBodyScan {
  const { columns, rows } = phantom;
  const views = phantom.views.map((v): WholeBodyView => ({
    view: v.view,
    counts:
      v.view === 'anterior'
        ? Float32Array.from(v.counts)
        : mirror(Float32Array.from(v.counts), columns, rows, new Float32Array(v.counts.length)),
    columns,
    rows,
    pixelSpacingMm: [phantom.pixelSizeMm, phantom.pixelSizeMm],
    orientation: {
      headAtTop: true,
      patientLeftOn: 'image-right',
      mirroredLeftRight: v.view === 'posterior',
      flippedTopBottom: false,
      basis: 'convention',
    },
    sourceKind: 'nm',
    countsAreCalibrated: true,
    viewBasis: 'caller',
    source: 'phantom',
  }));
  return { views, acquisition: {}, warnings: [] };
}

const regionOf = (id: string): string => id.replace(/_(left|right)$/, '');

function regionDice(truth: Uint8Array, found: Uint8Array, region: string): number | undefined {
  const labels = new Set(boneScanParts.filter((p) => regionOf(p.id) === region).map((p) => p.label));
  let a = 0;
  let b = 0;
  let both = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = labels.has(truth[i] ?? 0);
    const f = labels.has(found[i] ?? 0);
    if (t) a++;
    if (f) b++;
    if (t && f) both++;
  }
  return a === 0 ? undefined : (2 * both) / (a + b);
}

const floors: Readonly<Record<string, number>> = {
  skull: 0.9,
  cervical_spine: 0.65,
  thoracic_spine: 0.5,
  lumbar_spine: 0.65,
  sacrum: 0.67,
  pelvis: 0.7,
  ribs: 0.55,
  sternum: 0.3,
  clavicle: 0.5,
  scapula: 0.78,
  humerus: 0.8,
  femur: 0.82,
  tibia: 0.9,
  hand: 0.8,
};

const studies: BoneScanPhantomOptionsInput[] = [
  { seed: 31, sex: 'F', heightCm: 152, armPose: 'sides', rotationDeg: -4, pixelSizeMm: 2.0, columns: 256 },
  { seed: 32, sex: 'M', heightCm: 193, armPose: 'apart', rotationDeg: 4, pixelSizeMm: 3.0, columns: 256 },
  { seed: 33, sex: 'F', heightCm: 176, armPose: 'apart', rotationDeg: 2, pixelSizeMm: 2.4, columns: 512 },
  { seed: 34, sex: 'M', heightCm: 165, armPose: 'sides', rotationDeg: -2, pixelSizeMm: 2.8, columns: 512 },
];

describe('segmentSkeleton on the bone-scan phantom', () => {
  const results = studies.map((options) => {
    const phantom = generateBoneScanPhantom({ ...options, superscan: false });
    return { phantom, segmentation: segmentSkeleton(scanOf(phantom)) };
  });

  it('finds the body height within 3 cm and the in-plane rotation within 1° of the phantom’s', () => {
    for (const { phantom, segmentation } of results) {
      for (const view of segmentation.views) {
        expect(Math.abs(view.landmarks.bodyHeightMm / 10 - phantom.habitus.heightCm)).toBeLessThan(3);
        expect(Math.abs(view.landmarks.rotationDeg - phantom.habitus.rotationDeg)).toBeLessThan(1);
      }
    }
  });

  it('reaches the measured Dice floors per region (mean over 4 studies × 2 views; female and male, 152–193 cm, arms at the sides and apart, ±4°, 2.0–3.0 mm, 256 and 512 columns)', () => {
    const means: Record<string, number> = {};
    for (const region of Object.keys(floors)) {
      const values: number[] = [];
      for (const { phantom, segmentation } of results) {
        segmentation.views.forEach((view, i) => {
          const stored = phantom.views[i]?.labels ?? new Uint8Array(0);
          const truth =
            view.view === 'anterior'
              ? stored
              : mirror(stored, phantom.columns, phantom.rows, new Uint8Array(stored.length));
          const d = regionDice(truth, view.labels, region);
          if (d !== undefined) values.push(d);
        });
      }
      means[region] = values.reduce((s, v) => s + v, 0) / values.length;
    }
    for (const [region, floor] of Object.entries(floors)) {
      expect(means[region] ?? 0, region).toBeGreaterThanOrEqual(floor);
    }
  });

  it('does not report the fit as doubtful on these whole-body studies', () => {
    for (const { segmentation } of results) expect(segmentation.warnings).toEqual([]);
  });

  it('flags the phantom’s superscan (bone × 2.5, kidneys and bladder × 0.1) and not the same study without it', () => {
    const options = studies[2] ?? {};
    const normal = results[2];
    const superscan = generateBoneScanPhantom({ ...options, superscan: true });
    const superscanScan = scanOf(superscan);
    const flagged = assessSuperscan(superscanScan, segmentSkeleton(superscanScan));
    expect(flagged.superscan).toBe(true);
    expect(flagged.kidneyToBoneRatio).not.toBeNull();
    if (normal === undefined) throw new Error('missing study');
    const clear = assessSuperscan(scanOf(normal.phantom), normal.segmentation);
    expect(clear.superscan).toBe(false);
    // Bone ×2.5 and soft tissue ×0.5 multiply the bone-to-soft-tissue ratio by about 5.
    expect((flagged.boneToSoftTissueRatio ?? 0) / (clear.boneToSoftTissueRatio ?? 1)).toBeGreaterThan(2.5);
  });
});
