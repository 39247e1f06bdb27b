import { analyzeWholeBodyScan, readWholeBodyScan } from '@bonemet/bonescan';
import { isBonemetError } from '@bonemet/core';
import { readSegmentationSource } from '@bonemet/dicom';
import {
  boneScanTrackingStudy,
  computeBoneScanFlare,
  mapEarlierToLater,
  registerBoneScanView,
  trackBoneScanStudies,
  type BoneScanViewImage,
  type TrackableHotspot,
} from '@bonemet/response';
import { describe, expect, it } from 'vitest';
import { encodeBoneScanNm } from './bone-scan-dicom.js';
import { generateBoneScanPhantom, type BoneScanPhantom } from './bone-scan-phantom.js';
import { boneScanTimelineFile, generateBoneScanTimeline, type BoneScanTimeline } from './bone-scan-timeline.js';

/** The anterior view of a phantom as registration input; normal bone = median count on the skeleton labels. */
function anteriorImage(phantom: BoneScanPhantom): BoneScanViewImage {
  const view = phantom.views[0];
  const onBone = [...view.counts].filter((_, i) => (view.labels[i] ?? 0) !== 0).sort((a, b) => a - b);
  return {
    view: 'anterior',
    counts: Float32Array.from(view.counts),
    columns: phantom.columns,
    rows: phantom.rows,
    pixelSpacingMm: [phantom.pixelSizeMm, phantom.pixelSizeMm],
    labels: view.labels,
    normalBoneCounts: onBone[onBone.length >> 1] ?? 1,
  };
}

/** Hand-known transform: rotation by θ about the image centre, then a shift, as a map of pixel centres. */
function knownTransform(
  columns: number,
  rows: number,
  rotationDeg: number,
  shift: readonly [number, number],
): (c: number, r: number) => [number, number] {
  const t = (rotationDeg * Math.PI) / 180;
  const cx = (columns - 1) / 2;
  const cy = (rows - 1) / 2;
  return (c, r) => [
    cx + Math.cos(t) * (c - cx) - Math.sin(t) * (r - cy) + shift[0],
    cy + Math.sin(t) * (c - cx) + Math.cos(t) * (r - cy) + shift[1],
  ];
}

/** `image` moved by the transform: each later pixel takes the earlier value at the inverse-mapped place. */
function transformed(
  image: BoneScanViewImage,
  rotationDeg: number,
  shift: readonly [number, number],
): BoneScanViewImage {
  const inverse = knownTransform(image.columns, image.rows, -rotationDeg, [0, 0]);
  const counts = new Float32Array(image.counts.length);
  const labels = new Uint8Array(image.labels.length);
  for (let r = 0; r < image.rows; r++) {
    for (let c = 0; c < image.columns; c++) {
      const [sc, sr] = inverse(c - shift[0], r - shift[1]);
      const c0 = Math.floor(sc);
      const r0 = Math.floor(sr);
      if (c0 < 0 || r0 < 0 || c0 + 1 >= image.columns || r0 + 1 >= image.rows) continue;
      const fc = sc - c0;
      const fr = sr - r0;
      const at = (cc: number, rr: number): number => image.counts[rr * image.columns + cc] ?? 0;
      counts[r * image.columns + c] =
        (at(c0, r0) * (1 - fc) + at(c0 + 1, r0) * fc) * (1 - fr) +
        (at(c0, r0 + 1) * (1 - fc) + at(c0 + 1, r0 + 1) * fc) * fr;
      labels[r * image.columns + c] = image.labels[Math.round(sr) * image.columns + Math.round(sc)] ?? 0;
    }
  }
  return { ...image, counts, labels };
}

const quiet = {
  sex: 'F',
  heightCm: 165,
  armPose: 'sides',
  pixelSizeMm: 2.4,
  totalCountsPerView: 1_500_000,
  superscan: false,
  metastases: 0,
  lyticMetastases: 0,
  degenerativeJoints: false,
  ribFractures: 0,
  poissonNoise: false,
} as const;

