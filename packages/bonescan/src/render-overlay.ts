/**
 * The picture a reader checks an analysis on: the anterior and posterior views side by side (anterior on the
 * left), in the reading orientation of the pipeline (head up, the patient's left on image right in both views,
 * so the posterior view is mirrored from its stored frame; whole-body-scan.ts), in the nuclear-medicine grey
 * scale (high counts dark). The skeleton regions are tinted with one fixed colour per part (the same in every
 * view and every study, so no legend is needed to compare two pictures), and each hotspot is a ring at its
 * centre coloured by its label: metastasis red, benign green. After reader edits, a relabelled hotspot has a
 * dashed ring, a hotspot the reader added a double ring, and a deleted one a dashed grey ring.
 */
import type { HotspotLabel } from './classify-hotspot.js';
import type { RgbaImage } from './encode-png.js';
import type { EditedHotspotResult } from './reader-edits.js';
import type { ViewName, WholeBodyView } from './whole-body-scan.js';

export type RgbColour = readonly [number, number, number];

/** Ring colours: metastasis red, benign green, a hotspot the reader deleted grey. */
export const hotspotRingColours: Readonly<Record<HotspotLabel | 'deleted', RgbColour>> = {
  metastasis: [230, 0, 0],
  benign: [0, 170, 0],
  deleted: [128, 128, 128],
};

/** Opacity of the region tint over the grey image (0–1). */
export const regionTintAlpha = 0.4;

/** White gap between the two views, in pixels of the picture. */
export const overlayPanelGapPx = 8;

/**
 * Colour of a part label (skeleton-parts.ts): hues a golden angle (137.5°) apart, so that parts with
 * neighbouring labels (cervical, thoracic and lumbar spine) get clearly different colours.
 */
export function regionColour(label: number): RgbColour {
  const hue = (label * 137.508) % 360;
  return hslToRgb(hue, 0.75, 0.5);
}

function hslToRgb(hueDeg: number, saturation: number, lightness: number): RgbColour {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const h = hueDeg / 60;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] =
    h < 1
      ? [chroma, x, 0]
      : h < 2
        ? [x, chroma, 0]
        : h < 3
          ? [0, chroma, x]
          : h < 4
            ? [0, x, chroma]
            : h < 5
              ? [x, 0, chroma]
              : [chroma, 0, x];
  const m = lightness - chroma / 2;
  return [Math.round(255 * (r + m)), Math.round(255 * (g + m)), Math.round(255 * (b + m))];
}

/** The hotspot fields the picture needs (analyze-hotspots.ts `AnalysedHotspot` has them). */
export interface OverlayHotspot {
  readonly id: string;
  readonly view: ViewName;
  /** Centre in the reading orientation, pixels of the view. */
  readonly columnPx: number;
  readonly rowPx: number;
  readonly areaMm2: number;
  readonly label: HotspotLabel;
}

/** What the picture is drawn from; `analyzeWholeBodyScan`'s result fits as it is. */
export interface BoneScanOverlayInput {
  readonly scan: { readonly views: readonly WholeBodyView[] };
  readonly segmentation: {
    readonly views: readonly {
      readonly view: ViewName;
      readonly columns: number;
      readonly rows: number;
      readonly labels: Uint8Array;
    }[];
  };
  readonly hotspots: {
    readonly automatic: { readonly hotspots: readonly OverlayHotspot[] };
    readonly edited: EditedHotspotResult | null;
  };
}

export interface BoneScanOverlayOptions {
  /** Picture pixels per image pixel (1–4, default 2). */
  readonly scale?: number;
}

/** Where a view sits in the picture: image pixel (c, r) covers picture pixels [offsetX + c·scale, …) × [offsetY + r·scale, …). */
export interface OverlayPanel {
  readonly view: ViewName;
  readonly offsetX: number;
  readonly offsetY: number;
  readonly scale: number;
  readonly columns: number;
  readonly rows: number;
}

export type RingStyle = 'solid' | 'dashed' | 'double';

