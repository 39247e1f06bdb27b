/**
 * Gives a phantom's DICOM file the identity of a demo patient and time point: Patient's Name and ID, the
 * study date, and UIDs of its own. The phantoms write a fixed synthetic patient (and the bone-scan phantom
 * a fixed date); a seeded cohort needs each study under its patient, on its day, with UIDs that no other
 * patient's study shares.
 *
 * Works on the files the phantoms write: Part 10 with Explicit VR Little Endian (PS3.5 §7.1.2) and defined
 * lengths everywhere (sequences and items included). Elements are rewritten at every depth; the File Meta
 * Information group length (0002,0000) is recomputed.
 */
import { BonemetError } from '@bonemet/core';
import { encodeElementHeader, explicitVrLittleEndian, explicitVrLongLengthVrs, uidFromName } from '@bonemet/dicom';

const PREAMBLE_BYTES = 132;
const UNDEFINED_LENGTH = 0xffffffff;

/** Tags whose UID values are replaced (the same old UID always gets the same new one within a call). */
const REMAPPED_UID_TAGS = new Set([
  0x00020003, // Media Storage SOP Instance UID
  0x00080018, // SOP Instance UID
  0x00081155, // Referenced SOP Instance UID
  0x0020000d, // Study Instance UID
  0x0020000e, // Series Instance UID
  0x00200052, // Frame of Reference UID
]);
const PATIENT_NAME = 0x00100010;
const PATIENT_ID = 0x00100020;
const TRANSFER_SYNTAX = 0x00020010;

export interface DicomIdentity {
  /** Patient ID (0010,0020): the patient's MRN. */
  readonly patientId: string;
  /** Patient's Name (0010,0010), DICOM PN ("Family^Given"). */
  readonly patientName: string;
  /** Every DA value equal to `from` becomes `to`, and every DT value starting with `from` starts with `to`. */
  readonly date?: { readonly from: string; readonly to: string };
  /** Names the new UIDs: uid = uidFromName(`${uidNamespace}/${old uid}`). */
  readonly uidNamespace: string;
}

function malformed(source: string, message: string): BonemetError {
  return new BonemetError('malformed_input', `${source}: ${message}`, {
    issues: [
      { path: [source], message, hint: 'only Explicit VR Little Endian files with defined lengths are rewritten' },
    ],
  });
}

function text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes).replace(/[\0 ]+$/, '');
}

