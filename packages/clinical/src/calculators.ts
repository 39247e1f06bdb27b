import type { AnyCalculator } from './calculator.js';
import { labCalculators } from './labs/index.js';
import { medicationCalculators } from './medication/index.js';
import { scoreCalculators } from './scores/index.js';

export type CalculatorGroup = 'score' | 'laboratory' | 'medication';

/** Every calculator, grouped, in the order the command line lists them. */
export const calculatorGroups: readonly {
  readonly group: CalculatorGroup;
  readonly calculators: readonly AnyCalculator[];
}[] = [
  { group: 'score', calculators: scoreCalculators },
  { group: 'laboratory', calculators: labCalculators },
  { group: 'medication', calculators: medicationCalculators },
];

export const calculators: readonly AnyCalculator[] = calculatorGroups.flatMap((g) => g.calculators);

/** Finds a calculator by its command-line id. */
export function findCalculator(id: string): AnyCalculator | undefined {
  return calculators.find((c) => c.id === id);
}
