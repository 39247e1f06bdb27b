import { describe, expect, it } from 'vitest';
import { analyzeBoneScanHotspots, type AnalysedHotspot } from './analyze-hotspots.js';
import {
  exactOptions,
  handBuiltCounts,
  handBuiltMap,
  handBuiltView,
  paint,
} from './test-support/hand-built-skeleton.js';

/** Analyses one anterior view of the hand-built skeleton after `draw` paints findings on it. */
function analyse(draw: (counts: Float32Array) => void): readonly AnalysedHotspot[] {
  const counts = handBuiltCounts();
  draw(counts);
  return analyzeBoneScanHotspots({
    scan: { views: [handBuiltView('anterior', counts)], acquisition: {}, warnings: [] },
    regionMaps: [handBuiltMap('anterior')],
    options: exactOptions,
  }).automatic.hotspots;
}

describe('benign patterns, each on a hand-built case (rule-based labels)', () => {
  it('urinary bladder: large midline uptake below the sacrum, off the bone', () => {
    // 10 × 10 pixels (400 mm²) between the pelvic halves, rows 120–129, below the sacrum (rows 105–119).
    const hotspots = analyse((c) => paint(c, 45, 54, 120, 129, 590));
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]).toMatchObject({ rule: 'urinary-bladder', label: 'benign', onSkeletonFraction: 0 });
    expect(hotspots[0]?.reason).toMatch(/bladder/);
  });

  it('kidney: off-skeleton uptake beside the lumbar spine, 30 mm from the midline', () => {
    // Columns 62–67 (centre 64.5: (64.5 − 49.5) × 2 mm = 30 mm to the patient's left), rows 84–95.
    const hotspots = analyse((c) => paint(c, 62, 67, 84, 95, 190));
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]).toMatchObject({ rule: 'kidney', label: 'benign' });
    expect(hotspots[0]?.offsetFromMidlineMm).toBeCloseTo(30, 6);
  });

  it('injection site: off-skeleton uptake beside one arm', () => {
    // Columns 5–8, rows 60–64: soft tissue lateral to the right humerus (columns 10–13).
    const hotspots = analyse((c) => paint(c, 5, 8, 60, 64, 390));
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]).toMatchObject({ rule: 'injection-site', label: 'benign' });
  });

  it('symmetric degenerative joints: the same uptake at both hips', () => {
    // Right hip: columns 32–35, rows 128–131 (pelvis and femur meet between rows 129 and 130); left hip
    // mirrored about column 49.5: columns 64–67.
    const hotspots = analyse((c) => {
      paint(c, 32, 35, 128, 131, 250);
      paint(c, 64, 67, 128, 131, 250);
    });
    expect(hotspots).toHaveLength(2);
    for (const h of hotspots) {
      expect(h).toMatchObject({ rule: 'symmetric-degenerative-joint', label: 'benign' });
      expect(h.nearestJoint?.joint).toBe('hip');
      expect(h.contralateralRatio).toBeCloseTo(1, 6);
    }
    expect(hotspots.map((h) => h.contralateralHotspotId).sort()).toEqual(['ANT-1', 'ANT-2']);
  });

  it('the same hip uptake on one side only stays suspicious', () => {
    const hotspots = analyse((c) => paint(c, 32, 35, 128, 131, 250));
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]).toMatchObject({ rule: 'focal-uptake', label: 'metastasis' });
    // Mirrored position is normal bone (ratio 1) against 2.5 here.
    expect(hotspots[0]?.contralateralRatio).toBeCloseTo(1 / 2.5, 6);
  });

  it('symmetric uptake away from joints: the same focus on a right and a left rib at mirrored positions', () => {
    // Right rib row 56–57, columns 30–35 (12 pixels = 48 mm²); mirrored about column 49.5: columns 64–69. Both
    // at 2.5× normal bone, more than 30 mm from every joint (the shoulders are near row 30, the hips near 130).
    const hotspots = analyse((c) => {
      paint(c, 30, 35, 56, 57, 250);
      paint(c, 64, 69, 56, 57, 250);
    });
    expect(hotspots).toHaveLength(2);
    for (const h of hotspots) {
      expect(h).toMatchObject({ region: 'ribs', rule: 'symmetric-uptake', label: 'benign' });
      expect(h.contralateralRatio).toBeCloseTo(1, 6);
    }
    // One side alone is not symmetric: it stays a focal-uptake hotspot.
    const single = analyse((c) => paint(c, 30, 35, 56, 57, 250));
    expect(single).toHaveLength(1);
    expect(single[0]?.rule).toBe('focal-uptake');
  });

  it('aligned rib fractures: three hotspots on consecutive left ribs in one vertical line', () => {
    // Ribs at rows 38–39, 44–45, 50–51 (12 mm apart), columns 66–71 each: 12 pixels = 48 mm².
    const hotspots = analyse((c) => {
      for (const row of [38, 44, 50]) paint(c, 66, 71, row, row + 1, 300);
    });
    expect(hotspots).toHaveLength(3);
    for (const h of hotspots)
      expect(h).toMatchObject({ region: 'ribs', rule: 'aligned-rib-fractures', label: 'benign' });
    expect(hotspots[0]?.alignedRibHotspotIds).toEqual(['ANT-2', 'ANT-3']);
  });

  it('scattered rib hotspots are not a fracture line', () => {
    // Same ribs, but 16 columns (32 mm) apart sideways for 12 mm down: more than 35° from vertical.
    const hotspots = analyse((c) => {
      paint(c, 56, 61, 38, 39, 300);
      paint(c, 72, 77, 44, 45, 300);
    });
    expect(hotspots.map((h) => h.rule)).toEqual(['focal-uptake', 'focal-uptake']);
  });

  it('photopenic lesion with a hot rim: lytic pattern, suspicious', () => {
    // In the right pelvis: a 6 × 6 centre at 20 counts of bone (0.2×) inside a 2-pixel rim at 250 (2.5×).
    const hotspots = analyse((c) => {
      paint(c, 30, 39, 112, 121, 250);
      paint(c, 32, 37, 114, 119, 20);
    });
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]).toMatchObject({
      kind: 'cold-with-rim',
      rule: 'lytic-with-rim',
      label: 'metastasis',
      region: 'pelvis',
    });
    expect(hotspots[0]?.coldCentreRatioMean).toBeCloseTo(0.2, 5);
    expect(hotspots[0]?.rimRatioMean).toBeGreaterThan(1.2);
  });

  it('a faint, small focus is not called', () => {
    // 1.4× over 12 pixels (48 mm²): 0.3 + 0.4 × 0.1/1.2 + 0.3 × 8/160 = 0.3483 < 0.5.
    const hotspots = analyse((c) => paint(c, 47, 50, 60, 62, 140));
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]?.label).toBe('benign');
    expect(hotspots[0]?.score).toBeCloseTo(0.3 + (0.4 * 0.1) / 1.2 + (0.3 * 8) / 160, 5);
  });
});
