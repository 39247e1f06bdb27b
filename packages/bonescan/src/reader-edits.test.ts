import { caughtBonemetError } from '@bonemet/core/testing';
import { describe, expect, it } from 'vitest';
import { analyzeBoneScanHotspots, reviseBoneScanHotspots, type BoneScanHotspotAnalysis } from './analyze-hotspots.js';
import { readerEditsSchema } from './reader-edits.js';
import {
  exactOptions,
  handBuiltCounts,
  handBuiltMap,
  handBuiltView,
  paint,
} from './test-support/hand-built-skeleton.js';

/** The lumbar metastasis of 25 pixels: BSI 25/750 × 8.3 % (spine-and-sacrum unit of 750 pixels). */
const lumbarBsi = (25 / 750) * 8.3;

function lumbarAnalysis(edits?: unknown): BoneScanHotspotAnalysis {
  const counts = handBuiltCounts();
  paint(counts, 47, 51, 88, 92, 300);
  return analyzeBoneScanHotspots({
    scan: { views: [handBuiltView('anterior', counts)], acquisition: {}, warnings: [] },
    regionMaps: [handBuiltMap('anterior')],
    options: exactOptions,
    ...(edits === undefined ? {} : { edits }),
  });
}

describe('reader edits', () => {
  it('marking the metastasis benign brings the BSI to 0; the automatic result is kept', () => {
    const analysis = lumbarAnalysis({
      edits: [{ action: 'relabel', hotspotId: 'ANT-1', label: 'benign', by: 'reader 1', at: '2026-01-02T10:00:00Z' }],
    });
    expect(analysis.automatic.bsi.percent).toBeCloseTo(lumbarBsi, 6);
    expect(analysis.automatic.hotspots[0]?.label).toBe('metastasis');
    expect(analysis.edited?.bsi.percent).toBe(0);
    expect(analysis.edited?.bsi.metastasisCount).toBe(0);
    expect(analysis.edited?.hotspots[0]).toMatchObject({
      id: 'ANT-1',
      label: 'benign',
      automaticLabel: 'metastasis',
      source: 'automatic',
      edit: { by: 'reader 1', at: '2026-01-02T10:00:00Z' },
    });
  });

  it('adding a circle in the left femur adds its hand-computed share', () => {
    // Radius 4 mm on 2 mm pixels: the 13 pixels with Δc² + Δr² ≤ 4, all in the left femur (480 pixels, 8.9 %).
    const revised = reviseBoneScanHotspots(lumbarAnalysis(), {
      edits: [{ action: 'add', view: 'anterior', shape: { type: 'circle', centrePx: [65, 160], radiusMm: 4 } }],
    });
    expect(revised.hotspots.find((h) => h.id === 'ANT-R1')).toMatchObject({
      region: 'femur_left',
      areaMm2: 52,
      label: 'metastasis',
      source: 'reader',
      automaticLabel: null,
    });
    expect(revised.bsi.percent).toBeCloseTo(lumbarBsi + (13 / 480) * 8.9, 6);
    expect(revised.bsi.byRegion.femur).toBeCloseTo((13 / 480) * 8.9, 6);
    expect(revised.bsi.metastasisCount).toBe(2);
  });

  it('adding a polygon in the lumbar spine adds its pixels to the spine unit', () => {
    // Pixel centres of columns 46–53 × rows 96–99 lie inside: 32 pixels; (25 + 32) / 750 × 8.3 %.
    const revised = reviseBoneScanHotspots(lumbarAnalysis(), {
      edits: [
        {
          action: 'add',
          view: 'anterior',
          label: 'metastasis',
          shape: {
            type: 'polygon',
            pointsPx: [
              [45.5, 95.5],
              [53.5, 95.5],
              [53.5, 99.5],
              [45.5, 99.5],
            ],
          },
        },
      ],
    });
    expect(revised.bsi.percent).toBeCloseTo((57 / 750) * 8.3, 6);
  });

  it('deleting the hotspot removes it and its BSI', () => {
    const revised = reviseBoneScanHotspots(lumbarAnalysis(), { edits: [{ action: 'delete', hotspotId: 'ANT-1' }] });
    expect(revised.hotspots).toEqual([]);
    expect(revised.deletedIds).toEqual(['ANT-1']);
    expect(revised.bsi.percent).toBe(0);
  });

  it('refuses an unknown or already deleted hotspot with its location', () => {
    const analysis = lumbarAnalysis();
    const unknown = caughtBonemetError(() =>
      reviseBoneScanHotspots(analysis, { edits: [{ action: 'relabel', hotspotId: 'ANT-99', label: 'benign' }] }),
    );
    expect(unknown.code).toBe('not_found');
    expect(unknown.issues[0]).toMatchObject({
      path: ['edits', 0, 'hotspotId'],
      hint: expect.stringContaining('ANT-1') as string,
    });
    const deleted = caughtBonemetError(() =>
      reviseBoneScanHotspots(analysis, {
        edits: [
          { action: 'delete', hotspotId: 'ANT-1' },
          { action: 'relabel', hotspotId: 'ANT-1', label: 'metastasis' },
        ],
      }),
    );
    expect(deleted.issues[0]?.message).toMatch(/deleted by an earlier edit/);
  });

  it('refuses malformed edits, a view the study lacks and a shape outside the view', () => {
    const analysis = lumbarAnalysis();
    expect(
      caughtBonemetError(() => reviseBoneScanHotspots(analysis, { edits: [{ action: 'move', hotspotId: 'ANT-1' }] }))
        .code,
    ).toBe('invalid_input');
    expect(
      caughtBonemetError(() =>
        reviseBoneScanHotspots(analysis, { edits: [{ action: 'delete', hotspotId: 'ANT-1', when: 'now' }] }),
      ).code,
    ).toBe('invalid_input');
    expect(
      caughtBonemetError(() =>
        reviseBoneScanHotspots(analysis, {
          edits: [{ action: 'add', view: 'posterior', shape: { type: 'circle', centrePx: [10, 10], radiusMm: 5 } }],
        }),
      ).code,
    ).toBe('not_found');
    const outside = caughtBonemetError(() =>
      reviseBoneScanHotspots(analysis, {
        edits: [{ action: 'add', view: 'anterior', shape: { type: 'circle', centrePx: [-50, -50], radiusMm: 5 } }],
      }),
    );
    expect(outside).toMatchObject({ code: 'invalid_input' });
    expect(outside.issues[0]?.path).toEqual(['edits', 0, 'shape']);
  });

  it('has a strict schema that defaults an added hotspot to metastasis', () => {
    const parsed = readerEditsSchema.parse({
      edits: [{ action: 'add', view: 'anterior', shape: { type: 'circle', centrePx: [1, 2], radiusMm: 3 } }],
    });
    expect(parsed.edits[0]).toMatchObject({ label: 'metastasis' });
  });
});
