import { patientSchema, skeletalEventSchema, treatmentSchema } from '@bonemet/core';
import { z } from 'zod';

/**
 * The answers of the bonemet API that the dashboard reads, checked on arrival. Domain records reuse the
 * schemas of @bonemet/core; the rest mirrors the server's OpenAPI document (GET /api/openapi.json).
 */

export const roles = ['admin', 'clinician', 'researcher'] as const;
export type Role = (typeof roles)[number];

export const sessionSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), role: z.enum(roles) }),
  csrfToken: z.string(),
});
export type Session = z.output<typeof sessionSchema>;

export const identifiedPatientSchema = patientSchema.extend({
  mrn: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const deidentifiedPatientSchema = patientSchema
  .omit({ birthDate: true })
  .extend({ ageYears: z.int().min(0).optional() });
export const patientViewSchema = z.union([identifiedPatientSchema, deidentifiedPatientSchema]);
export type PatientView = z.output<typeof patientViewSchema>;
export type IdentifiedPatient = z.output<typeof identifiedPatientSchema>;

export function isIdentified(patient: PatientView): patient is IdentifiedPatient {
  return 'mrn' in patient;
}

export const patientPageSchema = z.object({
  items: z.array(patientViewSchema),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
export type PatientPage = z.output<typeof patientPageSchema>;

function recordListSchema<R extends z.ZodType>(
  record: R,
): z.ZodObject<{
  items: z.ZodArray<
    z.ZodObject<{ id: z.ZodString; record: R; derived: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodNumber>> }>
  >;
}> {
  return z.object({
    items: z.array(z.object({ id: z.string(), record, derived: z.record(z.string(), z.number()).optional() })),
  });
}

export const treatmentListSchema = recordListSchema(treatmentSchema);
export const skeletalEventListSchema = recordListSchema(skeletalEventSchema);

export const labAnalytes = ['serum_creatinine', 'total_calcium', 'ionised_calcium', 'albumin'] as const;
export type LabAnalyte = (typeof labAnalytes)[number];
export const labRecordSchema = z.object({
  analyte: z.enum(labAnalytes),
  sampledOn: z.string(),
  quantity: z.object({ value: z.number(), unit: z.string() }),
});
export type LabRecord = z.output<typeof labRecordSchema>;
export const labListSchema = recordListSchema(labRecordSchema);

export const painScoreRecordSchema = z.object({
  assessedOn: z.string(),
  worstPain: z.int().min(0).max(10),
  opioids: z.array(z.object({ drug: z.string() }).loose()),
});
export const painScoreListSchema = recordListSchema(painScoreRecordSchema);

const citationSchema = z.object({
  id: z.string(),
  short: z.string(),
  reference: z.string(),
  url: z.string().optional(),
});
export type CitationView = z.output<typeof citationSchema>;

export const optionStrengths = ['urgent', 'recommended', 'consider', 'information', 'not_recommended'] as const;

const optionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  strength: z.enum(optionStrengths),
  title: z.string(),
  reasons: z.array(z.string()),
  cautions: z.array(z.string()),
  assumptions: z.array(z.string()),
  rule: z.object({ id: z.string(), statement: z.string() }),
  firedBy: z.array(z.object({ path: z.string(), value: z.string() })),
  sources: z.array(citationSchema),
});
export type OptionView = z.output<typeof optionSchema>;

const codedConceptSchema = z.object({ system: z.string(), code: z.string(), display: z.string() });
export type CodedConceptView = z.output<typeof codedConceptSchema>;

const lesionReportSchema = z.object({
  lesionId: z.string(),
  location: z.object({
    display: z.string(),
    structure: codedConceptSchema,
    region: codedConceptSchema,
    laterality: codedConceptSchema.optional(),
  }),
  options: z.array(optionSchema),
});
export type LesionReportView = z.output<typeof lesionReportSchema>;

export const reportSchema = z.object({
  ruleSetVersion: z.string(),
  disclaimer: z.string(),
  synthetic: z.boolean(),
  assessmentDate: z.string(),
  alerts: z.array(optionSchema),
  patientOptions: z.array(optionSchema),
  lesions: z.array(lesionReportSchema),
  notAssessed: z.array(z.object({ item: z.string(), reason: z.string() })),
});
export type ReportView = z.output<typeof reportSchema>;

export const recommendationListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      ruleSetVersion: z.string(),
      assessmentDate: z.string(),
      createdAt: z.string(),
      report: reportSchema,
    }),
  ),
});

export const alertSummarySchema = z.object({
  items: z.array(z.object({ patientId: z.string(), urgentAlerts: z.int() })),
});

export const studyListSchema = z.array(
  z.object({
    studyInstanceUid: z.string(),
    studyDate: z.string().nullable(),
    modalities: z.string().nullable(),
    seriesCount: z.int(),
    instanceCount: z.int(),
  }),
);
export type StudySummary = z.output<typeof studyListSchema>[number];
