/**
 * The named computations a compute worker runs (compute-pool.ts): pure functions of structured-cloneable
 * data, so that they can leave the server's event loop. The database reads and writes stay with the jobs (and
 * with the seeding of the demo cohort, whose phantoms are drawn here).
 */
import { computeBoneScanAnalysis } from './bonescan-compute.js';
import type { ComputeProgress } from './compute-progress.js';
import { computePetQuantification } from './pet-quantify-compute.js';
import { computeBoneScanSeries, computePetStudySeries } from './response-timeline-compute.js';
import { computeTimePointFiles } from '../seed/time-point-compute.js';

export const computeTasks = {
  'bonescan-analyze': computeBoneScanAnalysis,
  'pet-quantify': computePetQuantification,
  'response-bone-scans': computeBoneScanSeries,
  'response-pet-studies': computePetStudySeries,
  'cohort-time-point': computeTimePointFiles,
} as const satisfies Record<string, (input: never, progress: ComputeProgress) => unknown>;

export type ComputeTaskName = keyof typeof computeTasks;
export type ComputeTaskInput<Name extends ComputeTaskName> = Parameters<(typeof computeTasks)[Name]>[0];
export type ComputeTaskOutput<Name extends ComputeTaskName> = ReturnType<(typeof computeTasks)[Name]>;

export function isComputeTaskName(name: unknown): name is ComputeTaskName {
  return typeof name === 'string' && Object.hasOwn(computeTasks, name);
}
