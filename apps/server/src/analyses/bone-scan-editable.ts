/**
 * What applying reader edits needs from a bone-scan analysis (the region label maps and each hotspot's
 * pixels), kept with the result's images as `editable.json.gz`, so that an edit is applied by the bonescan
 * package's `applyReaderEdits` in milliseconds instead of running the whole pipeline again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { EditableAnalysis, SkeletonRegionId, ViewName, WholeBodyScanAnalysis } from '@bonemet/bonescan';
import { BonemetError } from '@bonemet/core';
import { analysisImageFolder, type ResultFile } from './analysis-images.js';
import type { BoneScanResultPayload } from './bone-scan-result.js';

export const EDITABLE_FILE = 'editable.json.gz';

interface EditableFile {
  readonly version: 1;
  readonly regionMaps: readonly {
    readonly view: ViewName;
    readonly columns: number;
    readonly rows: number;
    /** 1 (Uint8Array) or 2 (Uint16Array, little-endian) bytes per label. */
    readonly bytesPerLabel: 1 | 2;
    readonly labelsBase64: string;
  }[];
  /** Pixel indices (row × columns + column, reading orientation) of each hotspot, Uint32 little-endian. */
  readonly hotspotPixels: readonly { readonly id: string; readonly pixelsBase64: string }[];
}

const base64 = (array: ArrayBufferView): string =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/** The file to keep with a new result. */
export function editableFile(analysis: WholeBodyScanAnalysis): ResultFile {
  const content: EditableFile = {
    version: 1,
    regionMaps: analysis.hotspots.regionMaps.map((map) => ({
      view: map.view,
      columns: map.columns,
      rows: map.rows,
      bytesPerLabel: map.labels instanceof Uint16Array ? 2 : 1,
      labelsBase64: base64(map.labels),
    })),
    hotspotPixels: [...analysis.hotspots.hotspotPixels].map(([id, pixels]) => ({ id, pixelsBase64: base64(pixels) })),
  };
  return { fileName: EDITABLE_FILE, bytes: gzipSync(JSON.stringify(content)) };
}

function typedArray<T extends Uint8Array | Uint16Array | Uint32Array>(
  text: string,
  make: (buffer: ArrayBuffer, length: number) => T,
  bytesPer: number,
): T {
  const bytes = Buffer.from(text, 'base64');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy, bytes.byteLength / bytesPer);
}

/** The editable analysis of a stored result: the kept maps and pixels, and the hotspots of its report. */
export async function readEditableAnalysis(
  dataDir: string,
  resultId: string,
  payload: BoneScanResultPayload,
): Promise<EditableAnalysis> {
  let content: EditableFile;
  try {
    const bytes = await readFile(join(analysisImageFolder(dataDir, resultId), EDITABLE_FILE));
    content = JSON.parse(gunzipSync(bytes).toString('utf8')) as EditableFile;
  } catch (cause) {
    throw new BonemetError('io_error', `the data reader edits need for result ${resultId} cannot be read`, {
      cause,
      issues: [
        { path: ['resultId'], message: `${EDITABLE_FILE} is missing or damaged`, hint: 'run the analysis again' },
      ],
    });
  }
  const pixelSpacingMmByView: Partial<Record<ViewName, readonly [number, number]>> = {};
  for (const view of payload.report.views) {
    if (view.view === 'anterior' || view.view === 'posterior') pixelSpacingMmByView[view.view] = view.pixelSpacingMm;
  }
  return {
    regionMaps: content.regionMaps.map((map) => ({
      view: map.view,
      columns: map.columns,
      rows: map.rows,
      labels:
        map.bytesPerLabel === 2
          ? typedArray(map.labelsBase64, (b, n) => new Uint16Array(b, 0, n), 2)
          : typedArray(map.labelsBase64, (b, n) => new Uint8Array(b, 0, n), 1),
    })),
    pixelSpacingMmByView,
    hotspotPixels: new Map(
      content.hotspotPixels.map((h) => [h.id, typedArray(h.pixelsBase64, (b, n) => new Uint32Array(b, 0, n), 4)]),
    ),
    hotspots: payload.report.automatic.hotspots.map((h) => ({
      id: h.id,
      view: h.view === 'posterior' ? 'posterior' : 'anterior',
      region: h.region as SkeletonRegionId | null,
      columnPx: h.columnPx,
      rowPx: h.rowPx,
      areaMm2: h.areaMm2,
      label: h.label,
      pairedWith: h.otherViewId,
    })),
  };
}