describe('bone-scan registration on a phantom', () => {
  it('recovers a known rotation of 3° and shift of (5, −7) pixels applied to a phantom scan', () => {
    const earlier = anteriorImage(generateBoneScanPhantom({ ...quiet, seed: 21, rotationDeg: 0 }));
    const later = transformed(earlier, 3, [5, -7]);
    const registration = registerBoneScanView(earlier, later);
    expect(Math.abs(registration.rotationDeg - 3)).toBeLessThan(0.3);
    const truth = knownTransform(earlier.columns, earlier.rows, 3, [5, -7]);
    // Skeleton points from head to knees, where the anatomy is.
    let worstMm = 0;
    for (let i = 0; i < earlier.labels.length; i += 997) {
      if ((earlier.labels[i] ?? 0) === 0) continue;
      const c = i % earlier.columns;
      const r = Math.floor(i / earlier.columns);
      const [tc, tr] = truth(c, r);
      const [mc, mr] = mapEarlierToLater(registration, c, r);
      worstMm = Math.max(worstMm, Math.hypot(mc - tc, mr - tr) * 2.4);
    }
    expect(worstMm).toBeLessThan(3.6);
    expect(registration.residualMm ?? Infinity).toBeLessThan(3);
  }, 30_000);
});

describe('bone-scan tracking on a noise-free phantom pair', () => {
  it('calls a lesion that doubles increased, an unchanged one stable and a new one new', () => {
    const lumbar = { kind: 'metastasis', part: 'lumbar_spine', diameterMm: 22 } as const;
    const thoracic = { kind: 'metastasis', part: 'thoracic_spine', diameterMm: 22, contrast: 4 } as const;
    const first = generateBoneScanPhantom({
      ...quiet,
      seed: 31,
      rotationDeg: 0,
      lesions: [{ ...lumbar, contrast: 3 }, thoracic],
    });
    const second = generateBoneScanPhantom({
      ...quiet,
      seed: 31,
      rotationDeg: 2,
      totalCountsPerView: 900_000,
      lesions: [
        { ...lumbar, contrast: 6 },
        thoracic,
        { kind: 'metastasis', part: 'femur_left', diameterMm: 20, contrast: 4 },
      ],
    });
    // Hotspots from the phantoms' truth (each visible finding in each view, reading orientation), so that
    // the test checks tracking and not detection; views, skeleton and normal bone from the pipeline.
    const study = (phantom: BoneScanPhantom, date: string): ReturnType<typeof boneScanTrackingStudy> => {
      const analysis = analyzeWholeBodyScan([{ bytes: encodeBoneScanNm(phantom), source: `${date}.dcm` }]);
      const hotspots: TrackableHotspot[] = phantom.truth.findings.flatMap((finding, index) =>
        finding.views.map((view): TrackableHotspot => {
          const [c, r] = finding.centrePx[view];
          const other = view === 'anterior' ? 'posterior' : 'anterior';
          return {
            id: `${finding.part}-${String(index)}-${view}`,
            view,
            region: finding.part,
            columnPx: view === 'posterior' ? phantom.columns - 1 - c : c,
            rowPx: r,
            areaMm2: Math.PI * (finding.diameterMm / 2) ** 2,
            label: 'metastasis',
            otherViewId: finding.views.length === 2 ? `${finding.part}-${String(index)}-${other}` : null,
          };
        }),
      );
      return { ...boneScanTrackingStudy(date, analysis), hotspots };
    };
    const result = trackBoneScanStudies([study(first, '2024-01-01'), study(second, '2024-04-01')]).automatic;
    const stateAt = (part: string): string[] =>
      result.tracks
        .flatMap((t) => t.observations)
        .filter((o) => o.timePointIndex === 1 && o.hotspotId?.startsWith(part) === true)
        .map((o) => o.state);
    expect(new Set(stateAt('lumbar_spine'))).toEqual(new Set(['increased']));
    expect(new Set(stateAt('thoracic_spine'))).toEqual(new Set(['stable']));
    expect(new Set(stateAt('femur_left'))).toEqual(new Set(['new']));
    // Counted once across the two views: one new lesion, one increased since baseline.
    expect(result.flareCounts).toEqual([{ date: '2024-04-01', newCount: 1, increasedCount: 1 }]);
  }, 180_000);
});

