import type { AnyCalculator } from '../calculator.js';
import { esccCalculator } from './escc.js';
import { katagiriCalculator } from './katagiri.js';
import { mirelsCalculator } from './mirels.js';
import { nomsCalculator } from './noms.js';
import { sinsCalculator } from './sins.js';
import { tokuhashiCalculator } from './tokuhashi.js';
import { tomitaCalculator } from './tomita.js';

export * from './score-component.js';
export * from './mirels.js';
export * from './sins.js';
export * from './escc.js';
export * from './noms.js';
export * from './tokuhashi.js';
export * from './tomita.js';
export * from './katagiri.js';

/** Every clinical score calculator, for listing and running from the command line. */
export const scoreCalculators: readonly AnyCalculator[] = Object.freeze([
  mirelsCalculator,
  sinsCalculator,
  esccCalculator,
  nomsCalculator,
  tokuhashiCalculator,
  tomitaCalculator,
  katagiriCalculator,
]);
