import { isAtLeast, isGreaterThan } from '@bonemet/core';
import type { PetTimePoint } from './pet-time-point.js';
import { hottestLesion } from './target-lesions.js';

/**
 * Whether every lesion left at follow-up has fallen to background, the complete-response condition.
 *
 * PERCIST 1.0 CMR (Wahl 2009 via Costelloe 2010 Table 3 and Wikipedia): uptake in the target lesion less
 * than mean liver activity and at the level of the surrounding blood pool, and all other lesions at
 * blood-pool level. "At the level of the blood pool" is read as SULpeak ≤ blood-pool SULmean + 2 SD, the
 * noise band of that region (a convention: the source gives no number). Without a blood-pool measurement
 * a lesion below the liver mean cannot be shown to be at blood-pool level, so complete response is not
 * called.
 */
export type ResidualUptakeStatus = 'resolved' | 'not_resolved' | 'unverifiable';

export interface ResidualUptake {
  readonly status: ResidualUptakeStatus;
  readonly finding: string;
}

export function assessResidualUptake(followUp: PetTimePoint): ResidualUptake {
  const hottest = hottestLesion(followUp.lesions);
  if (hottest === null) {
    return { status: 'resolved', finding: 'no lesion found at follow-up' };
  }
  const liverMean = followUp.liver.sulMean;
  if (isAtLeast(hottest.sulPeak, liverMean)) {
    return {
      status: 'not_resolved',
      finding: `lesion ${hottest.id} SULpeak ${hottest.sulPeak.toFixed(2)} is not below the follow-up liver SULmean ${liverMean.toFixed(2)}`,
    };
  }
  if (followUp.bloodPool === undefined) {
    return {
      status: 'unverifiable',
      finding: `every follow-up lesion is below the liver SULmean ${liverMean.toFixed(2)} (hottest ${hottest.id}, SULpeak ${hottest.sulPeak.toFixed(2)}), but no blood-pool reference was given to show blood-pool level`,
    };
  }
  const bloodPoolLevel = followUp.bloodPool.sulMean + 2 * followUp.bloodPool.sulSd;
  if (isGreaterThan(hottest.sulPeak, bloodPoolLevel)) {
    return {
      status: 'not_resolved',
      finding: `lesion ${hottest.id} SULpeak ${hottest.sulPeak.toFixed(2)} is above blood-pool level ${bloodPoolLevel.toFixed(2)} (SULmean + 2 SD)`,
    };
  }
  return {
    status: 'resolved',
    finding: `every follow-up lesion is below the liver SULmean ${liverMean.toFixed(2)} and at blood-pool level ≤ ${bloodPoolLevel.toFixed(2)} (hottest ${hottest.id}, SULpeak ${hottest.sulPeak.toFixed(2)})`,
  };
}
