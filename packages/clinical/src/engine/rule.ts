import type { Citation } from '@bonemet/core';
import { sources, type SourceId } from '../sources.js';
import type { LesionContext, PatientContext } from './context.js';
import type { OptionKind, OptionStrength, RuleInput, TreatmentOption } from './report.js';

/** A rule that looks at the whole patient. `statement` is the rule in one sentence, as shown in reports. */
export interface PatientRule {
  readonly id: string;
  readonly statement: string;
  readonly evaluate: (patient: PatientContext) => readonly TreatmentOption[];
}

/** A rule applied to each lesion in turn. */
export interface LesionRule {
  readonly id: string;
  readonly statement: string;
  readonly evaluate: (patient: PatientContext, lesion: LesionContext) => readonly TreatmentOption[];
}

export interface OptionFields {
  readonly id: string;
  readonly kind: OptionKind;
  readonly strength: OptionStrength;
  readonly title: string;
  readonly reasons: readonly string[];
  readonly cautions?: readonly string[];
  readonly assumptions?: readonly string[];
  readonly firedBy: readonly RuleInput[];
  /** Ids from the shared table, or citations carried by a calculator result. */
  readonly sources: readonly (SourceId | Citation)[];
}

/** Builds an option attributed to `rule`, resolving source ids against the shared citation table. */
export function option(
  rule: { readonly id: string; readonly statement: string },
  fields: OptionFields,
): TreatmentOption {
  return {
    id: fields.id,
    kind: fields.kind,
    strength: fields.strength,
    title: fields.title,
    reasons: fields.reasons,
    cautions: fields.cautions ?? [],
    assumptions: fields.assumptions ?? [],
    rule: { id: rule.id, statement: rule.statement },
    firedBy: fields.firedBy,
    sources: dedupe(fields.sources.map((s) => (typeof s === 'string' ? sources[s] : s))),
  };
}

/** A fired-by entry: the path of an input and its value as text. */
export function input(path: string, value: string | number | boolean): RuleInput {
  return { path, value: String(value) };
}

function dedupe(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
