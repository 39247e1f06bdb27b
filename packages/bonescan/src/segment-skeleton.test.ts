import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { readWholeBodyScan } from './read-whole-body-scan.js';
import { segmentSkeleton } from './segment-skeleton.js';
import { assessSuperscan } from './segment-superscan.js';
import { boneScanPartOfLabel } from './skeleton-parts.js';
import type { WholeBodyScan, WholeBodyView } from './whole-body-scan.js';

const realDir = fileURLToPath(new URL('../../dicom/test-data/real-bonescan/', import.meta.url));

function view(counts: Float32Array, columns: number, rows: number): WholeBodyView {
  return {
    view: 'anterior',
    counts,
    columns,
    rows,
    pixelSpacingMm: [2.4, 2.4],
    orientation: {
      headAtTop: true,
      patientLeftOn: 'image-right',
      mirroredLeftRight: false,
      flippedTopBottom: false,
      basis: 'convention',
    },
    sourceKind: 'nm',
    countsAreCalibrated: true,
    viewBasis: 'caller',
    source: 'test',
  };
}

const scanOf = (...views: WholeBodyView[]): WholeBodyScan => ({ views, acquisition: {}, warnings: [] });

function invalidInput(run: () => unknown): BonemetError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BonemetError);
    expect((error as BonemetError).code).toBe('invalid_input');
    return error as BonemetError;
  }
  throw new Error('expected a BonemetError');
}

describe('segmentSkeleton: bad input', () => {
  it('refuses a scan without views', () => {
    expect(invalidInput(() => segmentSkeleton(scanOf())).message).toMatch(/no views/);
  });

  it('refuses counts that do not match rows × columns', () => {
    const error = invalidInput(() => segmentSkeleton(scanOf(view(new Float32Array(100), 256, 1024))));
    expect(error.message).toMatch(/100 pixel values for 256 × 1024/);
  });

  it('refuses an image too small to be a whole-body view', () => {
    invalidInput(() => segmentSkeleton(scanOf(view(new Float32Array(64 * 64), 64, 64))));
  });

  it('refuses an empty image (no body) with a message that says so', () => {
    const error = invalidInput(() => segmentSkeleton(scanOf(view(new Float32Array(256 * 1024), 256, 1024))));
    expect(error.message).toMatch(/no whole body found/);
  });

  it('refuses a blob far shorter than a body', () => {
    const counts = new Float32Array(256 * 1024);
    for (let row = 400; row < 450; row++)
      for (let column = 100; column < 150; column++) counts[row * 256 + column] = 50;
    invalidInput(() => segmentSkeleton(scanOf(view(counts, 256, 1024))));
  });
});

describe('segmentSkeleton on the real whole-body scan (NEMA WG-04 NM1, anterior, 256 × 1024 at 2.26 mm)', () => {
  // Landmarks read off the image by eye (rows from the top, columns from the left, the patient's left on
  // image right): top of the head at row ≈ 90, soles at row ≈ 850; head centre (150, 130); the right knee
  // (604, 69); the hot spot at the patient's left wrist (479, 234).
  const scan = readWholeBodyScan([
    { bytes: new Uint8Array(readFileSync(`${realDir}nm1-wholebody-uncompressed.dcm`)), source: 'nm1' },
  ]);
  const segmentation = segmentSkeleton(scan);
  const [result] = segmentation.views;
  const partAt = (row: number, column: number): string | undefined =>
    boneScanPartOfLabel(result?.labels[row * 256 + column] ?? 0)?.id;

  it('finds the vertex and the soles where they are on the image', () => {
    expect(result?.landmarks.vertexRow).toBeGreaterThanOrEqual(80);
    expect(result?.landmarks.vertexRow).toBeLessThanOrEqual(100);
    expect(result?.landmarks.soleRow).toBeGreaterThanOrEqual(835);
    expect(result?.landmarks.soleRow).toBeLessThanOrEqual(865);
  });

  it('puts the skull on the head, the right femur at the right knee and the left arm on the left wrist hot spot', () => {
    expect(partAt(150, 130)).toBe('skull');
    expect(['femur_right', 'tibia_right']).toContain(partAt(604, 69));
    expect(['radius_left', 'ulna_left', 'hand_left']).toContain(partAt(479, 234));
  });

  it('reports no superscan on this scan, whose bladder is plainly visible', () => {
    expect(assessSuperscan(scan, segmentation).superscan).toBe(false);
  });
});
