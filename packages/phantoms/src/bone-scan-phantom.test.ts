import { BonemetError, bsiRegionIds, bsiTotalWeightPercent } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { boneScanPart, boneScanParts, bsiUnitKey, bsiUnitWeightPercent } from '@bonemet/bonescan';
import { generateBoneScanPhantom, type BoneScanPhantomView } from './bone-scan-phantom.js';
import type { BoneScanPhantomOptionsInput } from './bone-scan-options.js';
import { logFactorial, poissonSample } from './bone-scan-poisson.js';
import { SeededRandom } from './seeded-random.js';

/** No random findings, skeleton only, no blur, no noise: images a hand computation can follow. */
const plain: BoneScanPhantomOptionsInput = {
  seed: 7,
  sex: 'F',
  heightCm: 165,
  armPose: 'sides',
  rotationDeg: 0,
  pixelSizeMm: 2.4,
  totalCountsPerView: 1_500_000,
  superscan: false,
  metastases: 0,
  lyticMetastases: 0,
  degenerativeJoints: false,
  ribFractures: 0,
  softTissue: false,
  blurFwhmMm: 0,
  poissonNoise: false,
};

const at = (view: BoneScanPhantomView, columns: number, [c, r]: readonly [number, number]): number =>
  view.expectedCounts[r * columns + c] ?? 0;