/** A ring as drawn: centre and radii in picture pixels. */
export interface OverlayRing {
  readonly hotspotId: string;
  readonly view: ViewName;
  readonly centreX: number;
  readonly centreY: number;
  readonly innerRadiusPx: number;
  readonly outerRadiusPx: number;
  readonly colour: RgbColour;
  readonly style: RingStyle;
}

export interface BoneScanOverlay {
  readonly image: RgbaImage;
  readonly panels: readonly OverlayPanel[];
  readonly rings: readonly OverlayRing[];
}

/** Display window top: a high percentile of the view's positive counts, so the bladder does not wash out the bone. */
const windowPercentile = 0.995;
/** Smallest ring radius, image pixels, so that a small hotspot's ring stays visible around it. */
const minimumRingRadiusPx = 6;
/** Space left between a hotspot's edge and its ring, image pixels. */
const ringMarginPx = 3;

function windowHigh(counts: Float32Array): number {
  const positive = counts.filter((value) => value > 0).sort();
  if (positive.length === 0) return 1;
  return positive[Math.min(positive.length - 1, Math.floor(windowPercentile * positive.length))] ?? 1;
}

interface RingSpec {
  readonly hotspot: OverlayHotspot;
  readonly colour: RgbColour;
  readonly style: RingStyle;
}

/** The rings to draw: the automatic result, or the edited one (with deletions) when there are edits. */
function ringSpecs(input: BoneScanOverlayInput): RingSpec[] {
  const automatic = input.hotspots.automatic.hotspots;
  const edited = input.hotspots.edited;
  if (edited === null)
    return automatic.map((h) => ({ hotspot: h, colour: hotspotRingColours[h.label], style: 'solid' }));
  const specs: RingSpec[] = edited.hotspots.map((h) => ({
    hotspot: h,
    colour: hotspotRingColours[h.label],
    style: h.source === 'reader' ? 'double' : h.automaticLabel === h.label ? 'solid' : 'dashed',
  }));
  const deleted = new Set(edited.deletedIds);
  for (const h of automatic) {
    if (deleted.has(h.id)) specs.push({ hotspot: h, colour: hotspotRingColours.deleted, style: 'dashed' });
  }
  return specs;
}

/** Draws the overlay picture (see the module comment). */
export function renderBoneScanOverlay(
  input: BoneScanOverlayInput,
  options: BoneScanOverlayOptions = {},
): BoneScanOverlay {
  const scale = options.scale ?? 2;
  if (!Number.isInteger(scale) || scale < 1 || scale > 4) throw new RangeError(`overlay scale ${scale}: give 1–4`);
  const views = [...input.scan.views].sort((a, b) => a.view.localeCompare(b.view));
  const panels: OverlayPanel[] = [];
  let width = 0;
  let height = 0;
  for (const view of views) {
    if (panels.length > 0) width += overlayPanelGapPx;
    panels.push({ view: view.view, offsetX: width, offsetY: 0, scale, columns: view.columns, rows: view.rows });
    width += view.columns * scale;
    height = Math.max(height, view.rows * scale);
  }
  const rgba = new Uint8Array(width * height * 4).fill(255);
  views.forEach((view, index) => {
    const panel = panels[index];
    if (panel === undefined) return;
    const labels = input.segmentation.views.find((v) => v.view === view.view)?.labels;
    drawView(rgba, width, view, labels, panel);
  });
  const rings: OverlayRing[] = [];
  for (const spec of ringSpecs(input)) {
    const panel = panels.find((p) => p.view === spec.hotspot.view);
    const view = views.find((v) => v.view === spec.hotspot.view);
    if (panel === undefined || view === undefined) continue;
    const radiusMm = Math.sqrt(Math.max(0, spec.hotspot.areaMm2) / Math.PI);
    const meanSpacingMm = (view.pixelSpacingMm[0] + view.pixelSpacingMm[1]) / 2;
    const radiusPx = Math.max(minimumRingRadiusPx, radiusMm / meanSpacingMm + ringMarginPx);
    const ring: OverlayRing = {
      hotspotId: spec.hotspot.id,
      view: spec.hotspot.view,
      // The centre of image pixel c is at picture x = offsetX + c·scale + (scale − 1)/2.
      centreX: panel.offsetX + spec.hotspot.columnPx * scale + (scale - 1) / 2,
      centreY: panel.offsetY + spec.hotspot.rowPx * scale + (scale - 1) / 2,
      innerRadiusPx: radiusPx * scale,
      outerRadiusPx: radiusPx * scale + Math.max(2, scale + 1),
      colour: spec.colour,
      style: spec.style,
    };
    drawRing(rgba, width, height, panel, ring);
    rings.push(ring);
  }
  return { image: { width, height, rgba }, panels, rings };
}

