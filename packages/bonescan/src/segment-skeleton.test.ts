import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { readWholeBodyScan } from './read-whole-body-scan.js';
import { segmentSkeleton } from './segment-skeleton.js';
import { assessSuperscan } from './segment-superscan.js';
import { warpBodyLevel } from './skeleton-landmarks.js';
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

describe('warpBodyLevel', () => {
  const anchors = [
    { name: 'shoulder', found: 0.155, reference: 0.173 },
    { name: 'knee', found: 0.68, reference: 0.716 },
  ] as const;
  it('is the identity without anchors and keeps the vertex and the soles fixed', () => {
    expect(warpBodyLevel(0.3, [])).toBeCloseTo(0.3, 12);
    expect(warpBodyLevel(0, anchors)).toBeCloseTo(0, 12);
    expect(warpBodyLevel(1, anchors)).toBeCloseTo(1, 12);
  });
  it('interpolates linearly between the anchors', () => {
    // Hip 0.47: 0.155 + (0.47 − 0.173) × (0.68 − 0.155) / (0.716 − 0.173) = 0.155 + 0.297 × 0.525 / 0.543 = 0.44215.
    expect(warpBodyLevel(0.47, anchors)).toBeCloseTo(0.44215, 4);
    // Shoulder maps onto its found level; ankle 0.961: 0.68 + 0.245 × 0.32 / 0.284 = 0.95606.
    expect(warpBodyLevel(0.173, anchors)).toBeCloseTo(0.155, 12);
    expect(warpBodyLevel(0.961, anchors)).toBeCloseTo(0.95606, 4);
  });
});

describe.each(['nm1-wholebody-uncompressed.dcm', 'nm1-wholebody-jpeg-extended.dcm'])(
  'segmentSkeleton on the real whole-body scan %s (NEMA WG-04 NM1, anterior, 256 × 1024 at 2.26 mm)',
  (file) => {
    // Landmarks read off the image by eye (rows from the top, columns from the left, the patient's left on
    // image right): top of the head at row ≈ 90, soles at row ≈ 850; head centre (150, 130); the right knee
    // (604, 69); the hot spot at the patient's left wrist (479, 234).
    const scan = readWholeBodyScan([{ bytes: new Uint8Array(readFileSync(`${realDir}${file}`)), source: 'nm1' }]);
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

    it('puts each region of the trunk and limbs on its anatomy as read off the image', () => {
      // Maxima of the counts (3 × 5 pixel means) read along rows and columns of the image:
      // - neck: the ridge between the skull base and the shoulders, rows 170–200 at columns 132–140;
      expect(partAt(185, 136)).toBe('cervical_spine');
      // - the sternum: the bright midline band below the sternal notch (row 260: maximum at columns 132–136),
      //   in front of the thoracic spine, which continues it down to row 320 (row 300: maximum at column 136);
      expect(partAt(260, 136)).toBe('sternum');
      expect(['sternum', 'thoracic_spine']).toContain(partAt(300, 136));
      // - the lumbar spine: the hottest vertebra above the pelvis, row 360, column 144;
      expect(partAt(360, 144)).toBe('lumbar_spine');
      // - the clavicles: the oblique ridges from the manubrium out to the shoulders (column 100: maximum at
      //   rows 217–220; column 170: maximum at row 217);
      expect(partAt(217, 100)).toBe('clavicle_right');
      expect(partAt(217, 170)).toBe('clavicle_left');
      // - the humeral shafts in the arms lying beside the chest, row 300 at columns 24 and 240;
      expect(partAt(300, 24)).toBe('humerus_right');
      expect(partAt(300, 240)).toBe('humerus_left');
      // - the left iliac wing lateral to the lumbosacral junction, row 390, maximum at column 188;
      expect(partAt(392, 186)).toBe('pelvis');
      // - the femoral shafts, row 500, maxima at columns 80 and 188.
      expect(partAt(500, 80)).toBe('femur_right');
      expect(partAt(500, 188)).toBe('femur_left');
    });

    it('puts ribs on the lower lateral chest (faint oblique stripes, rows 290–330) and nothing else there', () => {
      for (const [fromColumn, toColumn] of [
        [75, 105],
        [165, 195],
      ] as const) {
        const found = new Map<string, number>();
        for (let row = 290; row <= 330; row++) {
          for (let column = fromColumn; column <= toColumn; column++) {
            const id = partAt(row, column) ?? 'none';
            found.set(id, (found.get(id) ?? 0) + 1);
          }
        }
        // The scapula lies over the upper lateral ribs in projection: it may reach into the box from above.
        expect([...found.keys()].every((id) => ['ribs', 'scapula_right', 'scapula_left', 'none'].includes(id))).toBe(
          true,
        );
        // A quarter of the box at least is rib (the stripes and the bone between the gaps of a blurred cage).
        expect((found.get('ribs') ?? 0) / (41 * (toColumn - fromColumn + 1))).toBeGreaterThan(0.25);
      }
    });

    it('finds the shoulders and the knees above where height alone puts them (knees at row ≈ 604 by eye)', () => {
      const knee = result?.landmarks.trunkLevels.find((t) => t.name === 'knee');
      // Row 604 of a body from row 88 to 852: (604 − 88) / 764 = 0.675, against 0.715 for Winter's proportions.
      expect(knee?.found).toBeGreaterThan(0.66);
      expect(knee?.found).toBeLessThan(0.7);
      expect(result?.landmarks.trunkLevels.some((t) => t.name === 'shoulder')).toBe(true);
    });

    it('finds the bladder (read off the image: centre at row 418, column 140) and keeps it out of the spine and pelvis', () => {
      for (const [row, column] of [
        [418, 140],
        [414, 135],
        [424, 148],
      ] as const) {
        expect(result?.bladder[row * 256 + column]).toBe(1);
        expect(['lumbar_spine', 'pelvis']).not.toContain(partAt(row, column));
      }
      // The bladder stays in the low pelvis: nothing above the iliac crests (row ≈ 380 by eye) is flagged.
      expect(result?.bladder.subarray(0, 370 * 256).some((v) => v === 1)).toBe(false);
    });

    it('places the lumbar vertebrae in order down the spine, between the thoracic spine and the bladder', () => {
      const lumbar = result?.spine.vertebrae.filter((v) => v.part === 'lumbar_spine') ?? [];
      expect(lumbar).toHaveLength(5);
      const rows = lumbar.map((v) => v.row);
      expect([...rows].sort((a, b) => a - b)).toEqual(rows);
      // By eye the lumbar spine runs from about row 330 down to the sacrum above the bladder (row ≈ 405).
      expect(rows[0]).toBeGreaterThan(315);
      expect(rows[4]).toBeLessThan(410);
    });

    it('reports no superscan on this scan, whose bladder is plainly visible', () => {
      expect(assessSuperscan(scan, segmentation).superscan).toBe(false);
    });
  },
);
