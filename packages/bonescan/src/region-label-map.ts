/**
 * The region label map of a view: one label per pixel (skeleton-regions.ts; 0 = not skeleton), row by row,
 * in the view's orientation convention (whole-body-scan.ts). It comes from a skeleton segmentation or from
 * a phantom's ground truth; it is validated where it enters the analysis.
 */
import { BonemetError, parseInput } from '@bonemet/core';
import { z } from 'zod';
import { maxSkeletonLabel } from './skeleton-regions.js';
import type { ViewName, WholeBodyView } from './whole-body-scan.js';

export interface RegionLabelMap {
  readonly view: ViewName;
  readonly columns: number;
  readonly rows: number;
  /** `rows * columns` labels, row by row. */
  readonly labels: Uint8Array | Uint16Array;
}

export const regionLabelMapSchema = z.strictObject({
  view: z.enum(['anterior', 'posterior']).describe('the view the map belongs to'),
  columns: z.number().int().min(1).max(4096).describe('columns of the map (must equal the view’s)'),
  rows: z.number().int().min(1).max(8192).describe('rows of the map (must equal the view’s)'),
  labels: z
    .union([z.instanceof(Uint8Array), z.instanceof(Uint16Array)])
    .describe('skeleton region label of each pixel, row by row (0 = not skeleton; 1–29, skeleton-regions.ts)'),
});

/**
 * Checks a map against its view: shape, size and label values. Throws `BonemetError('invalid_input')`
 * naming the problem; returns the map typed.
 */
export function validateRegionLabelMap(value: unknown, view: WholeBodyView, path: (string | number)[]): RegionLabelMap {
  const map = parseInput(regionLabelMapSchema, value, `region label map of the ${view.view} view`);
  const fail = (field: string, message: string, hint: string): never => {
    throw new BonemetError('invalid_input', `region label map of the ${view.view} view: ${message}`, {
      issues: [{ path: [...path, field], message, hint }],
    });
  };
  if (map.view !== view.view) {
    fail('view', `the map is for the ${map.view} view`, 'give each view the map segmented from it');
  }
  if (map.columns !== view.columns || map.rows !== view.rows) {
    fail(
      'columns',
      `the map is ${map.columns} × ${map.rows} pixels but the view is ${view.columns} × ${view.rows}`,
      'segment the view as read (after orientation) or resample the map to the view’s grid',
    );
  }
  if (map.labels.length !== map.columns * map.rows) {
    fail('labels', `${map.labels.length} labels for ${map.columns} × ${map.rows} pixels`, 'give one label per pixel');
  }
  for (let index = 0; index < map.labels.length; index++) {
    const label = map.labels[index] ?? 0;
    if (label > maxSkeletonLabel) {
      fail(
        'labels',
        `label ${label} at pixel ${index} (column ${index % map.columns}, row ${Math.floor(index / map.columns)}) is not a skeleton region`,
        `use 0 for background and 1–${maxSkeletonLabel} for the regions of skeleton-regions.ts`,
      );
    }
  }
  return map;
}
