import { calculators, patientStateSchema } from '@bonemet/clinical';
import { petTimePointSchema, responseJsonSchemas } from '@bonemet/response';
import { z } from 'zod';

/**
 * JSON Schemas generated from the validation schemas (the single source of truth) and committed under
 * `schemas/`; a check in the test suite fails when the committed files drift from the code.
 */
export function jsonSchemas(): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    'patient-state': toJsonSchema(patientStateSchema, 'bonemet patient state', 'patient-state'),
    'pet-time-point': toJsonSchema(petTimePointSchema, 'bonemet quantified PET time point', 'pet-time-point'),
  };
  for (const calculator of calculators) {
    out[`score-${calculator.id}`] = toJsonSchema(
      calculator.input,
      `${calculator.title}: input`,
      `score-${calculator.id}`,
    );
  }
  Object.assign(out, responseJsonSchemas());
  return out;
}

function toJsonSchema(schema: z.ZodType, title: string, name: string): unknown {
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return { $id: `${name}.schema.json`, title, ...generated };
}
