/**
 * The messages between the compute pool (main thread) and its workers (compute-worker.ts). Errors cross as
 * plain data because structured cloning keeps only an Error's name, message and stack: a BonemetError's
 * code and issues are sent explicitly and the pool builds the same BonemetError again.
 */
import type { ErrorCode, Issue } from '@bonemet/core';

/** Main thread → worker: run one task. */
export interface ComputeRequest {
  readonly id: number;
  readonly task: string;
  readonly input: unknown;
}

/** An error thrown by a task, as data. */
export type ComputeFailure =
  | { readonly kind: 'bonemet'; readonly code: ErrorCode; readonly message: string; readonly issues: readonly Issue[] }
  | { readonly kind: 'error'; readonly message: string; readonly stack?: string | undefined };

/** Worker → main thread: progress of, or the end of, one task. */
export type ComputeReply =
  | { readonly id: number; readonly kind: 'progress'; readonly fraction: number; readonly stage: string }
  | { readonly id: number; readonly kind: 'result'; readonly output: unknown }
  | { readonly id: number; readonly kind: 'failure'; readonly failure: ComputeFailure };

/**
 * The ArrayBuffers of the typed arrays in `value` that can be moved instead of copied: each one viewed
 * whole by a typed array (a view on part of a larger buffer, such as a pooled Node Buffer, is copied, since
 * moving it would take the rest of the buffer away from whoever holds it).
 */
export function transferableBuffers(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const { buffer } = value;
    if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength) {
      found.add(buffer);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) transferableBuffers(item, found);
  } else if (value instanceof Map) {
    for (const item of value.values()) transferableBuffers(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) transferableBuffers(item, found);
  }
  return [...found];
}
