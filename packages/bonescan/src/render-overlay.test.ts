import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeRgbaPng } from './encode-png.js';
import {
  hotspotRingColours,
  overlayPanelGapPx,
  regionColour,
  renderBoneScanOverlay,
  type BoneScanOverlayInput,
  type OverlayHotspot,
} from './render-overlay.js';
import type { EditedHotspotResult } from './reader-edits.js';
import type { ViewName, WholeBodyView } from './whole-body-scan.js';

const columns = 64;
const rows = 128;

/** A flat view of 100 counts per pixel: every pixel at the window top (the 99.5th percentile), grey 0. */
function flatView(view: ViewName): WholeBodyView {
  return {
    view,
    counts: new Float32Array(columns * rows).fill(100),
    columns,
    rows,
    pixelSpacingMm: [2.5, 2.5],
    orientation: {
      headAtTop: true,
      patientLeftOn: 'image-right',
      mirroredLeftRight: view === 'posterior',
      flippedTopBottom: false,
      basis: 'convention',
    },
    sourceKind: 'nm',
    countsAreCalibrated: true,
    viewBasis: 'caller',
    source: `${view}.dcm`,
  };
}

/** Label 1 (skull) over rows 10–19, every column. */
function labels(): Uint8Array {
  const map = new Uint8Array(columns * rows);
  map.fill(1, 10 * columns, 20 * columns);
  return map;
}

const hotspot = (id: string, view: ViewName, columnPx: number, rowPx: number, label: OverlayHotspot['label']) => ({
  id,
  view,
  columnPx,
  rowPx,
  // 20 mm²: radius 2.5 mm = 1 px, below the 6 px smallest ring radius.
  areaMm2: 20,
  label,
});

function input(hotspots: readonly OverlayHotspot[], edited: EditedHotspotResult | null = null): BoneScanOverlayInput {
  return {
    scan: { views: [flatView('posterior'), flatView('anterior')] },
    segmentation: {
      views: [
        { view: 'anterior', columns, rows, labels: labels() },
        { view: 'posterior', columns, rows, labels: labels() },
      ],
    },
    hotspots: { automatic: { hotspots }, edited },
  };
}

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const p = 4 * (y * png.width + x);
  return [png.data[p] ?? -1, png.data[p + 1] ?? -1, png.data[p + 2] ?? -1, png.data[p + 3] ?? -1];
}

