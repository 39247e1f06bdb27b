/**
 * The conversion of one PET series to SUVbw, slice by slice: the factor that multiplies the rescaled
 * value (stored × RescaleSlope + RescaleIntercept) to give SUVbw in g/ml. Every other SUV is derived
 * from it. Rules: QIBA vendor-neutral SUV pseudo-code (2018-06-26) for times, IBSI SUV manual
 * (Vácha et al., oncoray/suv_computation) for units, decay correction and header heuristics.
 */
import { BonemetError, parseInput } from '@bonemet/core';
import { formatClockMs } from '../dicom-time.js';
import {
  bodySurfaceAreaDuBoisCm2,
  idealBodyWeightKg,
  idealBodyWeightSexOtherKg,
  leanBodyMassDicomLbmKg,
  leanBodyMassJames128Kg,
  leanBodyMassJanmahasatianKg,
  type BinarySex,
} from './body-size.js';
import { petSuvSeriesSchema, type PetSuvSlice } from './pet-suv-slice.js';
import { acquisitionMs, injectionTime, scanReference, type ScanReferenceSource } from './scan-times.js';

export interface SuvbwConversion {
  /** Rescaled value → SUVbw (g/ml), one factor per slice in input order. */
  readonly factorsPerSlice: readonly number[];
  readonly units: string;
  readonly decayCorrection?: string;
  readonly scanReferenceSource?: ScanReferenceSource;
  /** The validated slices, for the derived SUVs. */
  readonly slices: readonly PetSuvSlice[];
  /** How the factors were reached, one line per step. */
  readonly details: readonly string[];
  /** Conventions applied where the header was ambiguous. */
  readonly assumptions: readonly string[];
}

/** Series-level attributes: every slice must agree (as calculate-suv also requires). */
const seriesLevelFields = [
  'units',
  'decayCorrection',
  'suvType',
  'seriesDate',
  'seriesTime',
  'patientWeightKg',
  'patientSizeM',
  'patientSex',
  'radionuclideTotalDoseBq',
  'radionuclideHalfLifeS',
  'radiopharmaceuticalStartTime',
  'radiopharmaceuticalStartDateTime',
  'geScanDateTime',
] as const satisfies readonly (keyof PetSuvSlice)[];

function requireConsistentSeries(slices: readonly PetSuvSlice[]): void {
  const first = slices[0];
  if (first === undefined) return;
  const issues = slices.flatMap((slice, index) =>
    seriesLevelFields
      .filter((field) => slice[field] !== first[field])
      .map((field) => ({
        path: [index, field],
        message: `differs from slice 0 (${String(slice[field])} vs ${String(first[field])})`,
      })),
  );
  if (issues.length > 0) {
    throw new BonemetError('invalid_input', 'the slices disagree on series-level SUV attributes', { issues });
  }
}

function missing(field: keyof PetSuvSlice, what: string): BonemetError {
  return new BonemetError('missing_data', `cannot compute SUV: ${what} is missing`, {
    issues: [{ path: [0, field], message: `${what} is missing or not positive`, hint: 'no default is assumed' }],
  });
}

function unsupported(field: keyof PetSuvSlice, message: string): BonemetError {
  return new BonemetError('unsupported', `cannot compute SUV: ${message}`, { issues: [{ path: [0, field], message }] });
}

/** Patient weight in kg; a value above 1000 is grams (IBSI SUV manual: no adult weighs 1000 kg). */
export function patientWeightKgOf(slice: PetSuvSlice, assumptions: string[]): number {
  const weight = slice.patientWeightKg;
  if (weight === undefined || weight <= 0) throw missing('patientWeightKg', "Patient's Weight (0010,1030)");
  if (weight > 1000) {
    assumptions.push(
      `Patient's Weight ${weight} read as grams (above 1000), i.e. ${weight / 1000} kg (IBSI SUV manual).`,
    );
    return weight / 1000;
  }
  return weight;
}