function expectInRange(value: number, low: number, high: number): void {
  expect(value).toBeGreaterThanOrEqual(low);
  expect(value).toBeLessThanOrEqual(high);
}

describe('generateBoneScanTimeline', () => {
  const flare: BoneScanTimeline = generateBoneScanTimeline({ seed: 5, timePoints: 3, scenario: 'flare' });

  it('keeps one habitus and varies positioning and counts within the stated ranges', () => {
    const [first, ...rest] = flare.points;
    expect(first?.phantom.habitus.sex).toBe(flare.habitus.sex);
    for (const point of flare.points) {
      expect(point.phantom.habitus.heightCm).toBe(flare.habitus.heightCm);
      expect(point.phantom.pixelSizeMm).toBe(flare.habitus.pixelSizeMm);
      // Shift components are whole pixels within ±7 mm (rounded: at most 7 mm + half a pixel).
      for (const mm of point.positioning.shiftMm)
        expect(Math.abs(mm)).toBeLessThanOrEqual(7 + flare.habitus.pixelSizeMm / 2);
      expectInRange(point.positioning.rotationDeg, -3, 3);
      expectInRange(point.positioning.totalCountsPerView, 800_000, 2_500_000);
    }
    expect(rest.length).toBe(2);
    expect(flare.therapyStartDate > flare.baselineDate).toBe(true);
    expectInRange(flare.points[1]?.daysFromTherapyStart ?? 0, 56, 98);
  });

  it('puts each finding where its truth says, at the same body point in every scan', () => {
    for (const point of flare.points) {
      const view = point.phantom.views[0];
      const columns = point.phantom.columns;
      for (const finding of point.findings.filter((f) => f.present)) {
        const [c, r] = finding.centrePx.anterior;
        // The centre lies on the skeleton of the shifted label map, and the two views mirror each other.
        expect(view.labels[r * columns + c]).not.toBe(0);
        expect(finding.centrePx.posterior[0]).toBe(columns - 1 - c);
        expect(finding.readingCentrePx.posterior).toEqual(finding.readingCentrePx.anterior);
        const atBaseline = flare.points[0]?.findings.find((f) => f.trackId === finding.trackId);
        if (atBaseline !== undefined) expect(finding.bodyPointMm).toEqual(atBaseline.bodyPointMm);
      }
    }
    // A lesion that brightened at the first follow-up: the expected counts at its truth centre rise against
    // those at its baseline truth centre (the same anatomy under other positioning).
    const base = flare.points[0];
    const rise = flare.points[1];
    if (base === undefined || rise === undefined) throw new Error('three time points expected');
    // Peak (largest expected count within 2 pixels of the centre) per normal bone (the median expected count
    // over the skeleton; total counts also hold the bladder, drawn per scan).
    const boneLevel = new Map<typeof base, number>();
    const perBone = (p: typeof base, centre: readonly [number, number]): number => {
      const view = p.phantom.views[0];
      const columns = p.phantom.columns;
      let level = boneLevel.get(p);
      if (level === undefined) {
        const bone = view.expectedCounts.filter((_, i) => (view.labels[i] ?? 0) !== 0).sort();
        level = bone[bone.length >> 1] ?? 1;
        boneLevel.set(p, level);
      }
      let peak = 0;
      for (let dr = -2; dr <= 2; dr++)
        for (let dc = -2; dc <= 2; dc++)
          peak = Math.max(peak, view.expectedCounts[(centre[1] + dr) * columns + centre[0] + dc] ?? 0);
      return peak / level;
    };
    const brighter = rise.findings.filter((f) => f.state === 'increased' && f.views.includes('anterior'));
    expect(brighter.length).toBeGreaterThan(0);
    for (const finding of brighter) {
      const before = base.findings.find((f) => f.trackId === finding.trackId);
      if (before === undefined) throw new Error(`no baseline for ${finding.trackId}`);
      // The contrast rose by ≥ 1.6 × its excess over normal bone; blur and the bone around keep ≥ 1.15 × of it.
      expect(perBone(rise, finding.centrePx.anterior)).toBeGreaterThan(1.15 * perBone(base, before.centrePx.anterior));
    }
  }, 30_000);

  it('derives the flare category by hand: a worsening at 8–14 weeks that falls ≥ 6 weeks later is a flare', () => {
    const [, rise, fall] = flare.points;
    // Rise: apparent new lesions and brighter lesions within the 182-day window.
    expect((rise?.newCount ?? 0) + (rise?.increasedCount ?? 0)).toBeGreaterThan(0);
    expect(rise?.daysFromTherapyStart ?? Infinity).toBeLessThanOrEqual(182);
    // Fall, at least 42 days later: the apparent new lesions are gone and nothing is brighter than at baseline,
    // so there are no 2 further new lesions and the number new-or-increased fell: not confirmed, flare.
    expect(fall?.newCount).toBe(0);
    expect(fall?.increasedCount).toBe(0);
    expect(rise?.category).toBe('flare_not_confirmed');
    expect(fall?.category).toBe('no_progression');
    expect(rise?.findings.filter((f) => f.state === 'new').every((f) => f.malignant)).toBe(true);
    expect(fall?.findings.filter((f) => f.newSinceBaseline).length).toBe(0);
  });

  it('gives no progression for a stable or responding patient, confirmed progression for new lesions twice', () => {
    for (const scenario of ['stable', 'response'] as const) {
      const timeline = generateBoneScanTimeline({ seed: 6, timePoints: 3, scenario, poissonNoise: false });
      expect(timeline.points.map((p) => p.category)).toEqual([null, 'no_progression', 'no_progression']);
    }
    const progression = generateBoneScanTimeline({
      seed: 6,
      timePoints: 3,
      scenario: 'progression',
      poissonNoise: false,
    });
    // New lesions at the first follow-up (within the window), more new lesions ≥ 6 weeks later: confirmed.
    expect(progression.points[1]?.category).toBe('progression_confirmed');
    expect(progression.points[2]?.newCount ?? 0).toBeGreaterThan(progression.points[1]?.newCount ?? 0);
  }, 60_000);

  it('agrees with the response package’s flare rule applied to the truth counts', () => {
    for (const seed of [1, 2]) {
      const timeline = generateBoneScanTimeline({ seed, timePoints: 4, poissonNoise: false });
      const rule = computeBoneScanFlare({
        baselineDate: timeline.baselineDate,
        therapyStartDate: timeline.therapyStartDate,
        scans: timeline.points
          .slice(1)
          .map((p) => ({ date: p.date, newCount: p.newCount, increasedCount: p.increasedCount })),
      });
      expect(timeline.points.slice(1).map((p) => p.category)).toEqual(rule.points.map((p) => p.status));
    }
  }, 60_000);

  it('writes each scan as DICOM with the timeline’s patient and date', () => {
    const bytes = boneScanTimelineFile(flare, 1);
    const header = readSegmentationSource(bytes);
    expect(header.patientId).toBe(flare.patientId);
    expect(header.studyDate).toBe(flare.points[1]?.date.replaceAll('-', ''));
    const scan = readWholeBodyScan([{ bytes, source: 'fu1.dcm' }]);
    expect(scan.views[0]?.counts[5000]).toBe(flare.points[1]?.phantom.views[0].counts[5000]);
  });

  it('refuses options out of range', () => {
    try {
      generateBoneScanTimeline({ seed: 1, timePoints: 6 });
      expect.unreachable();
    } catch (error) {
      expect(isBonemetError(error) && error.code).toBe('invalid_input');
    }
    expect(() => boneScanTimelineFile(flare, 7)).toThrow(/no time point 7/);
  });
});
