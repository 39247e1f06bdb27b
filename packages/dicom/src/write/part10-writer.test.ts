import { describe, expect, it } from 'vitest';
import { encodeDataSet, encodePart10File, formatDecimalString, tag, uidFromName } from './part10-writer.js';

describe('formatDecimalString', () => {
  it('keeps short numbers as they are and fits long ones in 16 characters', () => {
    expect(formatDecimalString(370000000)).toBe('370000000');
    expect(formatDecimalString(-190)).toBe('-190');
    // 1/3 to 14 decimals: "0.33333333333333" is 16 characters.
    expect(formatDecimalString(1 / 3)).toBe('0.33333333333333');
    expect(formatDecimalString(1.234567890123e-20).length).toBeLessThanOrEqual(16);
    expect(Number(formatDecimalString(1.234567890123e-20))).toBeCloseTo(1.234567890123e-20, 30);
    expect(() => formatDecimalString(Number.NaN)).toThrow(RangeError);
  });
});

describe('uidFromName', () => {
  it('is a 2.25 UID of at most 64 characters, the same for the same name', () => {
    const uid = uidFromName('study');
    expect(uid).toMatch(/^2\.25\.(0|[1-9]\d*)$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    expect(uidFromName('study')).toBe(uid);
    expect(uidFromName('series')).not.toBe(uid);
  });
});

describe('encodeDataSet', () => {
  it('writes explicit VR little endian with even padding and sorted tags', () => {
    const bytes = encodeDataSet([
      { tag: tag(0x0020, 0x0013), vr: 'IS', value: '1' },
      { tag: tag(0x0010, 0x0010), vr: 'PN', value: 'AB' },
    ]);
    // (0010,0010) PN length 2 "AB"; then (0020,0013) IS length 2 "1 " (odd length padded with a space).
    expect([...bytes]).toEqual([
      0x10, 0x00, 0x10, 0x00, 0x50, 0x4e, 0x02, 0x00, 0x41, 0x42, 0x20, 0x00, 0x13, 0x00, 0x49, 0x53, 0x02, 0x00, 0x31,
      0x20,
    ]);
  });

  it('pads UI with NUL and writes OW with a 4-byte length after two reserved bytes', () => {
    const bytes = encodeDataSet([
      { tag: tag(0x0008, 0x0016), vr: 'UI', value: '1.2.3' },
      { tag: tag(0x7fe0, 0x0010), vr: 'OW', value: Uint8Array.of(1, 2) },
    ]);
    expect([...bytes.subarray(0, 14)]).toEqual([
      0x08, 0x00, 0x16, 0x00, 0x55, 0x49, 0x06, 0x00, 0x31, 0x2e, 0x32, 0x2e, 0x33, 0x00,
    ]);
    expect([...bytes.subarray(14)]).toEqual([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57, 0, 0, 0x02, 0, 0, 0, 1, 2]);
  });

  it('refuses duplicate tags and values that do not fit their VR', () => {
    expect(() =>
      encodeDataSet([
        { tag: 1, vr: 'CS', value: 'A' },
        { tag: 1, vr: 'CS', value: 'B' },
      ]),
    ).toThrow(RangeError);
    expect(() => encodeDataSet([{ tag: 1, vr: 'CS', value: 'MORE THAN SIXTEEN CHARS' }])).toThrow(RangeError);
  });
});

describe('encodePart10File', () => {
  it('starts with the 128-byte preamble and "DICM", then the meta group length', () => {
    const bytes = encodePart10File('1.2', '1.3', []);
    expect(String.fromCharCode(...bytes.subarray(128, 132))).toBe('DICM');
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    // (0002,0000) UL length 4, value = bytes of the rest of the meta group (everything after it).
    expect(view.getUint16(132, true)).toBe(0x0002);
    expect(view.getUint16(134, true)).toBe(0x0000);
    expect(view.getUint32(140, true)).toBe(bytes.length - 144);
  });
});