/** Patient height in m; a value above 3 is cm (a common entry error). */
export function patientHeightMOf(slice: PetSuvSlice, assumptions: string[]): number {
  const size = slice.patientSizeM;
  if (size === undefined || size <= 0) throw missing('patientSizeM', "Patient's Size (0010,1020)");
  if (size > 3) {
    assumptions.push(`Patient's Size ${size} read as centimetres (above 3 m), i.e. ${size / 100} m.`);
    return size / 100;
  }
  return size;
}

/** Patient sex as M or F, or "O" passed back for the callers that define it. */
export function patientSexOf(slice: PetSuvSlice): BinarySex | 'O' {
  const sex = slice.patientSex?.trim().toUpperCase();
  if (sex === 'M' || sex === 'F' || sex === 'O') return sex;
  throw missing('patientSex', "Patient's Sex (0010,0040)");
}

function doseBqOf(slice: PetSuvSlice, assumptions: string[]): number {
  const dose = slice.radionuclideTotalDoseBq;
  if (dose === undefined || dose <= 0) throw missing('radionuclideTotalDoseBq', 'Radionuclide Total Dose (0018,1074)');
  // IBSI SUV manual: a dose around 4×10² is MBq, around 4×10⁸ Bq. Below 1e5 no human PET dose is in Bq.
  if (dose < 1e5) {
    assumptions.push(
      `Radionuclide Total Dose ${dose} read as MBq (below 1e5), i.e. ${dose * 1e6} Bq (IBSI SUV manual).`,
    );
    return dose * 1e6;
  }
  return dose;
}

function halfLifeSOf(slice: PetSuvSlice): number {
  const halfLife = slice.radionuclideHalfLifeS;
  if (halfLife === undefined || halfLife <= 0)
    throw missing('radionuclideHalfLifeS', 'Radionuclide Half Life (0018,1075)');
  return halfLife;
}

