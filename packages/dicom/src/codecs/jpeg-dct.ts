/**
 * Sequential Huffman DCT JPEG decoding of one greyscale component at 8- or 12-bit precision (ITU-T T.81
 * Annex F; 12-bit is process 4 of the "extended" SOF1 frame, DICOM 1.2.840.10008.1.2.4.51). The
 * maintained WebAssembly codec packages decode 8-bit JPEG only, and 12-bit extended JPEG is common in
 * nuclear medicine, so it is decoded here. The inverse DCT is computed in double precision (T.81 A.3.3),
 * so results agree with any T.81-compliant decoder within its ±1 rounding allowance (ISO/IEC 10918-2).
 */
import { BonemetError } from '@bonemet/core';
import { isStartOfFrame } from './jpeg-markers.js';

/** Zig-zag order (T.81 Figure A.6): position k of the coded sequence → row-major index in the block. */
const zigzag: readonly number[] = Object.freeze([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
]);

/** cos((2x + 1) u π / 16) · C(u) / 2 with C(0) = 1/√2 (T.81 A.3.3), indexed [x * 8 + u]. */
const idctBasis: Float64Array = (() => {
  const table = new Float64Array(64);
  for (let x = 0; x < 8; x++) {
    for (let u = 0; u < 8; u++) {
      const cu = u === 0 ? Math.SQRT1_2 : 1;
      table[x * 8 + u] = (cu / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
    }
  }
  return table;
})();

function malformedJpeg(message: string): BonemetError {
  return new BonemetError('malformed_input', `JPEG stream: ${message}`, {
    issues: [{ path: ['PixelData'], message }],
  });
}

interface HuffmanTable {
  /** For each code length 1..16: largest code of that length, or -1 (T.81 F.2.2.3). */
  readonly maxCode: Int32Array;
  /** For each code length: index of its first value minus its first code. */
  readonly valueOffset: Int32Array;
  readonly values: Uint8Array;
}

/** Builds the decoding tables of T.81 Annex C / F.2.2.3 from the 16 counts and the values. */
function buildHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(17).fill(-1);
  const valueOffset = new Int32Array(17);
  let code = 0;
  let index = 0;
  for (let length = 1; length <= 16; length++) {
    const count = counts[length - 1] ?? 0;
    if (count > 0) {
      valueOffset[length] = index - code;
      code += count;
      index += count;
      maxCode[length] = code - 1;
    }
    code <<= 1;
  }
  return { maxCode, valueOffset, values };
}

class BitReader {
  private offset: number;
  private buffer = 0;
  private bitCount = 0;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
  ) {
    this.offset = start;
  }

  get position(): number {
    return this.offset;
  }

  /** One bit; a stuffed 0xFF00 yields 0xFF (F.1.2.3); a marker inside the data is an error. */
  bit(): number {
    if (this.bitCount === 0) {
      const byte = this.bytes[this.offset];
      if (byte === undefined) throw malformedJpeg('the entropy-coded data ends early');
      if (byte === 0xff) {
        const next = this.bytes[this.offset + 1];
        if (next !== 0x00) throw malformedJpeg('unexpected marker inside the entropy-coded data');
        this.offset += 2;
      } else {
        this.offset += 1;
      }
      this.buffer = byte;
      this.bitCount = 8;
    }
    this.bitCount -= 1;
    return (this.buffer >> this.bitCount) & 1;
  }

  bits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value = (value << 1) | this.bit();
    return value;
  }

  /** Skips to the next byte and over an RSTn marker (F.1.2.3, E.1.4). */
  restart(): void {
    this.bitCount = 0;
    const first = this.bytes[this.offset];
    const second = this.bytes[this.offset + 1] ?? 0;
    if (first !== 0xff || second < 0xd0 || second > 0xd7) throw malformedJpeg('restart marker expected');
    this.offset += 2;
  }

  decode(table: HuffmanTable): number {
    let code = 0;
    for (let length = 1; length <= 16; length++) {
      code = (code << 1) | this.bit();
      if (code <= (table.maxCode[length] ?? -1)) {
        const value = table.values[(table.valueOffset[length] ?? 0) + code];
        if (value === undefined) break;
        return value;
      }
    }
    throw malformedJpeg('invalid Huffman code');
  }
}

