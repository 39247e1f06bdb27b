/** A whole-body scan from a research image (PNG or TIFF) and its JSON sidecar. */
import { BonemetError, parseInput, parseJsonText } from '@bonemet/core';
import { decodeImageFile } from './decode-image-file.js';
import { orientView } from './orient-view.js';
import { wholeBodySidecarSchema } from './sidecar-schema.js';
import { cropColumns } from './split-side-by-side.js';
import type { WholeBodyAcquisition, WholeBodyScan, WholeBodyView } from './whole-body-scan.js';

function sidecarError(source: string, path: (string | number)[], message: string): BonemetError {
  return new BonemetError('invalid_input', `${source}: ${message}`, { issues: [{ path, message }] });
}

/**
 * Reads the image and its sidecar (JSON text, `wholeBodySidecarSchema`). Throws `invalid_input` for a sidecar
 * that does not fit the schema or the image, `malformed_input` for a broken image or JSON.
 */
export function readImageFileScan(imageBytes: Uint8Array, sidecarText: string, source: string): WholeBodyScan {
  const sidecar = parseInput(
    wholeBodySidecarSchema,
    parseJsonText(sidecarText, `${source} sidecar`),
    `${source} sidecar`,
  );
  const image = decodeImageFile(imageBytes, source);
  const viewCount = sidecar.layout === 'single' ? 1 : 2;
  if (sidecar.views.length !== viewCount) {
    throw sidecarError(
      source,
      ['views'],
      `layout ${sidecar.layout} needs ${viewCount} view(s), ${sidecar.views.length} given`,
    );
  }
  if (new Set(sidecar.views).size !== sidecar.views.length)
    throw sidecarError(source, ['views'], 'the same view is named twice');
  for (const key of ['storedOrientation', 'totalCounts'] as const) {
    const list = sidecar[key];
    if (list !== undefined && list.length !== viewCount) {
      throw sidecarError(source, [key], `${list.length} entries for ${viewCount} view(s)`);
    }
  }
  const split = sidecar.splitColumn ?? Math.floor(image.columns / 2);
  if (viewCount === 2 && split >= image.columns) {
    throw sidecarError(source, ['splitColumn'], `split column ${split} is outside the ${image.columns}-column image`);
  }
  const parts =
    viewCount === 1
      ? [{ from: 0, to: image.columns }]
      : [
          { from: 0, to: split },
          { from: split, to: image.columns },
        ];
  const views = sidecar.views.map((view, index): WholeBodyView => {
    const part = parts[index] ?? { from: 0, to: image.columns };
    const columns = part.to - part.from;
    const values =
      viewCount === 1 ? image.values : cropColumns(image.values, image.rows, image.columns, part.from, part.to);
    const declared = sidecar.storedOrientation?.[index];
    const oriented = orientView(values, image.rows, columns, view, declared === undefined ? {} : { declared });
    const total = sidecar.totalCounts?.[index];
    return {
      view,
      counts: oriented.counts,
      columns,
      rows: image.rows,
      pixelSpacingMm: sidecar.pixelSpacingMm,
      orientation: oriented.orientation,
      sourceKind: 'image-file',
      countsAreCalibrated: sidecar.pixelValuesAreCounts,
      viewBasis: 'sidecar',
      ...(total === undefined || total === null ? {} : { declaredTotalCounts: total }),
      source: viewCount === 1 ? source : `${source} ${index === 0 ? 'left' : 'right'} part`,
    };
  });
  const acquisition = Object.fromEntries(
    Object.entries(sidecar.acquisition ?? {}).filter(([, value]) => value !== undefined),
  ) as WholeBodyAcquisition;
  const warnings =
    sidecar.storedOrientation === undefined
      ? [`${source}: the sidecar gives no stored orientation; the whole-body display convention was assumed`]
      : [];
  return { views, acquisition, warnings };
}
