/**
 * Compressed transfer syntaxes: real slices are compressed at test time with DCMTK (Debian package dcmtk,
 * installed by scripts/install-test-tools.sh) and decoded here. Lossless syntaxes must give back the
 * original stored values exactly; lossy JPEG must agree with DCMTK's own decoder within ±1 (the accuracy
 * ISO/IEC 10918-2 allows a compliant inverse DCT, since the two decoders use different IDCTs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BonemetError } from '@bonemet/core';
import type { StoredPixels } from './dataset.js';
import { readDicomFile } from './read-dicom-file.js';

const testData = join(import.meta.dirname, '..', 'test-data');
const droSlice = join(testData, 'ibsi-suv-dro', 'DRO', 'DRO_0_0', 'PT', 'pet_dro_0_0_slice_012.dcm');
const nmUncompressed = join(testData, 'real-bonescan', 'nm1-wholebody-uncompressed.dcm');
const nmJpegExtended = join(testData, 'real-bonescan', 'nm1-wholebody-jpeg-extended.dcm');
const work = mkdtempSync(join(tmpdir(), 'bonemet-codecs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a DCMTK tool; a missing tool fails the test with the script that installs it. */
function dcmtk(tool: string, args: readonly string[]): void {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${tool} (DCMTK) is not installed: run scripts/install-test-tools.sh`);
  }
  execFileSync(tool, [...args], { stdio: 'pipe' });
}

let counter = 0;
function convert(tool: string, options: readonly string[], input: string): string {
  counter += 1;
  const output = join(work, `${tool}-${counter}.dcm`);
  dcmtk(tool, [...options, input, output]);
  return output;
}

function read(path: string): ReturnType<typeof readDicomFile> {
  return readDicomFile(readFileSync(path), path);
}

function maxAbsDifference(a: StoredPixels, b: StoredPixels): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}

const sources = [
  // IBSI DRO slice: 256 x 256, 16 bits stored, signed; the NM scan: 256 x 1024 real counts, unsigned.
  { name: 'IBSI DRO PET slice (signed 16-bit)', path: droSlice },
  { name: 'real NM whole-body scan', path: nmUncompressed },
] as const;

const losslessCases = [
  { syntax: '1.2.840.10008.1.2.4.70', tool: 'dcmcjpeg', options: ['+e1'] },
  { syntax: '1.2.840.10008.1.2.4.57', tool: 'dcmcjpeg', options: ['+el', '+sv', '2'] },
  { syntax: '1.2.840.10008.1.2.4.57', tool: 'dcmcjpeg', options: ['+el', '+sv', '7'] },
  { syntax: '1.2.840.10008.1.2.4.80', tool: 'dcmcjpls', options: ['+el'] },
  { syntax: '1.2.840.10008.1.2.5', tool: 'dcmcrle', options: [] },
  { syntax: '1.2.840.10008.1.2.1.99', tool: 'dcmconv', options: ['+td'] },
] as const;

describe('lossless compressed transfer syntaxes decode to the original stored values', () => {
  for (const source of sources) {
    for (const { syntax, tool, options } of losslessCases) {
      it(`${syntax} (${tool} ${options.join(' ')}) on the ${source.name}`, () => {
        const original = read(source.path);
        const compressed = read(convert(tool, options, source.path));
        expect(compressed.transferSyntaxUid).toBe(syntax);
        expect(compressed.rows).toBe(original.rows);
        expect(compressed.columns).toBe(original.columns);
        expect(compressed.storedPixels.constructor).toBe(original.storedPixels.constructor);
        expect(maxAbsDifference(compressed.storedPixels, original.storedPixels)).toBe(0);
        expect(compressed.rescaleSlope).toBe(original.rescaleSlope);
      });
    }
  }
});

describe('JPEG-LS near-lossless (1.2.840.10008.1.2.4.81)', () => {
  it('stays within NEAR = 2 of the original (ITU-T T.87: |error| <= NEAR) on the NM scan', () => {
    const original = read(nmUncompressed);
    const compressed = read(convert('dcmcjpls', ['+en', '+md', '2'], nmUncompressed));
    expect(compressed.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.81');
    expect(maxAbsDifference(compressed.storedPixels, original.storedPixels)).toBeLessThanOrEqual(2);
  });
});

describe('lossy JPEG agrees with DCMTK dcmdjpeg within the ±1 IDCT allowance', () => {
  it('12-bit JPEG extended (1.2.840.10008.1.2.4.51): the real NM whole-body scan', () => {
    // nm1-wholebody-uncompressed.dcm is this file decompressed with dcmdjpeg (test-data/real-bonescan/SOURCE.md).
    const decoded = read(nmJpegExtended);
    const reference = read(nmUncompressed);
    expect(decoded.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.51');
    expect([decoded.columns, decoded.rows]).toEqual([256, 1024]);
    expect(maxAbsDifference(decoded.storedPixels, reference.storedPixels)).toBeLessThanOrEqual(1);
  });

  it('8-bit JPEG baseline (1.2.840.10008.1.2.4.50): the NM scan windowed to 8 bits, via libjpeg-turbo', () => {
    const eightBit = convert('dcmcjpeg', ['+eb', '+Wm'], nmUncompressed);
    const reference = read(convert('dcmdjpeg', [], eightBit));
    const decoded = read(eightBit);
    expect(decoded.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
    expect(decoded.bitsAllocated).toBe(8);
    expect(maxAbsDifference(decoded.storedPixels, reference.storedPixels)).toBeLessThanOrEqual(1);
  });
});

describe('compressed pixel data errors', () => {
  it('JPEG lossless predictors 3 to 5 are refused as unsupported, naming the predictor', () => {
    const bytes = readFileSync(convert('dcmcjpeg', ['+el', '+sv', '4'], nmUncompressed));
    expect(() => readDicomFile(bytes, 'sv4.dcm')).toThrow(/predictor 4 is not read/);
  });

  it('a truncated JPEG-LS frame is a typed error, not garbage pixels', () => {
    const bytes = readFileSync(convert('dcmcjpls', ['+el'], nmUncompressed));
    let thrown: unknown;
    try {
      readDicomFile(bytes.subarray(0, bytes.length - 2000), 'truncated.dcm');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BonemetError);
    expect((thrown as BonemetError).code).toBe('malformed_input');
  });
});
