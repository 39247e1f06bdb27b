import { patientSchema } from '@bonemet/core';
import { z } from 'zod';

/** The research pseudonym that names a patient in the API, audit rows and de-identified views. */
export const researchIdSchema = z
  .string()
  .regex(/^R-[0-9A-HJKMNP-TV-Z]{10}$/, { error: 'a patient id is R- and 10 characters, e.g. R-7K2M9Q4T1C' })
  .describe('Patient research id (random pseudonym, unrelated to the MRN), e.g. R-7K2M9Q4T1C');

const nameSchema = (what: string): z.ZodString =>
  z
    .string()
    .min(1)
    .max(100)
    .regex(/^\S(?:.*\S)?$/, { error: `the ${what} has no leading or trailing spaces` })
    .describe(`${what[0]?.toUpperCase() ?? ''}${what.slice(1)}`);

/** Identifying fields kept by the server in addition to the core patient record. */
const identifyingShape = {
  mrn: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[!-~]+$/, { error: 'an MRN is printable characters without spaces' })
    .describe('Medical record number of the hospital (identifying; never shown to researchers)'),
  familyName: nameSchema('family name'),
  givenName: nameSchema('given name'),
};

/** A new patient: the core patient fields (sex, birth date, synthetic label) and the identifying ones. */
export const patientCreateSchema = patientSchema
  .omit({ id: true })
  .extend(identifyingShape)
  .describe('A new patient; the server assigns the research id');
export type PatientCreate = z.output<typeof patientCreateSchema>;

export const patientUpdateSchema = patientCreateSchema
  .partial()
  .refine((body) => Object.keys(body).length > 0, { error: 'give at least one field to change' })
  .describe('Fields of a patient to change');

/** The clinician view: the core patient record (id = research id) with the identifying fields. */
export const identifiedPatientSchema = patientSchema
  .extend({
    id: researchIdSchema,
    ...identifyingShape,
    createdAt: z.iso.datetime().describe('When the record was created (UTC)'),
    updatedAt: z.iso.datetime().describe('When the record last changed (UTC)'),
  })
  .describe('A patient, identified (clinicians and admins)');
export type IdentifiedPatient = z.output<typeof identifiedPatientSchema>;

/** Ages above 89 are reported as 90 (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(C), aggregates them). */
export const MAX_REPORTED_AGE_YEARS = 90;

/** The researcher view: the core patient record without birth date, with the age in whole years. */
export const deidentifiedPatientSchema = patientSchema
  .omit({ birthDate: true })
  .extend({
    id: researchIdSchema,
    ageYears: z
      .int()
      .min(0)
      .max(MAX_REPORTED_AGE_YEARS)
      .optional()
      .describe('Age today in whole years, 90 meaning 90 or older; absent when the birth date is unknown'),
  })
  .describe('A patient, de-identified (researchers): no name, MRN or birth date');
export type DeidentifiedPatient = z.output<typeof deidentifiedPatientSchema>;

export const patientViewSchema = z.union([identifiedPatientSchema, deidentifiedPatientSchema]);
export type PatientView = z.output<typeof patientViewSchema>;

/** Columns the patient list adds to each patient: the latest response status and urgent alerts. */
const patientListExtras = {
  responseStatus: z
    .enum(['progression', 'stable', 'response'])
    .nullable()
    .describe('Status at the last time point of the latest response assessment; null when there is none'),
  alertCount: z.int().min(0).describe('Urgent alerts of the latest stored recommendation (0 without one)'),
};

export const patientListItemSchema = z.union([
  identifiedPatientSchema.extend(patientListExtras),
  deidentifiedPatientSchema.extend(patientListExtras),
]);
export type PatientListItem = z.output<typeof patientListItemSchema>;

export const patientParamsSchema = z.strictObject({ patientId: researchIdSchema });