describe('bone-scan phantom generation', () => {
  it('is deterministic by seed, and another seed gives another study', () => {
    const a = generateBoneScanPhantom({ seed: 42 });
    const b = generateBoneScanPhantom({ seed: 42 });
    const c = generateBoneScanPhantom({ seed: 43 });
    const bytes = (counts: Uint16Array): Buffer => Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength);
    // Byte comparison: a deep equality over 2 × 262 144 elements is slow.
    expect(bytes(b.views[0].counts).equals(bytes(a.views[0].counts))).toBe(true);
    expect(bytes(b.views[1].counts).equals(bytes(a.views[1].counts))).toBe(true);
    expect(bytes(c.views[0].counts).equals(bytes(a.views[0].counts))).toBe(false);
    expect(b.truth).toEqual(a.truth);
    expect(b.habitus).toEqual(a.habitus);
    expect(c.habitus).not.toEqual(a.habitus);
  });

  it('fixing one option leaves the other drawn values unchanged', () => {
    const free = generateBoneScanPhantom({ seed: 5 });
    const fixed = generateBoneScanPhantom({ seed: 5, heightCm: 190 });
    expect(fixed.habitus.sex).toBe(free.habitus.sex);
    expect(fixed.habitus.rotationDeg).toBe(free.habitus.rotationDeg);
    expect(fixed.pixelSizeMm).toBe(free.pixelSizeMm);
    expect(fixed.expectedTotalCountsPerView).toBe(free.expectedTotalCountsPerView);
  });

  it('draws habitus and acquisition inside the ranges of the brief over many seeds', () => {
    for (let seed = 100; seed < 112; seed++) {
      const p = generateBoneScanPhantom({ seed, poissonNoise: false, blurFwhmMm: 0 });
      expect(p.habitus.heightCm).toBeGreaterThanOrEqual(150);
      expect(p.habitus.heightCm).toBeLessThanOrEqual(195);
      expect(Math.abs(p.habitus.rotationDeg)).toBeLessThanOrEqual(5);
      expect(p.pixelSizeMm).toBeGreaterThanOrEqual(2);
      expect(p.pixelSizeMm).toBeLessThanOrEqual(3);
      expect(p.expectedTotalCountsPerView).toBeGreaterThanOrEqual(400_000);
      expect(p.expectedTotalCountsPerView).toBeLessThanOrEqual(3_000_000);
      // The body plus margins fits the rows: 1024 rows unless a tall body at a small pixel needs more.
      expect(p.rows).toBeGreaterThanOrEqual(1024);
      expect(p.rows * p.pixelSizeMm).toBeGreaterThan(p.habitus.heightCm * 10);
      for (const finding of p.truth.findings.filter((f) => f.kind === 'metastasis')) {
        expect(finding.diameterMm).toBeGreaterThanOrEqual(8);
        expect(finding.diameterMm).toBeLessThanOrEqual(40);
        expect(finding.contrast).toBeGreaterThanOrEqual(1.3);
        expect(finding.contrast).toBeLessThanOrEqual(8);
      }
    }
  });

  it('gives total counts within Poisson expectation of the requested total', () => {
    // Each pixel is Poisson with mean E_i and ΣE_i = N, so the total is Poisson(N): SD √N. 4 SD bounds
    // fail with probability 6e-5 per view.
    for (const [seed, total] of [
      [1, 400_000],
      [2, 1_500_000],
      [3, 3_000_000],
    ] as const) {
      const p = generateBoneScanPhantom({ seed, totalCountsPerView: total });
      for (const view of p.views) {
        expect(Math.abs(view.totalCounts - total)).toBeLessThanOrEqual(4 * Math.sqrt(total));
        let sum = 0;
        for (const n of view.counts) sum += n;
        expect(sum).toBe(view.totalCounts);
        let expected = 0;
        for (const e of view.expectedCounts) expected += e;
        expect(expected).toBeCloseTo(total, -1);
      }
    }
  });

  it('covers the skeleton with the region maps: bone counts exactly where a part label is', () => {
    const p = generateBoneScanPhantom({ ...plain, columns: 512 });
    for (const view of p.views) {
      let mismatches = 0;
      view.labels.forEach((label, i) => {
        if (label > 0 !== (view.expectedCounts[i] ?? 0) > 0) mismatches++;
      });
      expect(mismatches).toBe(0);
    }
  });

  it('has every part of the table, and the BSI weights of the labelled units sum to core’s table', () => {
    // 512 columns at 2.4 mm (1229 mm) hold the arms whatever the pose, so no part is cut off.
    const p = generateBoneScanPhantom({ ...plain, columns: 512 });
    const present = new Set(p.views[0].labels);
    for (const part of boneScanParts) expect(present.has(part.label), part.id).toBe(true);
    const units = new Map(boneScanParts.map((part) => [bsiUnitKey(part), bsiUnitWeightPercent(part)]));
    const sum = [...units.values()].reduce((a, b) => a + b, 0);
    // Core's table: 16 regions, 10 of them paired; published total 100.1 %.
    expect(Math.round(sum * 10) / 10).toBe(bsiTotalWeightPercent);
    expect(new Set(boneScanParts.map((part) => part.bsiRegion))).toEqual(new Set(bsiRegionIds));
    expect(units.get('femur/left')).toBe(8.9);
    expect(units.get('spine_sacrum')).toBe(8.3);
  });

  it('mirrors the posterior region map, except where the sternum and the spine overlap', () => {
    const p = generateBoneScanPhantom({ ...plain, seed: 9 });
    const { columns, rows } = p;
    const [anterior, posterior] = p.views;
    const sternum = boneScanPart('sternum').label;
    const spine = new Set(['cervical_spine', 'thoracic_spine'].map((id) => boneScanPart(id as 'sternum').label));
    let differing = 0;
    let sternumOverSpine = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const a = anterior.labels[r * columns + c];
        const b = posterior.labels[r * columns + columns - 1 - c];
        if (a === b) continue;
        differing++;
        if (a === sternum && b !== undefined && spine.has(b)) sternumOverSpine++;
      }
    }
    expect(differing).toBeGreaterThan(0);
    expect(sternumOverSpine).toBe(differing);
  });

  it('a lesion multiplies its bone’s uptake by its contrast (noise-free, blur-free)', () => {
    const lesion = { kind: 'metastasis', part: 'femur_left', diameterMm: 20, contrast: 3 } as const;
    const withLesion = generateBoneScanPhantom({ ...plain, lesions: [lesion] });
    const without = generateBoneScanPhantom(plain);
    const [finding] = withLesion.truth.findings;
    if (finding === undefined) throw new Error('no finding');
    const { columns, pixelSizeMm } = withLesion;
    // Hand computation: both images are the same bone image B scaled to the same total N, B′ = B except
    // ×c inside the disc. E′/E = c·k inside and k outside, k = ΣB/ΣB′, so the ratio of ratios is c.
    const centre = finding.centrePx.anterior;
    const outside = [centre[0], centre[1] + Math.ceil(20 / pixelSizeMm)] as const;
    expect(withLesion.views[0].labels[outside[1] * columns + outside[0]]).toBe(boneScanPart('femur_left').label);
    for (const view of [0, 1] as const) {
      const c = view === 0 ? centre : finding.centrePx.posterior;
      const o = view === 0 ? outside : ([columns - 1 - outside[0], outside[1]] as const);
      const inside = at(withLesion.views[view], columns, c) / at(without.views[view], columns, c);
      const beyond = at(withLesion.views[view], columns, o) / at(without.views[view], columns, o);
      expect(inside / beyond).toBeCloseTo(3, 5);
    }
  });

  it('a lesion in a flat bone stands out from its neighbourhood by exactly its contrast', () => {
    // The sacrum is drawn as a flat plate at one depth: normal bone gives the same counts in every pixel, so
    // the lesion-to-neighbour ratio is the contrast itself, c·u·a / (u·a) = c.
    const p = generateBoneScanPhantom({
      ...plain,
      lesions: [{ kind: 'metastasis', part: 'sacrum', diameterMm: 10, contrast: 2.5 }],
    });
    const [finding] = p.truth.findings;
    if (finding === undefined) throw new Error('no finding');
    const { columns, pixelSizeMm } = p;
    for (const view of [0, 1] as const) {
      const centre = view === 0 ? finding.centrePx.anterior : finding.centrePx.posterior;
      // 10 mm below the lesion's edge, still in the sacrum.
      const below = [centre[0], centre[1] + Math.ceil(15 / pixelSizeMm)] as const;
      expect(p.views[view].labels[below[1] * columns + below[0]]).toBe(boneScanPart('sacrum').label);
      expect(at(p.views[view], columns, centre) / at(p.views[view], columns, below)).toBeCloseTo(2.5, 5);
    }
  });

  it('a lytic lesion has its cold centre and hot rim at the stated multiples of normal bone', () => {
    const lytic = {
      kind: 'lytic-metastasis',
      part: 'femur_right',
      diameterMm: 24,
      contrast: 0.2,
      rimContrast: 2.5,
      rimWidthMm: 5,
    } as const;
    const withLesion = generateBoneScanPhantom({ ...plain, lesions: [lytic] });
    const without = generateBoneScanPhantom(plain);
    const [finding] = withLesion.truth.findings;
    if (finding === undefined) throw new Error('no finding');
    const { columns, pixelSizeMm } = withLesion;
    const c = finding.centrePx.anterior;
    // 10 mm from the centre along the shaft: inside the 12 mm radius, outside the 7 mm cold core.
    const rim = [c[0], c[1] + Math.round(10 / pixelSizeMm)] as const;
    const far = [c[0], c[1] + Math.ceil(25 / pixelSizeMm)] as const;
    const ratio = (p: readonly [number, number]): number =>
      at(withLesion.views[0], columns, p) / at(without.views[0], columns, p);
    expect(ratio(c) / ratio(far)).toBeCloseTo(0.2, 5);
    expect(ratio(rim) / ratio(far)).toBeCloseTo(2.5, 5);
  });

  it('computes the true BSI as involved fraction × skeletal-mass weight', () => {
    const p = generateBoneScanPhantom({
      ...plain,
      lesions: [
        { kind: 'metastasis', part: 'femur_left', diameterMm: 30, contrast: 4 },
        { kind: 'lytic-metastasis', part: 'pelvis', diameterMm: 30, contrast: 0.3 },
        { kind: 'degenerative-joint', part: 'tibia_right', diameterMm: 15, contrast: 2 },
      ],
    });
    const { columns, pixelSizeMm } = p;
    const labels = p.views[0].labels;
    // Independent count of each disc's pixels that carry the part's label.
    const involved = p.truth.findings.map((f) => {
      const label = boneScanPart(f.part).label;
      const radiusPx = f.diameterMm / 2 / pixelSizeMm;
      let n = 0;
      labels.forEach((l, i) => {
        const dc = (i % columns) - f.centrePx.anterior[0];
        const dr = Math.floor(i / columns) - f.centrePx.anterior[1];
        if (l === label && Math.hypot(dc, dr) <= radiusPx) n++;
      });
      return n;
    });
    expect(p.truth.findings.map((f) => f.involvedPixels.anterior)).toEqual(involved);
    const area = (id: string): number => labels.filter((l) => l === boneScanPart(id as 'pelvis').label).length;
    // Femur per side 8.9 %, pelvis 7.5 % (Imbriaco 1998 table); the degenerative joint does not count.
    const femur = ((involved[0] ?? 0) / area('femur_left')) * 8.9;
    const pelvis = ((involved[1] ?? 0) / area('pelvis')) * 7.5;
    expect(p.truth.bsi.anterior.percent).toBeCloseTo(femur + pelvis, 10);
    expect(p.truth.bsi.anterior.hotPercent).toBeCloseTo(femur, 10);
    expect(Object.keys(p.truth.bsi.anterior.byRegion).sort()).toEqual(['femur', 'pelvis']);
    expect(p.truth.bsi.anterior.byRegion.femur).toBeCloseTo(femur, 10);
    expect(p.truth.bsi.anterior.byRegion.pelvis).toBeCloseTo(pelvis, 10);
    // No sternum–spine overlap involved: both views agree.
    expect(p.truth.bsi.posterior.percent).toBeCloseTo(p.truth.bsi.anterior.percent, 10);
    expect(p.truth.bsi.percent).toBeCloseTo(femur + pelvis, 10);
    expect(p.truth.findings.map((f) => f.malignant)).toEqual([true, true, false]);
  });

  it('shows deep findings in the view of the nearer head, and places posterior centres mirrored', () => {
    const p = generateBoneScanPhantom({
      ...plain,
      lesions: [
        { kind: 'metastasis', part: 'sternum', diameterMm: 15, contrast: 3 },
        { kind: 'metastasis', part: 'lumbar_spine', diameterMm: 15, contrast: 3 },
        { kind: 'metastasis', part: 'femur_left', diameterMm: 15, contrast: 3 },
      ],
    });
    const [sternum, spine, femur] = p.truth.findings;
    // Sternum 5 % deep in the trunk, 210 mm thick at 170 cm, scaled to 165 cm: 203.8 mm.
    // exp(−0.012 · 0.05 · 203.8) = 0.885 anterior vs exp(−0.012 · 0.95 · 203.8) = 0.098 posterior.
    const trunkMm = (210 * 165) / 170;
    expect(sternum?.views).toEqual(['anterior']);
    expect(sternum?.attenuation.anterior).toBeCloseTo(Math.exp(-0.012 * 0.05 * trunkMm), 6);
    expect(sternum?.attenuation.posterior).toBeCloseTo(Math.exp(-0.012 * 0.95 * trunkMm), 6);
    // Lumbar vertebra 68 % deep: 0.18 anterior vs 0.45 posterior, ratio 0.4 ≥ 0.25: both views.
    expect(spine?.views).toEqual(['anterior', 'posterior']);
    expect(spine?.attenuation.posterior ?? 0).toBeGreaterThan(spine?.attenuation.anterior ?? 1);
    expect(femur?.views).toEqual(['anterior', 'posterior']);
    for (const f of p.truth.findings) {
      expect(f.centrePx.posterior[0]).toBe(p.columns - 1 - f.centrePx.anterior[0]);
      expect(f.centrePx.posterior[1]).toBe(f.centrePx.anterior[1]);
    }
  });

  it('makes the kidneys brighter posteriorly and the bladder brighter anteriorly', () => {
    const p = generateBoneScanPhantom({ ...plain, softTissue: true, seed: 21 });
    const [anterior, posterior] = p.views;
    for (const site of p.truth.uptakeSites) {
      const a = at(anterior, p.columns, site.centrePx.anterior);
      const b = at(posterior, p.columns, site.centrePx.posterior);
      if (site.kind === 'kidney') expect(b).toBeGreaterThan(1.5 * a);
      // The sacrum lies behind the bladder and adds to the posterior pixel: only the order is asserted.
      if (site.kind === 'bladder') expect(a).toBeGreaterThan(b);
      if (site.kind === 'injection-site') expect(a).toBeGreaterThan(b);
    }
    expect(p.truth.uptakeSites.map((s) => s.kind).sort()).toEqual(['bladder', 'injection-site', 'kidney', 'kidney']);
  });

  it('a superscan puts more of the counts in the skeleton and fewer in the kidneys', () => {
    const base = { ...plain, softTissue: true, blurFwhmMm: 8.5, seed: 31 };
    const normal = generateBoneScanPhantom({ ...base, superscan: false });
    const superscan = generateBoneScanPhantom({ ...base, superscan: true });
    const boneFraction = (view: BoneScanPhantomView): number => {
      let bone = 0;
      let all = 0;
      view.expectedCounts.forEach((e, i) => {
        all += e;
        if ((view.labels[i] ?? 0) > 0) bone += e;
      });
      return bone / all;
    };
    expect(boneFraction(superscan.views[1])).toBeGreaterThan(boneFraction(normal.views[1]));
    const kidney = normal.truth.uptakeSites.find((s) => s.kind === 'kidney');
    if (kidney === undefined) throw new Error('no kidney');
    expect(at(superscan.views[1], superscan.columns, kidney.centrePx.posterior)).toBeLessThan(
      at(normal.views[1], normal.columns, kidney.centrePx.posterior),
    );
    expect(superscan.superscan).toBe(true);
  });

  it('places symmetric degenerative joints and rib fractures aligned on consecutive ribs', () => {
    const p = generateBoneScanPhantom({ ...plain, degenerativeJoints: true, ribFractures: 3, seed: 12 });
    const joints = p.truth.findings.filter((f) => f.kind === 'degenerative-joint');
    expect(joints.length).toBeGreaterThanOrEqual(2);
    expect(joints.length % 2).toBe(0);
    for (let i = 0; i < joints.length; i += 2) {
      const [a, b] = [joints[i], joints[i + 1]];
      // Mirror images about the midline: columns symmetric about the centre, same row (no rotation here).
      expect(
        Math.abs((a?.centrePx.anterior[0] ?? 0) + (b?.centrePx.anterior[0] ?? 0) - (p.columns - 1)),
      ).toBeLessThanOrEqual(2);
      expect(Math.abs((a?.centrePx.anterior[1] ?? 0) - (b?.centrePx.anterior[1] ?? 0))).toBeLessThanOrEqual(1);
    }
    const fractures = p.truth.findings.filter((f) => f.kind === 'rib-fracture');
    expect(fractures).toHaveLength(3);
    const rowsDown = fractures.map((f) => f.centrePx.anterior[1]);
    expect(rowsDown).toEqual([...rowsDown].sort((x, y) => x - y));
    // Same place along consecutive ribs: close in column, 15–45 mm apart vertically.
    const columnsAcross = fractures.map((f) => f.centrePx.anterior[0]);
    expect(Math.max(...columnsAcross) - Math.min(...columnsAcross)).toBeLessThanOrEqual(12);
    for (let i = 1; i < fractures.length; i++) {
      const gapMm = ((rowsDown[i] ?? 0) - (rowsDown[i - 1] ?? 0)) * p.pixelSizeMm;
      expect(gapMm).toBeGreaterThan(10);
      expect(gapMm).toBeLessThan(45);
    }
    expect(fractures.every((f) => !f.malignant && f.part === 'ribs')).toBe(true);
  });

  it('refuses a caller’s lesion centred outside the image, naming the lesion', () => {
    let error: unknown;
    try {
      generateBoneScanPhantom({
        ...plain,
        lesions: [{ kind: 'metastasis', part: 'skull', diameterMm: 10, contrast: 2, centrePx: [300, 10] }],
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BonemetError);
    expect((error as BonemetError).issues[0]?.path).toEqual(['lesions', 0, 'centrePx']);
  });

  it('refuses options out of range with a typed error that names the field', () => {
    for (const bad of [
      { heightCm: 140 },
      { columns: 300 },
      { ribFractures: 1 },
      { totalCountsPerView: 100 },
      { colour: 1 },
    ]) {
      let error: unknown;
      try {
        generateBoneScanPhantom(bad as BoneScanPhantomOptionsInput);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BonemetError);
      expect((error as BonemetError).code).toBe('invalid_input');
      expect((error as BonemetError).issues.length).toBeGreaterThan(0);
    }
  });
});

describe('Poisson sampling', () => {
  it('matches the Poisson mean, variance and P(0) for small and large means', () => {
    const random = SeededRandom.fromSeed(3);
    const n = 40_000;
    for (const mean of [0.5, 4, 25, 400]) {
      let sum = 0;
      let sumSq = 0;
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const k = poissonSample(random, mean);
        sum += k;
        sumSq += k * k;
        if (k === 0) zeros++;
      }
      const m = sum / n;
      const variance = sumSq / n - m * m;
      // Mean within 4 standard errors √(λ/n); variance within 5 % (its SE is about λ·√(2/n) = 0.7 %).
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
      expect(Math.abs(variance / mean - 1)).toBeLessThan(0.05);
      // P(0) = e^−λ: 0.6065 for λ = 0.5.
      if (mean === 0.5) expect(Math.abs(zeros / n - Math.exp(-0.5))).toBeLessThan(0.01);
    }
  });

  it('ln k! equals the sum of logarithms', () => {
    for (const k of [0, 1, 5, 9, 10, 20, 170]) {
      let exact = 0;
      for (let j = 2; j <= k; j++) exact += Math.log(j);
      expect(logFactorial(k)).toBeCloseTo(exact, 9);
    }
  });
});
