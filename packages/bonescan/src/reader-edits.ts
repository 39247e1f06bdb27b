/**
 * Reader edits of a hotspot analysis: mark a hotspot benign or metastasis, delete one, add one (a circle or
 * a polygon in a view). Edits are applied in order to a copy of the automatic result; the automatic result
 * is never changed, and both are reported. Who and when are optional fields kept with each edit.
 */
import { BonemetError, parseInput } from '@bonemet/core';
import { z } from 'zod';
import { regionOfPixels } from './detect-hotspots.js';
import type { HotspotLabel } from './classify-hotspot.js';
import { hotspotBoneScanIndex, type BoneScanIndexResult } from './hotspot-bone-scan-index.js';
import type { RegionLabelMap } from './region-label-map.js';
import type { SkeletonRegionId } from './skeleton-regions.js';
import type { ViewName } from './whole-body-scan.js';

const label = z.enum(['metastasis', 'benign']).describe('metastasis (counts in the BSI) or benign');
const meta = {
  by: z.string().min(1).max(200).optional().describe('who made the edit (free text, optional)'),
  at: z.iso.datetime({ offset: true }).optional().describe('when, ISO 8601 date-time (optional)'),
  note: z.string().max(2000).optional().describe('the reader’s comment (optional)'),
};
const point = z.tuple([z.number(), z.number()]).describe('[column, row] in pixels of the view');

export const readerEditSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('relabel').describe('change the label of a hotspot'),
    hotspotId: z.string().min(1).describe('id of the hotspot, e.g. "ANT-3"'),
    label,
    ...meta,
  }),
  z.strictObject({
    action: z.literal('delete').describe('remove a hotspot (not a lesion, not of interest)'),
    hotspotId: z.string().min(1).describe('id of the hotspot, e.g. "POST-2"'),
    ...meta,
  }),
  z.strictObject({
    action: z.literal('add').describe('add a hotspot the analysis missed'),
    view: z.enum(['anterior', 'posterior']).describe('the view it is drawn in'),
    label: label.default('metastasis'),
    shape: z
      .discriminatedUnion('type', [
        z.strictObject({
          type: z.literal('circle'),
          centrePx: point,
          radiusMm: z.number().positive().max(500).describe('radius, mm'),
        }),
        z.strictObject({
          type: z.literal('polygon'),
          pointsPx: z.array(point).min(3).max(10000).describe('vertices in order; pixels whose centre is inside count'),
        }),
      ])
      .describe('outline, in pixels of the view as analysed (orientation convention: patient’s left on image right)'),
    ...meta,
  }),
]);

export const readerEditsSchema = z.strictObject({
  edits: z.array(readerEditSchema).max(10000).describe('edits, applied in order'),
});

export type ReaderEdit = z.output<typeof readerEditSchema>;
export type ReaderEditsInput = z.input<typeof readerEditsSchema>;

/** A hotspot as it stands after the edits. */
export interface EditedHotspot {
  readonly id: string;
  readonly view: ViewName;
  readonly region: SkeletonRegionId | null;
  readonly columnPx: number;
  readonly rowPx: number;
  readonly areaMm2: number;
  readonly label: HotspotLabel;
  readonly source: 'automatic' | 'reader';
  /** The automatic label (null for a hotspot the reader added). */
  readonly automaticLabel: HotspotLabel | null;
  /** The last edit that changed it, if any. */
  readonly edit: ReaderEdit | null;
}

export interface EditedHotspotResult {
  readonly hotspots: readonly EditedHotspot[];
  /** Ids the reader deleted. */
  readonly deletedIds: readonly string[];
  readonly bsi: BoneScanIndexResult;
  readonly edits: readonly ReaderEdit[];
}

/** What applying edits needs from an analysis. */
export interface EditableAnalysis {
  readonly regionMaps: readonly RegionLabelMap[];
  readonly pixelSpacingMmByView: Readonly<Partial<Record<ViewName, readonly [number, number]>>>;
  readonly hotspots: readonly {
    readonly id: string;
    readonly view: ViewName;
    readonly region: SkeletonRegionId | null;
    readonly columnPx: number;
    readonly rowPx: number;
    readonly areaMm2: number;
    readonly label: HotspotLabel;
    readonly pairedWith: string | null;
  }[];
  readonly hotspotPixels: ReadonlyMap<string, Uint32Array>;
}