/** EXTEND (T.81 F.2.2.1): the s-bit amplitude v as a signed difference. */
function extend(value: number, size: number): number {
  return size === 0 ? 0 : value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
}

/** In-place 2-D inverse DCT of one block of dequantised coefficients (row-major). */
function inverseDct(block: Float64Array, scratch: Float64Array): void {
  for (let v = 0; v < 8; v++) {
    for (let x = 0; x < 8; x++) {
      let sum = 0;
      for (let u = 0; u < 8; u++) sum += (idctBasis[x * 8 + u] ?? 0) * (block[v * 8 + u] ?? 0);
      scratch[v * 8 + x] = sum;
    }
  }
  for (let x = 0; x < 8; x++) {
    for (let y = 0; y < 8; y++) {
      let sum = 0;
      for (let v = 0; v < 8; v++) sum += (idctBasis[y * 8 + v] ?? 0) * (scratch[v * 8 + x] ?? 0);
      block[y * 8 + x] = sum;
    }
  }
}

/**
 * Decodes a single-component SOF0/SOF1 Huffman JPEG stream of `rows` x `columns` samples. Returns the
 * samples, 0 .. 2^P − 1, row by row.
 */
export function decodeJpeg12BitFrame(bytes: Uint8Array, rows: number, columns: number): Uint16Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw malformedJpeg('no start-of-image marker');
  const quantTables = new Map<number, Int32Array>();
  const dcTables = new Map<number, HuffmanTable>();
  const acTables = new Map<number, HuffmanTable>();
  let restartInterval = 0;
  let precision = 0;
  let quantId = 0;
  let componentId = -1;
  let offset = 2;
  const u16 = (at: number): number => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  for (;;) {
    if (offset + 4 > bytes.length) throw malformedJpeg('the stream ends before a scan');
    if (bytes[offset] !== 0xff) throw malformedJpeg(`marker expected at byte ${offset}`);
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = u16(offset + 2);
    const segment = offset + 4;
    const segmentEnd = offset + 2 + length;
    if (segmentEnd > bytes.length) throw malformedJpeg('a marker segment runs past the end');
    if (marker === 0xdb) {
      // DQT (B.2.4.1): Pq (0: 8-bit, 1: 16-bit values), Tq, 64 values in zig-zag order.
      let at = segment;
      while (at < segmentEnd) {
        const pq = (bytes[at] ?? 0) >> 4;
        const tq = (bytes[at] ?? 0) & 15;
        at += 1;
        const table = new Int32Array(64);
        for (let k = 0; k < 64; k++) {
          table[k] = pq === 0 ? (bytes[at + k] ?? 0) : u16(at + 2 * k);
        }
        at += pq === 0 ? 64 : 128;
        quantTables.set(tq, table);
      }
    } else if (marker === 0xc4) {
      // DHT (B.2.4.2): Tc (0 DC, 1 AC), Th, 16 counts, values.
      let at = segment;
      while (at < segmentEnd) {
        const tc = (bytes[at] ?? 0) >> 4;
        const th = (bytes[at] ?? 0) & 15;
        const counts = bytes.slice(at + 1, at + 17);
        const total = counts.reduce((sum, n) => sum + n, 0);
        const table = buildHuffmanTable(counts, bytes.slice(at + 17, at + 17 + total));
        (tc === 0 ? dcTables : acTables).set(th, table);
        at += 17 + total;
      }
    } else if (marker === 0xdd) {
      restartInterval = u16(segment);
    } else if (isStartOfFrame(marker)) {
      if (marker !== 0xc0 && marker !== 0xc1) throw malformedJpeg('only Huffman sequential DCT (SOF0/SOF1) is read');
      precision = bytes[segment] ?? 0;
      const lines = u16(segment + 1);
      const samplesPerLine = u16(segment + 3);
      const componentCount = bytes[segment + 5] ?? 0;
      if (componentCount !== 1) throw malformedJpeg(`${componentCount} components (greyscale expected)`);
      if (lines !== rows || samplesPerLine !== columns) {
        throw malformedJpeg(`frame is ${samplesPerLine} x ${lines}, Columns x Rows is ${columns} x ${rows}`);
      }
      componentId = bytes[segment + 6] ?? 0;
      quantId = bytes[segment + 8] ?? 0;
    } else if (marker === 0xda) {
      if (precision === 0) throw malformedJpeg('scan before frame header');
      const scanComponents = bytes[segment] ?? 0;
      if (scanComponents !== 1 || bytes[segment + 1] !== componentId) throw malformedJpeg('unexpected scan');
      const tables = bytes[segment + 2] ?? 0;
      const dc = dcTables.get(tables >> 4);
      const ac = acTables.get(tables & 15);
      const quant = quantTables.get(quantId);
      if (dc === undefined || ac === undefined || quant === undefined) throw malformedJpeg('a table is missing');
      return decodeScan(new BitReader(bytes, segmentEnd), { dc, ac, quant, precision, rows, columns, restartInterval });
    }
    offset = segmentEnd;
  }
}

