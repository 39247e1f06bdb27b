import { z } from 'zod';

/** Identifier of a record within a dataset (patient pseudonym, lesion, time point). */
export const identifierSchema = z
  .string()
  .max(128, { error: 'an identifier has at most 128 characters' })
  .regex(/^\S(?:.*\S)?$/, { error: 'an identifier is not empty and has no leading or trailing spaces' })
  .describe('Identifier within this dataset, 1–128 characters, no leading or trailing spaces');

/**
 * A DICOM UID (PS3.5 §9.1): numeric components separated by dots, no leading zeros in a component,
 * at most 64 characters.
 */
export const dicomUidSchema = z
  .string()
  .max(64, { error: 'a DICOM UID has at most 64 characters' })
  .regex(/^(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))+$/, {
    error: 'a DICOM UID is digits in dot-separated components without leading zeros, e.g. 1.2.840.10008.1.2',
  })
  .describe('DICOM UID: dot-separated numeric components without leading zeros, at most 64 characters');
