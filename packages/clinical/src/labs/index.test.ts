import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { labCalculators } from './index.js';

describe('labCalculators', () => {
  it('lists the four laboratory calculators with unique kebab-case ids', () => {
    const ids = labCalculators.map((c) => c.id);
    expect(ids).toEqual(['cockcroft-gault', 'corrected-calcium', 'ctcae-hypercalcaemia', 'ctcae-hypocalcaemia']);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });

  it.each(labCalculators.map((c) => [c.id, c] as const))(
    '%s: its example runs and cites its sources',
    (_id, calculator) => {
      const result = calculator.run(calculator.example);
      expect(result.calculator).toBe(calculator.id);
      expect(result.summary.length).toBeGreaterThan(0);
      expect(result.sources.length).toBeGreaterThan(0);
      expect(result.assumptions.length).toBeGreaterThan(0);
    },
  );

  it.each(labCalculators.map((c) => [c.id, c] as const))(
    '%s: its input has a JSON Schema with a description on every field',
    (_id, calculator) => {
      const schema = z.toJSONSchema(calculator.input, { io: 'input' }) as {
        properties: Record<string, { description?: string }>;
        additionalProperties: boolean;
      };
      expect(schema.additionalProperties).toBe(false);
      for (const [field, property] of Object.entries(schema.properties)) {
        expect(property.description, field).toBeTruthy();
      }
    },
  );
});