describe('renderBoneScanOverlay', () => {
  it('region colours are fixed: golden-angle hues at 75 % saturation, 50 % lightness', () => {
    // Label 1: hue 137.508°, H' = 2.2918, C = (1 − |2·0.5 − 1|)·0.75 = 0.75, X = C·(1 − |H' mod 2 − 1|) = 0.2189,
    // m = 0.5 − C/2 = 0.125; H' in [2, 3) gives (0, C, X) + m = (0.125, 0.875, 0.3439) → (32, 223, 88).
    expect(regionColour(1)).toEqual([32, 223, 88]);
    // Label 2: hue 275.016°, H' = 4.5836 in [4, 5): (X, 0, C), X = 0.75·(1 − |0.5836 − 1|) = 0.43770,
    // (X + m)·255 = 0.56270·255 = 143.49 → (143, 32, 223).
    expect(regionColour(2)).toEqual([143, 32, 223]);
  });

  it('places the views side by side, tints the regions and rings each hotspot at its centre', () => {
    const overlay = renderBoneScanOverlay(input([hotspot('ANT-1', 'anterior', 30, 60, 'metastasis')]), { scale: 1 });
    const png = PNG.sync.read(Buffer.from(encodeRgbaPng(overlay.image)));
    // Anterior first whatever the scan's order, then the posterior after the 8-pixel gap.
    expect([png.width, png.height]).toEqual([2 * columns + overlayPanelGapPx, rows]);
    expect(overlay.panels.map((p) => [p.view, p.offsetX])).toEqual([
      ['anterior', 0],
      ['posterior', columns + overlayPanelGapPx],
    ]);
    // Flat counts: grey 0 (high counts dark). Off the labels the pixel is black; on label 1 it is
    // 0.6·0 + 0.4·(32, 223, 88) = (12.8, 89.2, 35.2) → (13, 89, 35).
    expect(pixel(png, 5, 50)).toEqual([0, 0, 0, 255]);
    expect(pixel(png, 5, 15)).toEqual([13, 89, 35, 255]);
    expect(pixel(png, columns + overlayPanelGapPx + 5, 15)).toEqual([13, 89, 35, 255]);
    // The gap stays white.
    expect(pixel(png, columns + 2, 15)).toEqual([255, 255, 255, 255]);
    // Ring: inner radius 6 px (the smallest), 2 px thick at scale 1: pixels 6 and 7 px from the centre are red,
    // the centre and 9 px away are not.
    const red = [...hotspotRingColours.metastasis, 255];
    expect(pixel(png, 36, 60)).toEqual(red);
    expect(pixel(png, 30, 53)).toEqual(red);
    expect(pixel(png, 23, 60)).toEqual(red);
    expect(pixel(png, 30, 60)).toEqual([0, 0, 0, 255]);
    expect(pixel(png, 39, 60)).toEqual([0, 0, 0, 255]);
    // Nothing was drawn in the posterior panel.
    expect(pixel(png, columns + overlayPanelGapPx + 36, 60)).toEqual([0, 0, 0, 255]);
  });

  it('a benign posterior hotspot: a green ring in the posterior panel; scale 2 doubles the distances', () => {
    const overlay = renderBoneScanOverlay(input([hotspot('POST-1', 'posterior', 20, 40, 'benign')]));
    const png = PNG.sync.read(Buffer.from(encodeRgbaPng(overlay.image)));
    expect([png.width, png.height]).toEqual([2 * 2 * columns + overlayPanelGapPx, 2 * rows]);
    // Centre of image pixel (20, 40) at scale 2: x = 136 + 40 + 0.5, y = 80.5; inner radius 12, 3 thick.
    const x = 2 * columns + overlayPanelGapPx + 40;
    const green = [...hotspotRingColours.benign, 255];
    expect(pixel(png, x + 13, 80)).toEqual(green);
    expect(pixel(png, x, 80)).toEqual([0, 0, 0, 255]);
  });

  it('after edits: relabelled dashed, added double, deleted grey', () => {
    const automatic = [
      hotspot('ANT-1', 'anterior', 20, 40, 'metastasis'),
      hotspot('ANT-2', 'anterior', 20, 90, 'metastasis'),
    ];
    const edited: EditedHotspotResult = {
      hotspots: [
        {
          ...hotspot('ANT-1', 'anterior', 20, 40, 'benign'),
          region: null,
          source: 'automatic',
          automaticLabel: 'metastasis',
          edit: { action: 'relabel', hotspotId: 'ANT-1', label: 'benign' },
        },
        {
          ...hotspot('R-1', 'posterior', 30, 60, 'metastasis'),
          region: null,
          source: 'reader',
          automaticLabel: null,
          edit: null,
        },
      ],
      deletedIds: ['ANT-2'],
      bsi: {
        percent: 0,
        byRegion: {},
        views: [],
        metastasisCount: 0,
        method: '',
        weightProvenance: '',
        citations: [],
      },
      edits: [],
    };
    const overlay = renderBoneScanOverlay(input(automatic, edited), { scale: 1 });
    expect(overlay.rings.map((r) => [r.hotspotId, r.style, r.colour])).toEqual([
      ['ANT-1', 'dashed', hotspotRingColours.benign],
      ['R-1', 'double', hotspotRingColours.metastasis],
      ['ANT-2', 'dashed', hotspotRingColours.deleted],
    ]);
    const png = PNG.sync.read(Buffer.from(encodeRgbaPng(overlay.image)));
    // Dashed: 16 arcs from angle −π, every other one drawn: going round the relabelled ring at 6.5 px, about half
    // of the points are green and half are not.
    let drawn = 0;
    let skipped = 0;
    for (let k = 0; k < 64; k += 1) {
      const angle = -Math.PI + ((k + 0.5) * 2 * Math.PI) / 64;
      const [r, g, b] = pixel(png, Math.round(20 + 6.5 * Math.cos(angle)), Math.round(40 + 6.5 * Math.sin(angle)));
      if (r === 0 && g === 170 && b === 0) drawn += 1;
      else skipped += 1;
    }
    expect(drawn).toBeGreaterThan(16);
    expect(skipped).toBeGreaterThan(16);
    // Double ring of the added hotspot: 6–8 px and 10–12 px from its centre, a gap at 9 px.
    const x0 = columns + overlayPanelGapPx + 30;
    const red = [...hotspotRingColours.metastasis, 255];
    expect(pixel(png, x0 + 7, 60)).toEqual(red);
    expect(pixel(png, x0 + 9, 60)).toEqual([0, 0, 0, 255]);
    expect(pixel(png, x0 + 11, 60)).toEqual(red);
    // The deleted hotspot: grey at angle 0 (arc 8, drawn).
    expect(pixel(png, 27, 90)).toEqual([...hotspotRingColours.deleted, 255]);
  });

  it('refuses a scale outside 1–4', () => {
    expect(() => renderBoneScanOverlay(input([]), { scale: 5 })).toThrow(RangeError);
    expect(() => renderBoneScanOverlay(input([]), { scale: 1.5 })).toThrow(RangeError);
  });
});
