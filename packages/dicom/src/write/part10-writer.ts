/**
 * A minimal DICOM Part 10 writer: Explicit VR Little Endian (PS3.5 7.1.2), defined lengths everywhere,
 * elements sorted by tag, File Meta Information per PS3.10 7.1. Enough for the phantom's image objects,
 * and byte-for-byte deterministic (no clock, no random UID inside).
 */
import { createHash } from 'node:crypto';

export type StringVr = 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UI';
export type DicomElement =
  | { readonly tag: number; readonly vr: StringVr; readonly value: string | readonly string[] }
  | { readonly tag: number; readonly vr: 'US' | 'SS' | 'UL' | 'FL' | 'FD'; readonly value: readonly number[] }
  /** Attribute Tag values, each a tag number as `tag(group, element)` gives it. */
  | { readonly tag: number; readonly vr: 'AT'; readonly value: readonly number[] }
  | { readonly tag: number; readonly vr: 'OB' | 'OW'; readonly value: Uint8Array }
  | { readonly tag: number; readonly vr: 'SQ'; readonly value: readonly (readonly DicomElement[])[] };

/** Tag number from group and element, e.g. tag(0x0010, 0x0010). */
export const tag = (group: number, element: number): number => group * 0x10000 + element;

/** Maximum value lengths in characters (PS3.5 Table 6.2-1) for the string VRs written here. */
const maxLength: Readonly<Record<StringVr, number>> = {
  AE: 16,
  AS: 4,
  CS: 16,
  DA: 8,
  DS: 16,
  DT: 26,
  IS: 12,
  LO: 64,
  LT: 10240,
  PN: 64,
  SH: 16,
  ST: 1024,
  TM: 14,
  UI: 64,
};

/** VRs with a 4-byte length after two reserved bytes in explicit VR (PS3.5 Table 7.1-1). */
export const explicitVrLongLengthVrs: ReadonlySet<string> = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'UC',
  'UR',
  'UT',
  'UN',
]);

export const explicitVrLittleEndian = '1.2.840.10008.1.2.1';

/** Implementation Class UID of this writer (PS3.7 D.3.3.2), a 2.25 UID derived from its name. */
export const implementationClassUid = uidFromName('bonemet phantoms Part 10 writer 1');
export const implementationVersionName = 'BONEMET_PH_1';

/**
 * A deterministic UID under the 2.25 root (PS3.5 B.2: a UUID as one decimal integer): the first 128 bits of
 * the SHA-256 of `name`, with the UUID version nibble set to 8 (RFC 9562 custom) and the variant bits to 10.
 * The same name always gives the same UID, so phantoms are reproducible.
 */
export function uidFromName(name: string): string {
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${bytes.toString('hex')}`).toString(10)}`;
}

/**
 * A number as a Decimal String of at most 16 characters (PS3.5 Table 6.2-1) with as many significant
 * digits as fit; exponent notation is allowed by DS.
 */
export function formatDecimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`DS cannot hold ${value}`);
  for (let digits = 17; digits >= 1; digits--) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16) return text;
  }
  throw new RangeError(`DS cannot hold ${value} in 16 characters`);
}

/** An Integer String (PS3.5: at most 12 characters, −2^31 to 2^31−1). */
export function formatIntegerString(value: number): string {
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    throw new RangeError(`IS cannot hold ${value}`);
  }
  return String(value);
}