/** Bq/ml → SUVbw factors per slice, following DecayCorrection (DICOM PS3.3 C.8.9.1.1.5; IBSI SUV manual). */
function activityConcentrationFactors(
  slices: readonly PetSuvSlice[],
  details: string[],
  assumptions: string[],
): { factors: number[]; decayCorrection: string; scanReferenceSource?: ScanReferenceSource } {
  const first = slices[0] ?? {};
  const weightG = patientWeightKgOf(first, assumptions) * 1000;
  const doseBq = doseBqOf(first, assumptions);
  const decayCorrection = first.decayCorrection?.trim().toUpperCase();
  if (decayCorrection === undefined) throw missing('decayCorrection', 'Decay Correction (0054,1102)');
  details.push(`Weight ${weightG / 1000} kg, injected activity ${doseBq / 1e6} MBq.`);

  if (decayCorrection === 'ADMIN') {
    // Images are decay-corrected to the administration time: the dose is used undecayed.
    details.push('Decay Correction ADMIN: images are corrected to the injection time, dose used without decay.');
    return { factors: slices.map(() => weightG / doseBq), decayCorrection };
  }
  const halfLifeS = halfLifeSOf(first);
  const lambdaPerS = Math.LN2 / halfLifeS;

  if (decayCorrection === 'START') {
    const reference = scanReference(slices, halfLifeS);
    const earliestReferenceMs = Math.min(...reference.perSliceMs);
    const injection = injectionTime(first, earliestReferenceMs);
    if (injection.movedToPreviousDay) {
      assumptions.push(
        'Radiopharmaceutical Start Time is later than the scan on the same date: injection taken on the previous day (before midnight).',
      );
    }
    details.push(
      `Decay Correction START: decay reference from ${reference.source} (${formatClockMs(earliestReferenceMs)}), injection ${formatClockMs(injection.ms)} from ${injection.source}, half-life ${halfLifeS} s.`,
    );
    const factors = reference.perSliceMs.map((referenceMs, index) => {
      const elapsedS = (referenceMs - injection.ms) / 1000;
      if (elapsedS < 0) {
        throw new BonemetError('invalid_input', 'the injection is after the decay reference time', {
          issues: [{ path: [index, 'radiopharmaceuticalStartTime'], message: 'injection after scan' }],
        });
      }
      return weightG / (doseBq * Math.exp(-lambdaPerS * elapsedS));
    });
    return { factors, decayCorrection, scanReferenceSource: reference.source };
  }

  if (decayCorrection === 'NONE') {
    // Not decay-corrected: each frame is corrected to the injection time from its own start and duration,
    // SUV = C·W/D · λT/(1 − e^(−λT)) · e^(λ(t_acq − t_inj)) (IBSI SUV manual).
    const acquisitions = slices.map((slice, index) => {
      const ms = acquisitionMs(slice, index);
      if (ms === undefined) {
        throw new BonemetError(
          'missing_data',
          "cannot compute SUV: Decay Correction NONE needs every slice's Acquisition Time",
          {
            issues: [{ path: [index, 'acquisitionTime'], message: 'Acquisition Time (0008,0032) is missing' }],
          },
        );
      }
      return ms;
    });
    const injection = injectionTime(first, Math.min(...acquisitions));
    if (injection.movedToPreviousDay) {
      assumptions.push(
        'Radiopharmaceutical Start Time is later than the acquisition on the same date: injection taken on the previous day (before midnight).',
      );
    }
    details.push(
      `Decay Correction NONE: each slice decay-corrected over its own frame from its Acquisition Time and Actual Frame Duration to the injection at ${formatClockMs(injection.ms)}.`,
    );
    const factors = slices.map((slice, index) => {
      const durationMs = slice.actualFrameDurationMs;
      if (durationMs === undefined || durationMs <= 0) {
        throw new BonemetError(
          'missing_data',
          'cannot compute SUV: Decay Correction NONE needs Actual Frame Duration',
          {
            issues: [
              { path: [index, 'actualFrameDurationMs'], message: 'Actual Frame Duration (0018,1242) is missing' },
            ],
          },
        );
      }
      const x = lambdaPerS * (durationMs / 1000);
      const elapsedS = ((acquisitions[index] ?? 0) - injection.ms) / 1000;
      return (weightG / doseBq) * (x / -Math.expm1(-x)) * Math.exp(lambdaPerS * elapsedS);
    });
    return { factors, decayCorrection };
  }
  throw unsupported('decayCorrection', `Decay Correction "${decayCorrection}" is not START, ADMIN or NONE`);
}

/** Mass (kg) that a GML image of the given SUV Type was normalised by, to undo it into SUVbw. */
function gmlNormalisationMassKg(suvType: string, slice: PetSuvSlice, assumptions: string[]): number {
  const weightKg = patientWeightKgOf(slice, assumptions);
  const heightM = patientHeightMOf(slice, assumptions);
  const sex = patientSexOf(slice);
  if (suvType === 'IBW') {
    if (sex === 'O') {
      assumptions.push(
        'SUV Type IBW with sex O: ideal body weight taken as the mean of the male and female values (the convention of IBSI DRO_2_2).',
      );
      return idealBodyWeightSexOtherKg(heightM);
    }
    return idealBodyWeightKg(sex, heightM);
  }
  if (sex === 'O') throw unsupported('patientSex', `SUV Type ${suvType} is defined for male and female only; sex is O`);
  if (suvType === 'LBMJAMES128') return leanBodyMassJames128Kg(sex, weightKg, heightM);
  if (suvType === 'LBMJANMA') return leanBodyMassJanmahasatianKg(sex, weightKg, heightM);
  if (suvType === 'LBM') return leanBodyMassDicomLbmKg(sex, weightKg, heightM);
  throw unsupported('suvType', `SUV Type "${suvType}" with Units GML is not BW, LBM, LBMJAMES128, LBMJANMA or IBW`);
}

/**
 * Computes the SUVbw factor of every slice of one PET series (slices in any order; factors in the same
 * order). Input is validated (`invalid_input` by path). Refuses with `missing_data` when weight, dose,
 * half-life or times are absent, and `unsupported` for units or decay corrections it cannot convert.
 */