function shapePixels(
  shape: Extract<ReaderEdit, { action: 'add' }>['shape'],
  map: RegionLabelMap,
  spacing: readonly [number, number],
): number[] {
  const out: number[] = [];
  const [rowMm, columnMm] = spacing;
  if (shape.type === 'circle') {
    const [c0, r0] = shape.centrePx;
    const dc = Math.ceil(shape.radiusMm / columnMm);
    const dr = Math.ceil(shape.radiusMm / rowMm);
    for (let row = Math.max(0, Math.floor(r0 - dr)); row <= Math.min(map.rows - 1, Math.ceil(r0 + dr)); row++) {
      for (
        let column = Math.max(0, Math.floor(c0 - dc));
        column <= Math.min(map.columns - 1, Math.ceil(c0 + dc));
        column++
      ) {
        if (((column - c0) * columnMm) ** 2 + ((row - r0) * rowMm) ** 2 <= shape.radiusMm ** 2) {
          out.push(row * map.columns + column);
        }
      }
    }
    return out;
  }
  const points = shape.pointsPx;
  const columns = points.map((p) => p[0]);
  const rows = points.map((p) => p[1]);
  for (
    let row = Math.max(0, Math.floor(Math.min(...rows)));
    row <= Math.min(map.rows - 1, Math.ceil(Math.max(...rows)));
    row++
  ) {
    for (
      let column = Math.max(0, Math.floor(Math.min(...columns)));
      column <= Math.min(map.columns - 1, Math.ceil(Math.max(...columns)));
      column++
    ) {
      // Even-odd rule on the pixel centre.
      let inside = false;
      for (let a = 0, b = points.length - 1; a < points.length; b = a++) {
        const [ca, ra] = points[a] ?? [0, 0];
        const [cb, rb] = points[b] ?? [0, 0];
        if (ra > row !== rb > row && column < ((cb - ca) * (row - ra)) / (rb - ra) + ca) inside = !inside;
      }
      if (inside) out.push(row * map.columns + column);
    }
  }
  return out;
}

/**
 * Applies reader edits (validated by `readerEditsSchema`) to an analysis. Throws `BonemetError`: `invalid_input`
 * for malformed edits or a shape that covers no pixel of its view, `not_found` for an unknown hotspot id or a
 * view the study does not have.
 */
export function applyReaderEdits(analysis: EditableAnalysis, input: unknown): EditedHotspotResult {
  const { edits } = parseInput(readerEditsSchema, input, 'reader edits');
  const current = new Map<string, EditedHotspot>();
  const pixels = new Map<string, Uint32Array | readonly number[]>(analysis.hotspotPixels);
  const pairs = new Map<string, string>();
  for (const h of analysis.hotspots) {
    current.set(h.id, {
      id: h.id,
      view: h.view,
      region: h.region,
      columnPx: h.columnPx,
      rowPx: h.rowPx,
      areaMm2: h.areaMm2,
      label: h.label,
      source: 'automatic',
      automaticLabel: h.label,
      edit: null,
    });
    if (h.pairedWith !== null) pairs.set(h.id, h.pairedWith);
  }
  const deletedIds: string[] = [];
  let added = 0;
  edits.forEach((edit, index) => {
    if (edit.action === 'add') {
      const map = analysis.regionMaps.find((m) => m.view === edit.view);
      const spacing = analysis.pixelSpacingMmByView[edit.view];
      if (map === undefined || spacing === undefined) {
        throw new BonemetError('not_found', `reader edit ${index}: the study has no ${edit.view} view`, {
          issues: [
            {
              path: ['edits', index, 'view'],
              message: `no ${edit.view} view was analysed`,
              hint: 'draw the hotspot in a view of the study',
            },
          ],
        });
      }
      const shape = shapePixels(edit.shape, map, spacing);
      if (shape.length === 0) {
        throw new BonemetError(
          'invalid_input',
          `reader edit ${index}: the ${edit.shape.type} covers no pixel of the ${edit.view} view`,
          {
            issues: [
              {
                path: ['edits', index, 'shape'],
                message: `outside the ${map.columns} × ${map.rows} view or smaller than a pixel`,
                hint: 'give the outline in pixels of the view as analysed',
              },
            ],
          },
        );
      }
      added++;
      const id = `${edit.view === 'anterior' ? 'ANT' : 'POST'}-R${added}`;
      let sc = 0;
      let sr = 0;
      for (const p of shape) {
        sc += p % map.columns;
        sr += Math.floor(p / map.columns);
      }
      pixels.set(id, shape);
      current.set(id, {
        id,
        view: edit.view,
        region: regionOfPixels(shape, map).region,
        columnPx: sc / shape.length,
        rowPx: sr / shape.length,
        areaMm2: shape.length * spacing[0] * spacing[1],
        label: edit.label,
        source: 'reader',
        automaticLabel: null,
        edit,
      });
      return;
    }
    const hotspot = current.get(edit.hotspotId);
    if (hotspot === undefined) {
      const known = [...current.keys()];
      throw new BonemetError('not_found', `reader edit ${index}: no hotspot ${edit.hotspotId}`, {
        issues: [
          {
            path: ['edits', index, 'hotspotId'],
            message: `unknown hotspot id ${edit.hotspotId}${deletedIds.includes(edit.hotspotId) ? ' (deleted by an earlier edit)' : ''}`,
            hint:
              known.length === 0
                ? 'the analysis has no hotspots'
                : `use one of: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`,
          },
        ],
      });
    }
    if (edit.action === 'delete') {
      current.delete(edit.hotspotId);
      deletedIds.push(edit.hotspotId);
    } else {
      current.set(edit.hotspotId, { ...hotspot, label: edit.label, edit });
    }
  });

  const hotspots = [...current.values()];
  let pairedMetastases = 0;
  for (const [a, b] of pairs) {
    if (a < b && current.get(a)?.label === 'metastasis' && current.get(b)?.label === 'metastasis') pairedMetastases++;
  }
  const bsi = hotspotBoneScanIndex(
    analysis.regionMaps,
    hotspots.map((h) => ({ view: h.view, label: h.label, pixels: pixels.get(h.id) ?? [] })),
    pairedMetastases,
  );
  return { hotspots, deletedIds, bsi, edits };
}