function drawView(
  rgba: Uint8Array,
  width: number,
  view: WholeBodyView,
  labels: Uint8Array | undefined,
  panel: OverlayPanel,
): void {
  const high = windowHigh(view.counts);
  const { scale } = panel;
  for (let r = 0; r < view.rows; r += 1) {
    for (let c = 0; c < view.columns; c += 1) {
      const index = r * view.columns + c;
      // Nuclear-medicine display: high counts dark.
      const grey = 255 - Math.round(255 * Math.min(1, Math.max(0, (view.counts[index] ?? 0) / high)));
      const label = labels?.[index] ?? 0;
      let colour: RgbColour = [grey, grey, grey];
      if (label > 0) {
        const tint = regionColour(label);
        colour = [blend(grey, tint[0]), blend(grey, tint[1]), blend(grey, tint[2])];
      }
      for (let dy = 0; dy < scale; dy += 1) {
        for (let dx = 0; dx < scale; dx += 1) {
          const p = 4 * ((panel.offsetY + r * scale + dy) * width + panel.offsetX + c * scale + dx);
          rgba[p] = colour[0];
          rgba[p + 1] = colour[1];
          rgba[p + 2] = colour[2];
          rgba[p + 3] = 255;
        }
      }
    }
  }
}

const blend = (grey: number, tint: number): number => Math.round((1 - regionTintAlpha) * grey + regionTintAlpha * tint);

/** Dashes: 16 arcs around the ring, every other one drawn. */
const dashCount = 16;

function drawRing(rgba: Uint8Array, width: number, height: number, panel: OverlayPanel, ring: OverlayRing): void {
  const thickness = ring.outerRadiusPx - ring.innerRadiusPx;
  const reach = Math.ceil(ring.outerRadiusPx + 2 * thickness + 1);
  // Rings stay inside their own view's panel.
  const left = Math.max(panel.offsetX, Math.floor(ring.centreX - reach));
  const right = Math.min(panel.offsetX + panel.columns * panel.scale - 1, Math.ceil(ring.centreX + reach), width - 1);
  const top = Math.max(panel.offsetY, Math.floor(ring.centreY - reach));
  const bottom = Math.min(panel.offsetY + panel.rows * panel.scale - 1, Math.ceil(ring.centreY + reach), height - 1);
  for (let y = top; y <= bottom; y += 1) {
    for (let x = left; x <= right; x += 1) {
      const dx = x - ring.centreX;
      const dy = y - ring.centreY;
      const distance = Math.hypot(dx, dy);
      const onMain = distance >= ring.innerRadiusPx && distance < ring.outerRadiusPx;
      // The double ring adds a second circle outside the first, one ring thickness apart.
      const onSecond =
        ring.style === 'double' &&
        distance >= ring.outerRadiusPx + thickness &&
        distance < ring.outerRadiusPx + 2 * thickness;
      if (!onMain && !onSecond) continue;
      if (ring.style === 'dashed') {
        const turn = (Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI);
        if (Math.floor(turn * dashCount) % 2 === 1) continue;
      }
      const p = 4 * (y * width + x);
      rgba[p] = ring.colour[0];
      rgba[p + 1] = ring.colour[1];
      rgba[p + 2] = ring.colour[2];
      rgba[p + 3] = 255;
    }
  }
}