export function suvbwConversion(input: readonly PetSuvSlice[]): SuvbwConversion {
  const slices = parseInput(petSuvSeriesSchema, input, 'PET SUV header');
  requireConsistentSeries(slices);
  const first = slices[0] ?? {};
  const details: string[] = [];
  const assumptions: string[] = [];
  const units = first.units?.trim().toUpperCase();
  if (units === undefined) throw missing('units', 'Units (0054,1001)');
  const done = (
    factors: readonly number[],
    extra: { decayCorrection?: string; scanReferenceSource?: ScanReferenceSource } = {},
  ): SuvbwConversion => ({ factorsPerSlice: factors, units, slices, details, assumptions, ...extra });

  if (first.correctedImage !== undefined && !first.correctedImage.includes('ATTN')) {
    assumptions.push(
      'Corrected Image lacks ATTN: the images are not attenuation-corrected and SUVs are not quantitative.',
    );
  }

  switch (units) {
    case 'BQML': {
      details.push('Units BQML: rescaled values are activity concentrations in Bq/ml.');
      const { factors, ...rest } = activityConcentrationFactors(slices, details, assumptions);
      return done(factors, rest);
    }
    case 'CNTS': {
      // Philips Ingenuity conformance statement (quoted in the IBSI SUV manual): (7053,1000) SUV Scale
      // Factor gives SUVbw directly; else (7053,1009) gives Bq/ml, then as BQML. 0 means "not available".
      if (slices.every((slice) => (slice.philipsSuvScaleFactor ?? 0) !== 0)) {
        details.push('Units CNTS: Philips SUV Scale Factor (7053,1000) gives SUVbw directly.');
        return done(slices.map((slice) => slice.philipsSuvScaleFactor ?? 0));
      }
      if (slices.every((slice) => (slice.philipsActivityConcentrationScaleFactor ?? 0) !== 0)) {
        details.push('Units CNTS: Philips Activity Concentration Scale Factor (7053,1009) converts counts to Bq/ml.');
        const { factors, ...rest } = activityConcentrationFactors(slices, details, assumptions);
        return done(
          factors.map((factor, index) => factor * (slices[index]?.philipsActivityConcentrationScaleFactor ?? 0)),
          rest,
        );
      }
      throw unsupported(
        'philipsSuvScaleFactor',
        'Units CNTS without a non-zero Philips SUV Scale Factor (7053,1000) or Activity Concentration Scale Factor (7053,1009) on every slice',
      );
    }
    case 'GML': {
      const suvType = first.suvType?.trim().toUpperCase() ?? '';
      if (suvType === '' || suvType === 'BW') {
        if (suvType === '') assumptions.push('Units GML without SUV Type: taken as BW (the DICOM default).');
        details.push('Units GML, SUV Type BW: the rescaled values are SUVbw.');
        return done(slices.map(() => 1));
      }
      const massKg = gmlNormalisationMassKg(suvType, first, assumptions);
      const weightKg = patientWeightKgOf(first, []);
      details.push(
        `Units GML, SUV Type ${suvType}: SUVbw = value × weight / ${suvType} mass = × ${weightKg} / ${massKg.toFixed(3)} kg.`,
      );
      return done(slices.map(() => weightKg / massKg));
    }
    case 'CM2ML': {
      // Values are SUVbsa (cm²/ml): SUVbw = SUVbsa × W[g] / BSA[cm²], BSA by Du Bois (IBSI SUV manual).
      const weightKg = patientWeightKgOf(first, assumptions);
      const bsaCm2 = bodySurfaceAreaDuBoisCm2(weightKg, patientHeightMOf(first, assumptions));
      details.push(
        `Units CM2ML: values are SUVbsa; SUVbw = value × ${weightKg * 1000} g / ${bsaCm2.toFixed(1)} cm² (Du Bois).`,
      );
      return done(slices.map(() => (weightKg * 1000) / bsaCm2));
    }
    default:
      throw unsupported(
        'units',
        `Units "${units}" cannot be converted to SUV (supported: BQML, CNTS with Philips factors, GML, CM2ML)`,
      );
  }
}
