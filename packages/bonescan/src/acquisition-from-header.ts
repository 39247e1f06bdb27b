/** Acquisition data of a whole-body NM object: scan speed, uptake time, radiopharmaceutical and activity. */
import { combineDateTimeMs, parseDicomDateTimeMs, type NmAttributes } from '@bonemet/dicom';
import type { WholeBodyAcquisition } from './whole-body-scan.js';

/**
 * Scan Velocity (0018,1300) is mm/s (PS3.3 C.8.4.9): × 60 / 10 gives cm/min, the unit of the EANM 2016
 * guideline (8–15 cm/min). Uptake time runs from Radiopharmaceutical Start (Date)Time to the acquisition
 * (or series) start; a time without a date takes the acquisition date. Problems go to `warnings`.
 */
export function acquisitionFromHeader(attributes: NmAttributes, warnings: string[]): WholeBodyAcquisition {
  const out: { -readonly [K in keyof WholeBodyAcquisition]: WholeBodyAcquisition[K] } = {};
  if (attributes.scanVelocityMmPerS !== undefined) out.scanSpeedCmPerMin = (attributes.scanVelocityMmPerS * 60) / 10;
  if (attributes.scanLengthMm !== undefined) out.scanLengthMm = attributes.scanLengthMm;
  if (attributes.wholeBodyTechnique !== undefined) out.wholeBodyTechnique = attributes.wholeBodyTechnique;
  if (attributes.radiopharmaceutical !== undefined) out.radiopharmaceutical = attributes.radiopharmaceutical;
  if (attributes.radionuclideTotalDoseMBq !== undefined)
    out.administeredActivityMBq = attributes.radionuclideTotalDoseMBq;
  const date = attributes.acquisitionDate ?? attributes.seriesDate ?? attributes.studyDate;
  const time = attributes.acquisitionTime ?? attributes.seriesTime;
  const start = attributes.radiopharmaceuticalStartDateTime ?? attributes.radiopharmaceuticalStartTime;
  if (start === undefined) return out;
  if (date === undefined || time === undefined) {
    warnings.push('uptake time not computed: the acquisition date or time is missing');
    return out;
  }
  try {
    const acquiredMs = combineDateTimeMs(date, time, ['AcquisitionTime']);
    const injectedMs =
      attributes.radiopharmaceuticalStartDateTime !== undefined
        ? parseDicomDateTimeMs(attributes.radiopharmaceuticalStartDateTime, ['RadiopharmaceuticalStartDateTime'])
        : combineDateTimeMs(date, attributes.radiopharmaceuticalStartTime ?? '', ['RadiopharmaceuticalStartTime']);
    const minutes = (acquiredMs - injectedMs) / 60000;
    if (minutes < 0)
      warnings.push(`uptake time not recorded: the injection (${start}) is after the acquisition (${date} ${time})`);
    else out.uptakeTimeMin = minutes;
  } catch (cause) {
    warnings.push(`uptake time not computed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  return out;
}
