import type { Citation, CodedConcept } from '@bonemet/core';
import type { CalculatorResult } from '../calculator.js';

/** How strongly the rules put an option forward; reports list options in this order. */
export const optionStrengths = ['urgent', 'recommended', 'consider', 'information', 'not_recommended'] as const;
export type OptionStrength = (typeof optionStrengths)[number];

export const optionKinds = [
  'alert',
  'investigation',
  'referral',
  'radiotherapy',
  'surgery',
  'minimally_invasive',
  'bone_targeted_agent',
  'supportive',
  'no_local_treatment',
] as const;
export type OptionKind = (typeof optionKinds)[number];

/** One input value that made a rule fire, named by its path in the patient state. */
export interface RuleInput {
  readonly path: string;
  readonly value: string;
}

/** A treatment option or alert, with the rule that produced it, the inputs that fired it and its sources. */
export interface TreatmentOption {
  /** Stable identifier of the option, e.g. `radiotherapy.uncomplicated-painful`. */
  readonly id: string;
  readonly kind: OptionKind;
  readonly strength: OptionStrength;
  readonly title: string;
  /** Why this option is here, in words. */
  readonly reasons: readonly string[];
  /** Precautions, contraindications to check, or limits of the evidence. */
  readonly cautions: readonly string[];
  /** Conventions and secondary-source figures the option depends on (from the calculators it used). */
  readonly assumptions: readonly string[];
  readonly rule: { readonly id: string; readonly statement: string };
  readonly firedBy: readonly RuleInput[];
  readonly sources: readonly Citation[];
}

export interface LesionReport {
  readonly lesionId: string;
  readonly location: {
    readonly display: string;
    readonly structure: CodedConcept;
    readonly region: CodedConcept;
    readonly laterality?: CodedConcept;
  };
  readonly scores: readonly CalculatorResult[];
  readonly options: readonly TreatmentOption[];
}

export interface NotAssessed {
  readonly item: string;
  readonly reason: string;
}

export interface RecommendationReport {
  readonly reportVersion: '1';
  readonly ruleSetVersion: string;
  readonly disclaimer: string;
  readonly synthetic: boolean;
  readonly patientId: string;
  readonly assessmentDate: string;
  /** Urgent alerts from every lesion and the patient, first. */
  readonly alerts: readonly TreatmentOption[];
  readonly patientOptions: readonly TreatmentOption[];
  readonly lesions: readonly LesionReport[];
  /** Patient-level scores and laboratory/drug calculations that could be computed. */
  readonly calculations: readonly CalculatorResult[];
  /** What the rules could not assess, and which input was missing. */
  readonly notAssessed: readonly NotAssessed[];
  /** How patient-state fields were mapped onto score items, where the two differ. */
  readonly assumptions: readonly string[];
  /** What the engine does not decide, stated so that no one reads silence as advice. */
  readonly scope: readonly string[];
}

const strengthRank: Readonly<Record<OptionStrength, number>> = {
  urgent: 0,
  recommended: 1,
  consider: 2,
  information: 3,
  not_recommended: 4,
};

/** Orders options by strength; ties keep rule order (the order of the rule lists is the precedence). */
export function rankOptions(options: readonly TreatmentOption[]): TreatmentOption[] {
  return options
    .map((option, index) => ({ option, index }))
    .sort((a, b) => strengthRank[a.option.strength] - strengthRank[b.option.strength] || a.index - b.index)
    .map(({ option }) => option);
}
