import type { LesionRule, PatientRule } from '../rule.js';
import { ablationRule } from './ablation.js';
import { boneTargetedAgentRule } from './bone-targeted-agent.js';
import { cementoplastyRule } from './cementoplasty.js';
import { fractureRiskRule } from './fracture-risk.js';
import { hypercalcaemiaRule } from './hypercalcaemia.js';
import { oligometastaticRule } from './oligometastatic.js';
import { radiotherapyRule } from './radiotherapy.js';
import { spinalCordCompressionRule } from './spinal-cord-compression.js';
import { spinalInstabilityRule } from './spinal-instability.js';
import { vertebralAugmentationRule } from './vertebral-augmentation.js';

/** Patient-level rules; their order is the tie-break between options of equal strength. */
export const patientRules: readonly PatientRule[] = [
  spinalCordCompressionRule,
  hypercalcaemiaRule,
  oligometastaticRule,
  boneTargetedAgentRule,
];

/** Lesion-level rules, applied to each lesion in this order. */
export const lesionRules: readonly LesionRule[] = [
  fractureRiskRule,
  spinalInstabilityRule,
  radiotherapyRule,
  vertebralAugmentationRule,
  cementoplastyRule,
  ablationRule,
];