function padded(value: string, vr: string): Uint8Array {
  const even = value.length % 2 === 1 ? `${value}${vr === 'UI' ? '\0' : ' '}` : value;
  return Uint8Array.from(even, (character) => character.charCodeAt(0));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

interface Rewriter {
  readonly source: string;
  readonly identity: DicomIdentity;
  readonly uids: Map<string, string>;
  transferSyntax: string | undefined;
}

function newValue(rewriter: Rewriter, tagNumber: number, vr: string, value: Uint8Array): Uint8Array {
  const { identity } = rewriter;
  if (tagNumber === PATIENT_ID) return padded(identity.patientId, vr);
  if (tagNumber === PATIENT_NAME) return padded(identity.patientName, vr);
  if (REMAPPED_UID_TAGS.has(tagNumber) && vr === 'UI') {
    const old = text(value);
    let uid = rewriter.uids.get(old);
    if (uid === undefined) {
      uid = uidFromName(`${identity.uidNamespace}/${old}`);
      rewriter.uids.set(old, uid);
    }
    return padded(uid, vr);
  }
  if (identity.date !== undefined && (vr === 'DA' || vr === 'DT')) {
    const old = text(value);
    if (vr === 'DA' && old === identity.date.from) return padded(identity.date.to, vr);
    if (vr === 'DT' && old.startsWith(identity.date.from)) {
      return padded(`${identity.date.to}${old.slice(identity.date.from.length)}`, vr);
    }
  }
  if (tagNumber === TRANSFER_SYNTAX) rewriter.transferSyntax = text(value);
  return value;
}

/** Rewrites the elements in bytes[start, end) (a data set or an item's body); returns the new bytes. */
function rewriteElements(rewriter: Rewriter, bytes: Uint8Array, start: number, end: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let offset = start;
  while (offset < end) {
    if (offset + 8 > end) throw malformed(rewriter.source, `element header cut short at byte ${String(offset)}`);
    const tagNumber = view.getUint16(offset, true) * 0x10000 + view.getUint16(offset + 2, true);
    const vr = String.fromCharCode(bytes[offset + 4] ?? 0, bytes[offset + 5] ?? 0);
    if (!/^[A-Z]{2}$/.test(vr)) throw malformed(rewriter.source, `no explicit VR at byte ${String(offset)}`);
    const long = explicitVrLongLengthVrs.has(vr);
    const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
    const valueStart = offset + (long ? 12 : 8);
    if (length === UNDEFINED_LENGTH) throw malformed(rewriter.source, `undefined length at byte ${String(offset)}`);
    const valueEnd = valueStart + length;
    if (valueEnd > end) throw malformed(rewriter.source, `value runs past its data set at byte ${String(offset)}`);
    let value: Uint8Array;
    if (vr === 'SQ') value = rewriteItems(rewriter, bytes, valueStart, valueEnd);
    else value = newValue(rewriter, tagNumber, vr, bytes.subarray(valueStart, valueEnd));
    if (!long && value.length > 0xffff) throw malformed(rewriter.source, `value too long at byte ${String(offset)}`);
    parts.push(encodeElementHeader(tagNumber, vr, value.length), value);
    offset = valueEnd;
  }
  return concat(parts);
}

function rewriteItems(rewriter: Rewriter, bytes: Uint8Array, start: number, end: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let offset = start;
  while (offset < end) {
    const group = view.getUint16(offset, true);
    const element = view.getUint16(offset + 2, true);
    const length = view.getUint32(offset + 4, true);
    if (group !== 0xfffe || element !== 0xe000 || length === UNDEFINED_LENGTH || offset + 8 + length > end) {
      throw malformed(rewriter.source, `unexpected sequence item at byte ${String(offset)}`);
    }
    const body = rewriteElements(rewriter, bytes, offset + 8, offset + 8 + length);
    const header = new Uint8Array(8);
    const headerView = new DataView(header.buffer);
    headerView.setUint16(0, 0xfffe, true);
    headerView.setUint16(2, 0xe000, true);
    headerView.setUint32(4, body.length, true);
    parts.push(header, body);
    offset += 8 + length;
  }
  return concat(parts);
}

/**
 * A copy of a Part 10 file with the patient, date and UIDs of `identity`. `uids` carries the old → new UID
 * map across the files of one study, so that references between them stay consistent.
 */
export function restampDicomFile(
  bytes: Uint8Array,
  identity: DicomIdentity,
  source: string,
  uids = new Map<string, string>(),
): Uint8Array {
  if (bytes.length < PREAMBLE_BYTES + 12 || text(bytes.subarray(128, 132)) !== 'DICM') {
    throw malformed(source, 'not a DICOM Part 10 file (no "DICM" after the preamble)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const groupLengthTag = view.getUint16(PREAMBLE_BYTES, true) * 0x10000 + view.getUint16(PREAMBLE_BYTES + 2, true);
  if (groupLengthTag !== 0x00020000) throw malformed(source, 'the File Meta Information has no group length');
  const metaStart = PREAMBLE_BYTES + 12;
  const metaEnd = metaStart + view.getUint32(PREAMBLE_BYTES + 8, true);
  const rewriter: Rewriter = { source, identity, uids, transferSyntax: undefined };
  const meta = rewriteElements(rewriter, bytes, metaStart, metaEnd);
  if (rewriter.transferSyntax !== explicitVrLittleEndian) {
    throw malformed(source, `transfer syntax ${rewriter.transferSyntax ?? '(none)'} is not Explicit VR Little Endian`);
  }
  const dataSet = rewriteElements(rewriter, bytes, metaEnd, bytes.length);
  const lengthValue = new Uint8Array(4);
  new DataView(lengthValue.buffer).setUint32(0, meta.length, true);
  const groupLength = concat([encodeElementHeader(0x00020000, 'UL', 4), lengthValue]);
  return concat([bytes.subarray(0, PREAMBLE_BYTES), groupLength, meta, dataSet]);
}
