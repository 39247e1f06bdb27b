/** Anterior or posterior from a DICOM view code or from a free text that names the view. */
import type { CodedValue } from '@bonemet/dicom';
import type { ViewName } from './whole-body-scan.js';

/**
 * CID 26 Nuclear Medicine Projection (DICOM PS3.16): anterior projection SCT 399321004 (SRT/SNM3 G-5215),
 * posterior projection SCT 399001007 (G-5216). Some systems write the radiographic projections instead; a
 * view is named by where the detector is, so postero-anterior (SCT 272479007, R-10214: photons leave
 * through the front, detector anterior) is the anterior view and antero-posterior (SCT 399348003, R-10206)
 * the posterior view.
 */
const viewByCode: Readonly<Record<string, ViewName>> = {
  'SCT:399321004': 'anterior',
  'G-5215': 'anterior',
  'SCT:272479007': 'anterior',
  'R-10214': 'anterior',
  'SCT:399001007': 'posterior',
  'G-5216': 'posterior',
  'SCT:399348003': 'posterior',
  'R-10206': 'posterior',
};

/** The view a code names, or undefined for a code that is not an anterior or posterior projection. */
export function viewFromCode(code: CodedValue): ViewName | undefined {
  const scheme = code.codingSchemeDesignator.toUpperCase();
  // SRT and SNM3 codes are the same legacy SNOMED identifiers; SCT codes are numeric concept ids.
  const key = scheme === 'SCT' ? `SCT:${code.codeValue}` : code.codeValue.toUpperCase();
  return viewByCode[key];
}

const anteriorWord = /(^|[^A-Z])ANT(ERIOR)?([^A-Z]|$)/i;
const posteriorWord = /(^|[^A-Z])POST(ERIOR)?([^A-Z]|$)/i;

/** The view named by texts such as Image ID "WB ANT"; undefined when none or both views are named. */
export function viewFromText(texts: readonly string[]): ViewName | undefined {
  const anterior = texts.some((value) => anteriorWord.test(value));
  const posterior = texts.some((value) => posteriorWord.test(value));
  if (anterior === posterior) return undefined;
  return anterior ? 'anterior' : 'posterior';
}