function stringBytes(element: { tag: number; vr: StringVr; value: string | readonly string[] }): Uint8Array {
  const values = typeof element.value === 'string' ? [element.value] : element.value;
  for (const value of values) {
    if (value.length > maxLength[element.vr] || value.includes('\\') || /[^\x20-\x7e]/.test(value)) {
      throw new RangeError(
        `(${element.tag.toString(16).padStart(8, '0')}) ${element.vr} value "${value}" is too long or not plain ASCII`,
      );
    }
  }
  let text = values.join('\\');
  // Odd lengths are padded: UI with NUL, the other string VRs with a space (PS3.5 6.2).
  if (text.length % 2 === 1) text += element.vr === 'UI' ? '\0' : ' ';
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

function numberBytes(vr: 'US' | 'SS' | 'UL' | 'FL' | 'FD' | 'AT', values: readonly number[]): Uint8Array {
  const size = { US: 2, SS: 2, UL: 4, FL: 4, FD: 8, AT: 4 }[vr];
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((value, index) => {
    const offset = index * size;
    if (vr === 'US') view.setUint16(offset, value, true);
    else if (vr === 'SS') view.setInt16(offset, value, true);
    else if (vr === 'UL') view.setUint32(offset, value, true);
    else if (vr === 'FL') view.setFloat32(offset, value, true);
    else if (vr === 'AT') {
      // An AT value is the group then the element, each a 16-bit little-endian number (PS3.5 6.2).
      view.setUint16(offset, value >>> 16, true);
      view.setUint16(offset + 2, value & 0xffff, true);
    } else view.setFloat64(offset, value, true);
  });
  return out;
}

/** An explicit VR little endian element header (tag, VR, length). */
export function encodeElementHeader(tagNumber: number, vr: string, length: number): Uint8Array {
  const long = explicitVrLongLengthVrs.has(vr);
  const out = new Uint8Array(long ? 12 : 8);
  const view = new DataView(out.buffer);
  view.setUint16(0, tagNumber >>> 16, true);
  view.setUint16(2, tagNumber & 0xffff, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, length, true);
  else {
    if (length > 0xffff) throw new RangeError(`(${tagNumber.toString(16)}) ${vr} value longer than 65535 bytes`);
    view.setUint16(6, length, true);
  }
  return out;
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

function itemTag(tagNumber: number, length: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, tagNumber, true);
  view.setUint32(4, length, true);
  return out;
}

/** Encodes a data set (elements in any order; written sorted by tag; duplicate tags refused). */
export function encodeDataSet(elements: readonly DicomElement[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => a.tag - b.tag);
  sorted.forEach((element, index) => {
    if (index > 0 && sorted[index - 1]?.tag === element.tag) {
      throw new RangeError(`duplicate tag ${element.tag.toString(16).padStart(8, '0')}`);
    }
  });
  return concat(
    sorted.flatMap((element) => {
      let value: Uint8Array;
      switch (element.vr) {
        case 'US':
        case 'SS':
        case 'UL':
        case 'FL':
        case 'FD':
        case 'AT':
          value = numberBytes(element.vr, element.value);
          break;
        case 'OB':
        case 'OW':
          value = element.value.length % 2 === 1 ? concat([element.value, new Uint8Array(1)]) : element.value;
          break;
        case 'SQ':
          value = concat(
            element.value.flatMap((item) => {
              const body = encodeDataSet(item);
              return [itemTag(0xe000, body.length), body];
            }),
          );
          break;
        case 'AE':
        case 'AS':
        case 'CS':
        case 'DA':
        case 'DS':
        case 'DT':
        case 'IS':
        case 'LO':
        case 'LT':
        case 'PN':
        case 'SH':
        case 'ST':
        case 'TM':
        case 'UI':
          value = stringBytes(element);
      }
      return [encodeElementHeader(element.tag, element.vr, value.length), value];
    }),
  );
}

/** A complete Part 10 file: 128-byte preamble, "DICM", File Meta Information, then the data set. */
export function encodePart10File(
  sopClassUid: string,
  sopInstanceUid: string,
  elements: readonly DicomElement[],
): Uint8Array {
  const metaBody = encodeDataSet([
    { tag: tag(0x0002, 0x0001), vr: 'OB', value: Uint8Array.of(0x00, 0x01) },
    { tag: tag(0x0002, 0x0002), vr: 'UI', value: sopClassUid },
    { tag: tag(0x0002, 0x0003), vr: 'UI', value: sopInstanceUid },
    { tag: tag(0x0002, 0x0010), vr: 'UI', value: explicitVrLittleEndian },
    { tag: tag(0x0002, 0x0012), vr: 'UI', value: implementationClassUid },
    { tag: tag(0x0002, 0x0013), vr: 'SH', value: implementationVersionName },
  ]);
  const groupLength = encodeDataSet([{ tag: tag(0x0002, 0x0000), vr: 'UL', value: [metaBody.length] }]);
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concat([preamble, groupLength, metaBody, encodeDataSet(elements)]);
}

/** The three elements of a Code Sequence item (PS3.3 Table 8.8-1a, basic code attributes). */
export function codeItem(value: string, designator: string, meaning: string): DicomElement[] {
  return [
    { tag: tag(0x0008, 0x0100), vr: 'SH', value },
    { tag: tag(0x0008, 0x0102), vr: 'SH', value: designator },
    { tag: tag(0x0008, 0x0104), vr: 'LO', value: meaning },
  ];
}
