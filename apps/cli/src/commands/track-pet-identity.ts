/**
 * Patient ID (0010,0020) of a DICOM Part 10 file, for refusing to track studies of different patients (the
 * dataset reader of @bonemet/dicom does not keep it).
 *
 * Walks the top-level elements of the data set in tag order (PS3.5 §7.1) and stops at the first tag past
 * (0010,0020). Explicit VR Little Endian (1.2.840.10008.1.2.1) and Implicit VR Little Endian (1.2.840.10008.1.2),
 * the syntaxes of nearly every PET/CT archive, and the encapsulated syntaxes (their data set is explicit VR
 * little endian too, PS3.5 §A.4) are read; sequences of undefined length are skipped through their delimiters.
 * Any other transfer syntax (deflated, big endian) gives undefined: the caller then cannot compare patients and
 * says so.
 */
import { readFile } from 'node:fs/promises';

const PREAMBLE_BYTES = 132;
/** VRs with a 2-byte reserved field and a 4-byte length (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UR', 'UT', 'UN']);
const UNDEFINED_LENGTH = 0xffffffff;
const PATIENT_ID_TAG = 0x00100020;
const ITEM = 0xfffee000;
const ITEM_DELIMITER = 0xfffee00d;
const SEQUENCE_DELIMITER = 0xfffee0dd;
const IMPLICIT_LITTLE = '1.2.840.10008.1.2';
const BIG_ENDIAN = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';

interface Cursor {
  offset: number;
}

function tagAt(view: DataView, offset: number): number {
  return ((view.getUint16(offset, true) << 16) | view.getUint16(offset + 2, true)) >>> 0;
}

/** Reads one element header at the cursor; returns its tag, VR and value length, and moves to the value. */
function header(view: DataView, cursor: Cursor, explicit: boolean): { tag: number; vr: string; length: number } {
  const tag = tagAt(view, cursor.offset);
  if (tag === ITEM || tag === ITEM_DELIMITER || tag === SEQUENCE_DELIMITER) {
    const length = view.getUint32(cursor.offset + 4, true);
    cursor.offset += 8;
    return { tag, vr: '', length };
  }
  if (!explicit) {
    const length = view.getUint32(cursor.offset + 4, true);
    cursor.offset += 8;
    return { tag, vr: '', length };
  }
  const vr = String.fromCharCode(view.getUint8(cursor.offset + 4), view.getUint8(cursor.offset + 5));
  if (LONG_VRS.has(vr)) {
    const length = view.getUint32(cursor.offset + 8, true);
    cursor.offset += 12;
    return { tag, vr, length };
  }
  const length = view.getUint16(cursor.offset + 6, true);
  cursor.offset += 8;
  return { tag, vr, length };
}

/** Skips the value of an undefined-length element (a sequence or an encapsulated value) through its delimiter. */
function skipUndefined(view: DataView, cursor: Cursor, explicit: boolean): void {
  let depth = 1;
  while (depth > 0 && cursor.offset + 8 <= view.byteLength) {
    const element = header(view, cursor, explicit);
    if (element.tag === SEQUENCE_DELIMITER || element.tag === ITEM_DELIMITER) {
      depth--;
      continue;
    }
    if (element.length === UNDEFINED_LENGTH) {
      depth++;
      continue;
    }
    // A defined-length item: its elements are skipped with it.
    cursor.offset += element.length;
  }
}

/** The Patient ID of the Part 10 bytes, '' when the element is absent, undefined when it cannot be read. */
export function patientIdOf(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < PREAMBLE_BYTES + 8) return undefined;
  if (String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') return undefined;
  const cursor: Cursor = { offset: PREAMBLE_BYTES };
  let transferSyntax = '';
  try {
    // File Meta Information: group 0002, always explicit VR little endian.
    while (cursor.offset + 8 <= view.byteLength && view.getUint16(cursor.offset, true) === 0x0002) {
      const element = header(view, cursor, true);
      if (element.tag === 0x00020010)
        transferSyntax = new TextDecoder('latin1')
          .decode(bytes.subarray(cursor.offset, cursor.offset + element.length))
          .replace(/[\0 ]+$/, '');
      cursor.offset += element.length;
    }
    if (transferSyntax === BIG_ENDIAN || transferSyntax === DEFLATED || transferSyntax === '') return undefined;
    const explicit = transferSyntax !== IMPLICIT_LITTLE;
    while (cursor.offset + 8 <= view.byteLength) {
      const element = header(view, cursor, explicit);
      if (element.tag > PATIENT_ID_TAG) return '';
      if (element.tag === PATIENT_ID_TAG)
        return new TextDecoder('latin1')
          .decode(bytes.subarray(cursor.offset, cursor.offset + element.length))
          .replace(/[\0 ]+$/, '')
          .trim();
      if (element.length === UNDEFINED_LENGTH) skipUndefined(view, cursor, explicit);
      else cursor.offset += element.length;
    }
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return '';
}

/** The Patient ID of a file, undefined when it cannot be read (not a file, another syntax). */
export async function patientIdOfFile(path: string): Promise<string | undefined> {
  try {
    return patientIdOf(await readFile(path));
  } catch {
    return undefined;
  }
}
