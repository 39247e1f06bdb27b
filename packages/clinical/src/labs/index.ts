import type { AnyCalculator } from '../calculator.js';
import { cockcroftGaultCalculator } from './cockcroft-gault.js';
import { correctedCalciumCalculator } from './corrected-calcium.js';
import { ctcaeHypercalcaemiaCalculator } from './ctcae-hypercalcaemia.js';
import { ctcaeHypocalcaemiaCalculator } from './ctcae-hypocalcaemia.js';

export * from './units.js';
export * from './cockcroft-gault.js';
export * from './corrected-calcium.js';
export * from './ctcae-calcium.js';
export * from './ctcae-hypercalcaemia.js';
export * from './ctcae-hypocalcaemia.js';

/** Laboratory calculators, in the order the command line lists them. */
export const labCalculators: readonly AnyCalculator[] = Object.freeze([
  cockcroftGaultCalculator,
  correctedCalciumCalculator,
  ctcaeHypercalcaemiaCalculator,
  ctcaeHypocalcaemiaCalculator,
]);
