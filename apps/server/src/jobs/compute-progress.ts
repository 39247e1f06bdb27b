/**
 * How a compute task reports progress from its worker thread: the fraction of the whole job (0–1) and what
 * it does now. The pool forwards each report to the job's progress, in order, without waiting for it.
 */
export type ComputeProgress = (fraction: number, stage: string) => void;
