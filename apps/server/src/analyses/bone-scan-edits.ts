/**
 * Reader edits of a bone-scan result, as the API takes them (confirm, reject, add in stored-frame pixels),
 * turned into @bonemet/bonescan reader edits and applied by the package's reader-edit code to the
 * analysis's own region maps and hotspot pixels (kept with the result): the edited BSI is never computed
 * here.
 */
import { applyReaderEdits, type ReaderEdit, type ReaderEditsInput } from '@bonemet/bonescan';
import { ApiError } from '../http/api-error.js';
import type { ReaderEditRequest, ReaderEditView } from './analysis-schemas.js';
import type { EditRecord } from './analysis-store.js';
import type { BoneScanEditedPayload, BoneScanResultPayload } from './bone-scan-result.js';
import { readingToStoredFrame } from './bone-scan-views.js';
import { readEditableAnalysis } from './bone-scan-editable.js';

/** What a reader_edits row of a bone-scan result holds in `payload`. */
export interface StoredBoneScanEdit {
  readonly request: ReaderEditRequest;
  /** The user's name when the edit was made (kept if the account is later removed). */
  readonly userName: string;
}

const packageView = (view: 'ANT' | 'POST'): 'anterior' | 'posterior' => (view === 'ANT' ? 'anterior' : 'posterior');

function storedEdit(record: EditRecord): StoredBoneScanEdit {
  return record.payload as StoredBoneScanEdit;
}

/** The package edit of one API edit (stored-frame pixels turned back into the reading orientation). */
function packageEdit(payload: BoneScanResultPayload, edit: StoredBoneScanEdit, at: Date): ReaderEdit {
  const meta = { by: edit.userName, at: at.toISOString() };
  const request = edit.request;
  if (request.action === 'add') {
    const view = packageView(request.view);
    // The mirror and flip are their own inverse: the same mapping takes stored-frame pixels to reading ones.
    const reading = readingToStoredFrame(payload, view, request.x, request.y);
    return {
      action: 'add',
      view,
      label: 'metastasis',
      shape: { type: 'circle', centrePx: [reading.x, reading.y], radiusMm: request.diameterMm / 2 },
      ...meta,
    };
  }
  return {
    action: 'relabel',
    hotspotId: request.hotspotId,
    label: request.action === 'confirm' ? 'metastasis' : 'benign',
    ...meta,
  };
}

/** The edits as the analysis view lists them; an add names the id its hotspot gets (the package numbers them). */
export function editViews(records: readonly EditRecord[]): ReaderEditView[] {
  let added = 0;
  return records.map((record) => {
    const edit = storedEdit(record);
    const request = edit.request;
    let hotspotId: string | null;
    if (request.action === 'add') {
      added++;
      hotspotId = `${request.view}-R${String(added)}`;
    } else {
      hotspotId = request.hotspotId;
    }
    return {
      editId: record.id,
      action: request.action,
      hotspotId,
      userName: record.userName ?? edit.userName,
      createdAt: record.createdAt.toISOString(),
    };
  });
}

/**
 * Checks an edit against the result before it is stored: the hotspot is one of the analysis's own
 * (reader-added ones are undone by deleting their add edit), the point lies inside the view's frame.
 */
export function checkEditRequest(payload: BoneScanResultPayload, request: ReaderEditRequest): void {
  if (request.action !== 'add') {
    const known = payload.report.automatic.hotspots.map((h) => h.id);
    if (known.includes(request.hotspotId)) return;
    const readerAdded = /^(ANT|POST)-R\d+$/.test(request.hotspotId);
    throw new ApiError(
      400,
      'invalid_input',
      readerAdded
        ? `hotspot ${request.hotspotId} was added by a reader: undo its add edit instead of confirming or rejecting it`
        : `the analysis has no hotspot ${request.hotspotId}`,
      [
        {
          path: ['hotspotId'],
          message: readerAdded ? 'a reader-added hotspot' : 'unknown hotspot id',
          hint: readerAdded
            ? 'DELETE /api/analyses/{resultId}/edits/{editId} of the add edit'
            : known.length === 0
              ? 'the analysis found no hotspot; add one instead'
              : `use one of: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`,
        },
      ],
    );
  }
  const view = payload.report.views.find((v) => v.view === packageView(request.view));
  if (view === undefined) {
    throw new ApiError(400, 'invalid_input', `the study has no ${request.view} view`, [
      { path: ['view'], message: `no ${request.view} view was analysed` },
    ]);
  }
  const issues = [];
  if (!(request.x >= 0 && request.x <= view.columns - 1)) {
    issues.push({ path: ['x'], message: `outside the ${String(view.columns)} columns of the ${request.view} frame` });
  }
  if (!(request.y >= 0 && request.y <= view.rows - 1)) {
    issues.push({ path: ['y'], message: `outside the ${String(view.rows)} rows of the ${request.view} frame` });
  }
  if (issues.length > 0) {
    throw new ApiError(
      400,
      'invalid_input',
      `the point (${String(request.x)}, ${String(request.y)}) is outside the ${request.view} frame of ${String(view.columns)} × ${String(view.rows)} pixels`,
      issues.map((issue) => ({ ...issue, hint: 'give x (column) and y (row) in pixels of the stored frame' })),
    );
  }
}

/**
 * The result with `records` applied by the bonescan package's `applyReaderEdits` to the analysis's kept
 * region maps and hotspot pixels; null without edits.
 */
export async function computeEditedPayload(
  dataDir: string,
  resultId: string,
  payload: BoneScanResultPayload,
  records: readonly EditRecord[],
): Promise<BoneScanEditedPayload | null> {
  if (records.length === 0) return null;
  const editable = await readEditableAnalysis(dataDir, resultId, payload);
  const edits: ReaderEditsInput = {
    edits: records.map((record) => packageEdit(payload, storedEdit(record), record.createdAt)),
  };
  return { editIds: records.map((record) => record.id), edited: applyReaderEdits(editable, edits) };
}
