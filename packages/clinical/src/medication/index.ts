import type { AnyCalculator } from '../calculator.js';
import { dentalCheckCalculator } from './dental-check.js';
import { denosumabCalculator } from './denosumab.js';
import { oralMorphineEquivalentCalculator } from './oral-morphine-equivalent.js';
import { painResponseCalculator } from './pain-response.js';
import { pamidronateCalculator } from './pamidronate.js';
import { zoledronicAcidDoseCalculator } from './zoledronic-acid-dose.js';
import { zoledronicAcidRenalCheckCalculator } from './zoledronic-acid-renal-check.js';

export * from './bisphosphonate-renal-check.js';
export * from './zoledronic-acid-dose.js';
export * from './zoledronic-acid-renal-check.js';
export * from './pamidronate.js';
export * from './denosumab.js';
export * from './dental-check.js';
export * from './oral-morphine-equivalent.js';
export * from './pain-response.js';

/** Drug and pain calculators, in the order the command line lists them. */
export const medicationCalculators: readonly AnyCalculator[] = Object.freeze([
  zoledronicAcidDoseCalculator,
  zoledronicAcidRenalCheckCalculator,
  pamidronateCalculator,
  denosumabCalculator,
  dentalCheckCalculator,
  oralMorphineEquivalentCalculator,
  painResponseCalculator,
]);
