import { boneTargetedAgents, type Citation } from '@bonemet/core';
import { z } from 'zod';
import { defineCalculator, type CalculatorResult } from '../calculator.js';
import { sources } from '../sources.js';

/**
 * Dental assessment before a bone-targeted agent, against osteonecrosis of the jaw (ONJ).
 * ASCO 2011 (carried forward by ASCO-CCO 2017): dental examination and preventive dentistry before a
 * bone-modifying agent. Xgeva and Zometa labels: dental examination with appropriate preventive dentistry
 * before treatment, good oral hygiene, avoid invasive dental procedures during treatment; ONJ is managed by
 * a dentist or oral surgeon. (ESMO 2020's dental wording was not available to check, so it is not cited.)
 */

export const dentalStatuses = [
  'cleared',
  'not_assessed',
  'invasive_procedure_planned',
  'active_dental_infection',
  'osteonecrosis_of_jaw',
] as const;
export type DentalStatus = (typeof dentalStatuses)[number];

export type BoneTargetedAgent = (typeof boneTargetedAgents)[number];

export type DentalProceed = 'yes' | 'after_dental_review' | 'defer' | 'contraindicated_pending_specialist';

export const dentalCheckInputSchema = z.strictObject({
  dentalStatus: z
    .enum(dentalStatuses)
    .describe(
      "Dental state before starting: 'cleared' (examined, preventive dentistry done), 'not_assessed', 'invasive_procedure_planned' (e.g. extraction, implant), 'active_dental_infection', or 'osteonecrosis_of_jaw' (current ONJ).",
    ),
  agent: z
    .enum(boneTargetedAgents)
    .optional()
    .describe(
      'The bone-targeted agent planned (zoledronic_acid, pamidronate or denosumab); when absent, all are covered.',
    ),
});

export type DentalCheckInput = z.output<typeof dentalCheckInputSchema>;

export interface DentalCheckResult extends CalculatorResult {
  readonly proceed: DentalProceed;
  readonly dentalStatus: DentalStatus;
}

const AGENT_NAMES: Readonly<Record<BoneTargetedAgent, string>> = Object.freeze({
  zoledronic_acid: 'zoledronic acid',
  pamidronate: 'pamidronate',
  denosumab: 'denosumab',
});

const LABEL_PRECAUTIONS =
  'Labels (Zometa, Xgeva): dental examination with appropriate preventive dentistry before treatment, good oral hygiene during it, and avoid invasive dental procedures (e.g. extractions) while on treatment.';

interface Decision {
  readonly proceed: DentalProceed;
  readonly headline: string;
  readonly reasons: readonly string[];
}

const DECISIONS: Readonly<Record<DentalStatus, Decision>> = Object.freeze({
  cleared: {
    proceed: 'yes',
    headline: 'dental assessment done: the bone-targeted agent can start',
    reasons: [
      'Dental examination and preventive dentistry are done, as ASCO 2011 advises before a bone-modifying agent.',
      'During treatment: maintain oral hygiene, avoid invasive dental procedures where possible, and report jaw pain, loose teeth, swelling or exposed bone.',
    ],
  },
  not_assessed: {
    proceed: 'after_dental_review',
    headline: 'start after a dental examination and any preventive dentistry',
    reasons: [
      'ASCO 2011: dental examination and preventive dentistry before a bone-modifying agent.',
      'If a review would delay urgent treatment, weigh the delay against the ONJ risk with the patient.',
    ],
  },
  invasive_procedure_planned: {
    proceed: 'defer',
    headline: 'defer the start until the planned invasive dental procedure is done and healing',
    reasons: [
      'Invasive dental procedures (e.g. tooth extraction) are a risk factor for ONJ and are to be avoided during treatment: complete the planned procedure before the first dose.',
      'How long to wait for healing is not set by the sources used here: agree it with the dentist.',
    ],
  },
  active_dental_infection: {
    proceed: 'defer',
    headline: 'defer the start until the dental infection is treated',
    reasons: [
      'Local gum or oral infection was a risk factor for ONJ in the denosumab trials (Xgeva SmPC): treat it and complete preventive dentistry before the first dose.',
    ],
  },
  osteonecrosis_of_jaw: {
    proceed: 'contraindicated_pending_specialist',
    headline: 'do not start or continue without specialist review of the osteonecrosis of the jaw',
    reasons: [
      'Existing ONJ: care by a dentist or oral surgeon (Xgeva label); consider interrupting treatment until it resolves, on an individual benefit/risk assessment.',
      'Decide on any bone-targeted agent with the oral or maxillofacial specialist.',
    ],
  },
});

function labelSources(agent: BoneTargetedAgent | undefined): Citation[] {
  switch (agent) {
    case 'zoledronic_acid':
      return [sources['zometa-label']];
    case 'denosumab':
      return [sources['xgeva-label']];
    case 'pamidronate':
      return [sources['aredia-label'], sources['zometa-label'], sources['xgeva-label']];
    case undefined:
      return [sources['zometa-label'], sources['xgeva-label']];
  }
}

export function computeDentalCheck(input: DentalCheckInput): DentalCheckResult {
  const decision = DECISIONS[input.dentalStatus];
  const agentText = input.agent === undefined ? 'bone-targeted agent' : AGENT_NAMES[input.agent];
  const assumptions = [
    'Zometa ONJ precautions and the Xgeva SmPC risk factors were read through secondary copies of the labels.',
    'The check is for the start of treatment; during treatment the same precautions apply.',
  ];
  if (input.agent === 'pamidronate') {
    assumptions.push(
      "The Aredia label's ONJ section was not retrieved: the bisphosphonate class precautions of the Zometa label are applied to pamidronate (unverified against the Aredia label).",
    );
  }
  if (input.agent === undefined) {
    assumptions.push('No agent given: the precautions common to zoledronic acid and denosumab are given.');
  }
  return {
    calculator: 'dental-check',
    summary: `Before ${agentText}: ${decision.headline}.`,
    details: [...decision.reasons, LABEL_PRECAUTIONS],
    sources: [sources['asco-2011-bma'], ...labelSources(input.agent)],
    assumptions,
    proceed: decision.proceed,
    dentalStatus: input.dentalStatus,
  };
}

export const dentalCheckCalculator = defineCalculator({
  id: 'dental-check',
  title: 'Dental check before a bone-targeted agent',
  description:
    'Whether to start a bone-targeted agent now, after dental review, later, or only after specialist review, from the dental state (osteonecrosis of the jaw prevention).',
  input: dentalCheckInputSchema,
  example: { dentalStatus: 'not_assessed', agent: 'denosumab' },
  compute: computeDentalCheck,
});
