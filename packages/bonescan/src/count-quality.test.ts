import { BonemetError } from '@bonemet/core';
import { describe, expect, it } from 'vitest';
import { assessCountQuality, requireQuantifiableCounts } from './count-quality.js';
import type { WholeBodyScan } from './whole-body-scan.js';

/** One calibrated anterior view of 100 × 100 pixels at 2 mm holding `total` counts spread evenly. */
function scanWith(total: number): WholeBodyScan {
  return {
    views: [
      {
        view: 'anterior',
        counts: new Float32Array(10000).fill(total / 10000),
        columns: 100,
        rows: 100,
        pixelSpacingMm: [2, 2],
        orientation: {
          headAtTop: true,
          patientLeftOn: 'image-right',
          mirroredLeftRight: false,
          flippedTopBottom: false,
          basis: 'convention',
        },
        sourceKind: 'nm',
        countsAreCalibrated: true,
        viewBasis: 'view-code',
        source: 'test',
      },
    ],
    acquisition: { scanSpeedCmPerMin: 12, uptakeTimeMin: 180 },
    warnings: [],
  };
}

describe('count quality cut-offs (Anand 2016: 1.0 million warn, 0.5 million refuse)', () => {
  it.each([
    [1_000_000, 'adequate'],
    [999_000, 'low'],
    [500_000, 'low'],
    [499_000, 'insufficient'],
  ] as const)('%d counts → %s', (total, status) => {
    const quality = assessCountQuality(scanWith(total));
    expect(quality.views[0]?.status).toBe(status);
    expect(quality.views[0]?.totalCounts).toBeCloseTo(total, -1);
    expect(quality.quantifiable).toBe(status !== 'insufficient');
  });

  it('gives the count density: 1e6 counts over 100 × 100 pixels of 0.04 cm² = 2500 counts/cm²', () => {
    const quality = assessCountQuality(scanWith(1_000_000));
    expect(quality.views[0]?.countDensityPerCm2).toBeCloseTo(2500, 0);
    expect(quality.views[0]?.bodyCountDensityPerCm2).toBeCloseTo(2500, 0);
    expect(quality).toMatchObject({ scanSpeedCmPerMin: 12, uptakeTimeMin: 180 });
  });

  it('refuses to quantify below 0.5 million with the reason and its source', () => {
    const quality = assessCountQuality(scanWith(400_000));
    let error: unknown;
    try {
      requireQuantifiableCounts(quality);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BonemetError);
    expect((error as BonemetError).message).toContain('Anand 2016');
    expect(() => requireQuantifiableCounts(assessCountQuality(scanWith(600_000)))).not.toThrow();
  });
});