interface ScanSetup {
  readonly dc: HuffmanTable;
  readonly ac: HuffmanTable;
  readonly quant: Int32Array;
  readonly precision: number;
  readonly rows: number;
  readonly columns: number;
  readonly restartInterval: number;
}

function decodeScan(reader: BitReader, setup: ScanSetup): Uint16Array {
  const { dc, ac, quant, precision, rows, columns, restartInterval } = setup;
  const blocksPerLine = Math.ceil(columns / 8);
  const blockLines = Math.ceil(rows / 8);
  const out = new Uint16Array(rows * columns);
  const block = new Float64Array(64);
  const scratch = new Float64Array(64);
  const levelShift = 1 << (precision - 1);
  const maxValue = (1 << precision) - 1;
  let predictor = 0;
  const totalBlocks = blocksPerLine * blockLines;
  for (let n = 0; n < totalBlocks; n++) {
    if (restartInterval > 0 && n > 0 && n % restartInterval === 0) {
      reader.restart();
      predictor = 0;
    }
    block.fill(0);
    // F.2.2.1: DC difference; F.2.2.2: AC run-length/size pairs; F.2.1.4 dequantisation.
    const dcSize = reader.decode(dc);
    predictor += extend(reader.bits(dcSize), dcSize);
    block[0] = predictor * (quant[0] ?? 0);
    for (let k = 1; k < 64;) {
      const rs = reader.decode(ac);
      const run = rs >> 4;
      const size = rs & 15;
      if (size === 0) {
        if (run !== 15) break;
        k += 16;
        continue;
      }
      k += run;
      if (k > 63) throw malformedJpeg('AC coefficient index past 63');
      block[zigzag[k] ?? 0] = extend(reader.bits(size), size) * (quant[k] ?? 0);
      k += 1;
    }
    inverseDct(block, scratch);
    const top = Math.floor(n / blocksPerLine) * 8;
    const left = (n % blocksPerLine) * 8;
    for (let y = 0; y < 8 && top + y < rows; y++) {
      for (let x = 0; x < 8 && left + x < columns; x++) {
        // Level shift back by 2^(P-1) and clamp to the sample range (T.81 A.3.1).
        const value = Math.round((block[y * 8 + x] ?? 0) + levelShift);
        out[(top + y) * columns + left + x] = value < 0 ? 0 : value > maxValue ? maxValue : value;
      }
    }
  }
  return out;
}
