import { describe, expect, it } from 'vitest';
import type { HotspotView } from '../api/analysis-schemas.js';
import { currentHotspots, equivalentDiameterMm, hotspotMarkerStyle } from './hotspot-markers.js';

const base: HotspotView = {
  id: 'h1',
  view: 'ANT',
  x: 100,
  y: 600,
  label: 'metastasis',
  score: 0.9,
  reason: 'focal, asymmetric',
  region: 'femur_right',
  areaMm2: 100 * Math.PI,
  ratioMax: 3,
  source: 'automatic',
  readerAction: null,
};

describe('hotspotMarkerStyle', () => {
  it('marks an automatic metastasis by its label only', () => {
    const style = hotspotMarkerStyle(base);
    expect(style.className).toBe('hotspot metastasis');
    expect(style.readerChanged).toBe(false);
    expect(style.description).toBe('metastasis, automatic');
  });

  it('marks a rejected hotspot benign and reader-changed', () => {
    const style = hotspotMarkerStyle({ ...base, label: 'benign', readerAction: 'reject' });
    expect(style.className).toBe('hotspot benign reader');
    expect(style.description).toBe('benign, rejected by a reader');
  });

  it('marks a reader-added hotspot apart', () => {
    const style = hotspotMarkerStyle({ ...base, id: 'r1', source: 'reader', readerAction: 'add' });
    expect(style.className).toBe('hotspot metastasis reader');
    expect(style.description).toBe('metastasis, added by a reader');
  });
});

describe('equivalentDiameterMm', () => {
  it('gives 20 mm for the area of a 10 mm radius circle (π·10² mm²)', () => {
    expect(equivalentDiameterMm(100 * Math.PI)).toBeCloseTo(20, 10);
  });
});

describe('currentHotspots', () => {
  it('uses the edited hotspots when there are edits and the automatic ones otherwise', () => {
    const rejected = { ...base, label: 'benign' as const, readerAction: 'reject' as const };
    expect(currentHotspots({ automatic: { hotspots: [base] }, edited: null })).toEqual([base]);
    expect(currentHotspots({ automatic: { hotspots: [base] }, edited: { hotspots: [rejected] } })).toEqual([rejected]);
  });
});
