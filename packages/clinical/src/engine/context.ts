import { formatIssuePath, issuesFromZod, resolveLocation, type ResolvedLocation } from '@bonemet/core';
import type { z } from 'zod';
import { cockcroftGaultCalculator, type CockcroftGaultResult } from '../labs/cockcroft-gault.js';
import { correctedCalciumCalculator, type CorrectedCalciumResult } from '../labs/corrected-calcium.js';
import { ctcaeHypercalcaemiaCalculator, type CtcaeHypercalcaemiaResult } from '../labs/ctcae-hypercalcaemia.js';
import { calciumGradeWithoutLimit } from '../labs/ctcae-calcium.js';
import { ctcaeHypocalcaemiaCalculator, type CtcaeHypocalcaemiaResult } from '../labs/ctcae-hypocalcaemia.js';
import { albuminGDl, calciumMgDl } from '../labs/units.js';
import {
  oralMorphineEquivalentCalculator,
  oralMorphineEquivalentMgPerDay,
  type OralMorphineEquivalentResult,
} from '../medication/oral-morphine-equivalent.js';
import { painResponseCalculator, type PainResponseResult } from '../medication/pain-response.js';
import { esccCalculator, type EsccResult } from '../scores/escc.js';
import { katagiriCalculator, katagiriPrimaryGrowthForBreast, type KatagiriResult } from '../scores/katagiri.js';
import { mirelsCalculator, type MirelsResult } from '../scores/mirels.js';
import { nomsCalculator, type NomsResult } from '../scores/noms.js';
import { sinsCalculator, type SinsResult } from '../scores/sins.js';
import { tokuhashiCalculator, type TokuhashiResult } from '../scores/tokuhashi.js';
import { tomitaCalculator, type TomitaResult } from '../scores/tomita.js';
import type { BoneLesion, PatientState, PriorRadiotherapy } from './patient-state.js';
import type { NotAssessed } from './report.js';

/** Everything the lesion rules need about one lesion, computed once. */
export interface LesionContext {
  readonly lesion: BoneLesion;
  /** Path of the lesion in the patient state, e.g. `lesions[2]`, used in fired-by lists. */
  readonly path: string;
  readonly where: ResolvedLocation;
  readonly mirels?: MirelsResult;
  readonly sins?: SinsResult;
  readonly escc?: EsccResult;
  readonly noms?: NomsResult;
  /** The most recent radiotherapy course to this site, and the months since it ended. */
  readonly lastRadiotherapy?: { readonly course: PriorRadiotherapy; readonly monthsSinceEnd: number };
  readonly painResponse?: PainResponseResult;
  /**
   * ASTRO 2017's single-fraction equivalence covers uncomplicated painful metastases; a lesion is complicated
   * when it has (or risks) a fracture, threatens the cord, or is unstable. The reasons are listed.
   */
  readonly complications: readonly string[];
  /** Findings needed to know whether the lesion is complicated that were not recorded. */
  readonly unassessed: readonly string[];
}

export interface PatientContext {
  readonly state: PatientState;
  readonly lesions: readonly LesionContext[];
  readonly crcl?: CockcroftGaultResult;
  readonly correctedCalcium?: CorrectedCalciumResult;
  readonly hypercalcaemia?: CtcaeHypercalcaemiaResult;
  readonly hypocalcaemia?: CtcaeHypocalcaemiaResult;
  /**
   * CTCAE lab grades. When the laboratory's limit of normal is missing, grades 2-4 still follow from the
   * fixed cut-offs; undefined then means grade 0 or 1 (or no calcium value).
   */
  readonly hypercalcaemiaGrade?: number;
  readonly hypocalcaemiaGrade?: number;
  readonly omed?: OralMorphineEquivalentResult;
  readonly tokuhashi?: TokuhashiResult;
  readonly tomita?: TomitaResult;
  readonly katagiri?: KatagiriResult;
  /**
   * Oligometastatic bone-only disease: at most 5 bone metastases, no visceral metastases, ECOG 0-1 (ESTRO-ASTRO
   * consensus, Lievens 2020, applied to bone-only disease with good performance status).
   */
  readonly oligometastatic: boolean;
  /** Reasons to regard life expectancy as limited (empty when none applies). */
  readonly limitedLifeExpectancy: readonly string[];
  readonly notAssessed: readonly NotAssessed[];
  /** How patient-state fields were mapped onto score items where the two do not match word for word. */
  readonly assumptions: readonly string[];
}

/** Mean days per month (Gregorian year / 12), for durations given in months. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** ESTRO-ASTRO consensus (Lievens 2020): oligometastatic disease has at most 5 metastases. */
export const OLIGOMETASTATIC_MAX_LESIONS = 5;

/** Months (fractional) from `from` to `to`, both YYYY-MM-DD. */
export function monthsBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return ms / 86_400_000 / DAYS_PER_MONTH;
}

interface CalculatorLike<S extends z.ZodType, R> {
  readonly input: S;
  readonly compute: (input: z.output<S>) => R;
}

/**
 * Runs a calculator on values taken from the patient state. The calculator's own schema still applies (for
 * example a laboratory limit of normal outside its plausible window); when it refuses, the item is listed as
 * not assessed with the calculator's reasons instead of failing the whole report.
 */
function tryCompute<S extends z.ZodType, R>(
  calculator: CalculatorLike<S, R>,
  raw: z.input<S>,
  item: string,
  notAssessed: NotAssessed[],
): R | undefined {
  const parsed = calculator.input.safeParse(raw);
  if (parsed.success) return calculator.compute(parsed.data);
  const reason = issuesFromZod(parsed.error)
    .map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`)
    .join('; ');
  notAssessed.push({ item, reason });
  return undefined;
}

function sinsPain(lesion: BoneLesion): 'mechanical' | 'occasional_non_mechanical' | 'pain_free' {
  if (lesion.pain.worstPain === 0) return 'pain_free';
  return lesion.pain.mechanical ? 'mechanical' : 'occasional_non_mechanical';
}

function mirelsSite(where: ResolvedLocation): 'upper_limb' | 'lower_limb' | 'peritrochanteric' | undefined {
  if (where.peritrochanteric) return 'peritrochanteric';
  if (where.limb === 'upper') return 'upper_limb';
  if (where.limb === 'lower') return 'lower_limb';
  return undefined;
}

const NEURO_DEFICITS: ReadonlySet<string> = new Set(['sensory_deficit', 'motor_deficit', 'sphincter_dysfunction']);

/** A new motor, sensory or sphincter deficit (myelopathy in NOMS terms). */
export function hasNeurologicalDeficit(state: PatientState): boolean {
  return NEURO_DEFICITS.has(state.neurology.signs);
}

/**
 * Neurological symptoms or signs that make suspected MSCC an emergency in NICE guidance: radicular pain,
 * limb weakness, sensory loss, bladder or bowel dysfunction (NICE CG75, carried into NG234).
 */
export function hasMsccNeurologicalSymptoms(state: PatientState): boolean {
  return state.neurology.signs !== 'none';
}

/** Current oral morphine equivalent, mg/day; undefined when analgesia is not recorded. */
function currentOmed(state: PatientState): number | undefined {
  if (state.analgesia === undefined) return undefined;
  return state.analgesia.opioids.length === 0 ? 0 : oralMorphineEquivalentMgPerDay(state.analgesia.opioids);
}

/** Mapping statements, each shown once in the report when the mapping was used. */
const MAPPINGS = {
  mirelsSize: 'Mirels size item: the patient state records the lesion as a fraction of the bone diameter.',
  nomsHistology:
    'NOMS oncologic assessment: breast carcinoma is treated as radiosensitive to conventional radiotherapy (Laufer 2013; the histology table itself was not checked).',
  tokuhashiOrgans:
    "Revised Tokuhashi: 'removable' major-organ metastases are read from disease.visceralTreatable (treatable = removable).",
  tomitaPrimary: 'Tomita: breast carcinoma is scored as a slow-growth primary (Tomita 2001).',
  limitedLifeExpectancy:
    'Limited life expectancy (favouring a single radiotherapy fraction, ASTRO 2017) is taken to mean any of: expected survival < 3 months, ECOG 3-4, or a new Katagiri score of 7-10 (1-year survival 6%): a convention of these rules.',
  katagiriCalcium:
    'New Katagiri: the calcium item uses total serum calcium (whether the paper used corrected calcium is unconfirmed); hormone-dependent breast = ER or PR positive.',
} as const;

function buildLesion(
  state: PatientState,
  lesion: BoneLesion,
  index: number,
  notAssessed: NotAssessed[],
  assumptions: Set<string>,
): LesionContext {
  const path = `lesions[${String(index)}]`;
  const where = resolveLocation(lesion.location);
  const label = `${path} (${where.display})`;
  const complications: string[] = [];
  const unassessed: string[] = [];

  let mirels: MirelsResult | undefined;
  const site = mirelsSite(where);
  if (where.longBone && site !== undefined) {
    if (lesion.limb === undefined) {
      notAssessed.push({ item: `Mirels score, ${label}`, reason: `${path}.limb is missing` });
      unassessed.push(`long-bone fracture risk (${path}.limb not recorded)`);
    } else {
      mirels = tryCompute(
        mirelsCalculator,
        {
          site,
          pain: lesion.limb.mirelsPain,
          lesionType: lesion.type,
          size: lesion.limb.sizeFraction,
          // The patient state defines the size item as a fraction of the bone diameter.
          sizeDefinition: 'bone_diameter',
        },
        `Mirels score, ${label}`,
        notAssessed,
      );
      assumptions.add(MAPPINGS.mirelsSize);
      if (lesion.limb.pathologicalFracture) complications.push('pathological fracture present');
      else if (mirels !== undefined && mirels.total >= 8)
        complications.push(`impending fracture risk (Mirels ${String(mirels.total)})`);
    }
  }

  let sins: SinsResult | undefined;
  let escc: EsccResult | undefined;
  let noms: NomsResult | undefined;
  if (where.spinalLevel !== undefined) {
    const spine = lesion.spine;
    if (spine === undefined) {
      notAssessed.push({ item: `SINS, ESCC and NOMS, ${label}`, reason: `${path}.spine is missing` });
      unassessed.push(`spinal stability and epidural disease (${path}.spine not recorded)`);
    } else {
      sins = tryCompute(
        sinsCalculator,
        {
          level: where.spinalLevel,
          pain: sinsPain(lesion),
          boneLesion: lesion.type,
          alignment: spine.alignment,
          collapse: spine.collapse,
          posterolateral: spine.posterolateral,
        },
        `SINS, ${label}`,
        notAssessed,
      );
      if (sins !== undefined && sins.category !== 'stable') {
        complications.push(`spinal instability (SINS ${String(sins.total)}, ${sins.category.replace(/_/g, ' ')})`);
      }
      if (spine.compressionFracture) complications.push('vertebral compression fracture');
      if (spine.esccGrade === undefined) {
        notAssessed.push({
          item: `ESCC grade and NOMS, ${label}`,
          reason: `${path}.spine.esccGrade is missing (no MRI grade recorded)`,
        });
        unassessed.push(`epidural disease (no MRI grade, ${path}.spine.esccGrade)`);
      } else {
        escc = tryCompute(esccCalculator, { grade: spine.esccGrade }, `ESCC, ${label}`, notAssessed);
        if (escc !== undefined && escc.compressionGrade !== 'low')
          complications.push(`epidural disease (ESCC ${spine.esccGrade})`);
        if (sins !== undefined) {
          noms = tryCompute(
            nomsCalculator,
            {
              esccGrade: spine.esccGrade,
              myelopathy: hasNeurologicalDeficit(state),
              // Breast carcinoma is radiosensitive to conventional radiotherapy in the NOMS framework (Laufer 2013).
              histology: 'radiosensitive',
              mechanicalInstability: sins.category,
              mechanicalPainFromCompressionFracture: spine.compressionFracture && lesion.pain.mechanical,
              medicallyOperable: state.contraindications.medicallyOperable,
              ...(state.expectedSurvivalMonths === undefined
                ? {}
                : { expectedSurvivalMonths: state.expectedSurvivalMonths }),
            },
            `NOMS, ${label}`,
            notAssessed,
          );
          assumptions.add(MAPPINGS.nomsHistology);
        }
      }
    }
  }
  if (lesion.softTissueComponentMm !== undefined && lesion.softTissueComponentMm > 0) {
    complications.push(`soft-tissue component ${String(lesion.softTissueComponentMm)} mm`);
  }

  let lastRadiotherapy: LesionContext['lastRadiotherapy'];
  let painResponse: PainResponseResult | undefined;
  const last = [...lesion.priorRadiotherapy].sort((a, b) => a.endDate.localeCompare(b.endDate)).at(-1);
  if (last !== undefined) {
    lastRadiotherapy = { course: last, monthsSinceEnd: monthsBetween(last.endDate, state.assessmentDate) };
    const omed = currentOmed(state);
    const item = `pain response after radiotherapy, ${label}`;
    if (last.painAtTreatment === undefined) {
      notAssessed.push({ item, reason: `${path}.priorRadiotherapy[].painAtTreatment is missing` });
    } else if (omed === undefined) {
      notAssessed.push({ item, reason: 'analgesia is missing (current oral morphine equivalent unknown)' });
    } else {
      painResponse = tryCompute(
        painResponseCalculator,
        { baseline: last.painAtTreatment, followUp: { worstPain: lesion.pain.worstPain, omedMgPerDay: omed } },
        item,
        notAssessed,
      );
    }
  }

  return {
    lesion,
    path,
    where,
    ...(mirels === undefined ? {} : { mirels }),
    ...(sins === undefined ? {} : { sins }),
    ...(escc === undefined ? {} : { escc }),
    ...(noms === undefined ? {} : { noms }),
    ...(lastRadiotherapy === undefined ? {} : { lastRadiotherapy }),
    ...(painResponse === undefined ? {} : { painResponse }),
    complications,
    unassessed,
  };
}

function missing(fields: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
}

/** Computes every score and laboratory value the rules use; records what could not be computed and why. */
export function buildPatientContext(state: PatientState): PatientContext {
  const notAssessed: NotAssessed[] = [];
  const assumptions = new Set<string>();
  const lesions = state.lesions.map((lesion, index) => buildLesion(state, lesion, index, notAssessed, assumptions));
  const { labs } = state;

  let crcl: CockcroftGaultResult | undefined;
  if (labs.serumCreatinine !== undefined && state.patient.weightKg !== undefined) {
    crcl = tryCompute(
      cockcroftGaultCalculator,
      {
        ageYears: state.patient.ageYears,
        weightKg: state.patient.weightKg,
        sex: state.patient.sex,
        serumCreatinine: labs.serumCreatinine,
      },
      'creatinine clearance (Cockcroft-Gault)',
      notAssessed,
    );
  } else {
    const absent = missing({
      'labs.serumCreatinine': labs.serumCreatinine,
      'patient.weightKg': state.patient.weightKg,
    });
    notAssessed.push({ item: 'creatinine clearance (Cockcroft-Gault)', reason: `${absent.join(' and ')} missing` });
  }

  let correctedCalcium: CorrectedCalciumResult | undefined;
  let hypercalcaemia: CtcaeHypercalcaemiaResult | undefined;
  let hypocalcaemia: CtcaeHypocalcaemiaResult | undefined;
  if (labs.totalCalcium !== undefined && labs.albumin !== undefined) {
    correctedCalcium = tryCompute(
      correctedCalciumCalculator,
      { totalCalcium: labs.totalCalcium, albumin: labs.albumin, formula: 'label' },
      'albumin-corrected calcium',
      notAssessed,
    );
  } else {
    notAssessed.push({
      item: 'albumin-corrected calcium and CTCAE calcium grades',
      reason: `${missing({ 'labs.totalCalcium': labs.totalCalcium, 'labs.albumin': labs.albumin }).join(' and ')} missing`,
    });
  }
  if (correctedCalcium !== undefined && labs.totalCalcium !== undefined) {
    // Graded in the unit the laboratory reported, against its own limits of normal.
    const corrected =
      labs.totalCalcium.unit === 'mg/dL'
        ? { value: correctedCalcium.correctedCalciumMgDl, unit: 'mg/dL' as const }
        : { value: correctedCalcium.correctedCalciumMmolL, unit: 'mmol/L' as const };
    if (labs.calciumUpperLimitOfNormal === undefined) {
      notAssessed.push({ item: 'CTCAE hypercalcaemia grade', reason: 'labs.calciumUpperLimitOfNormal missing' });
    } else {
      hypercalcaemia = tryCompute(
        ctcaeHypercalcaemiaCalculator,
        { correctedCalcium: corrected, upperLimitOfNormal: labs.calciumUpperLimitOfNormal },
        'CTCAE hypercalcaemia grade',
        notAssessed,
      );
    }
    if (labs.calciumLowerLimitOfNormal === undefined) {
      notAssessed.push({ item: 'CTCAE hypocalcaemia grade', reason: 'labs.calciumLowerLimitOfNormal missing' });
    } else {
      hypocalcaemia = tryCompute(
        ctcaeHypocalcaemiaCalculator,
        { correctedCalcium: corrected, lowerLimitOfNormal: labs.calciumLowerLimitOfNormal },
        'CTCAE hypocalcaemia grade',
        notAssessed,
      );
    }
  }

  let hypercalcaemiaGrade: number | undefined = hypercalcaemia?.labGrade;
  let hypocalcaemiaGrade: number | undefined = hypocalcaemia?.labGrade;
  if (correctedCalcium !== undefined && labs.totalCalcium !== undefined) {
    const unit = labs.totalCalcium.unit;
    const measurement = {
      kind: 'corrected_calcium' as const,
      unit,
      value: unit === 'mg/dL' ? correctedCalcium.correctedCalciumMgDl : correctedCalcium.correctedCalciumMmolL,
    };
    hypercalcaemiaGrade ??= calciumGradeWithoutLimit('hypercalcaemia', measurement);
    hypocalcaemiaGrade ??= calciumGradeWithoutLimit('hypocalcaemia', measurement);
  }

  const opioids = state.analgesia?.opioids ?? [];
  const omed =
    opioids.length > 0
      ? tryCompute(oralMorphineEquivalentCalculator, { opioids }, 'oral morphine equivalent', notAssessed)
      : undefined;

  const spinalLesions = lesions.filter((l) => l.where.spinalLevel !== undefined);
  const vertebralCount = state.disease.vertebralLesionCount ?? spinalLesions.length;
  if (state.disease.vertebralLesionCount === undefined && spinalLesions.length > 0) {
    assumptions.add(
      `disease.vertebralLesionCount not given: the ${String(spinalLesions.length)} vertebral lesion(s) listed are taken as all vertebral metastases (revised Tokuhashi).`,
    );
  }
  const visceral = state.disease.visceralMetastases;

  let tokuhashi: TokuhashiResult | undefined;
  if (vertebralCount > 0) {
    const karnofsky = state.performance.karnofskyPercent;
    const frankel = state.neurology.frankelGrade;
    const absent = missing({
      'performance.karnofskyPercent': karnofsky,
      'neurology.frankelGrade': frankel,
      'disease.visceralTreatable': visceral === 'none' ? true : state.disease.visceralTreatable,
    });
    if (karnofsky !== undefined && frankel !== undefined && absent.length === 0) {
      tokuhashi = tryCompute(
        tokuhashiCalculator,
        {
          karnofskyPercent: karnofsky,
          extraspinalBoneMetastases: Math.max(0, state.disease.boneLesionCount - vertebralCount),
          vertebralBodyMetastases: vertebralCount,
          // Tokuhashi asks whether organ metastases are removable; the patient state records whether they are
          // treatable, the nearest recorded judgement.
          majorOrganMetastases:
            visceral === 'none' ? 'none' : state.disease.visceralTreatable === true ? 'removable' : 'unremovable',
          primarySite: 'breast',
          frankelGrade: frankel,
        },
        'revised Tokuhashi score',
        notAssessed,
      );
      if (visceral !== 'none') assumptions.add(MAPPINGS.tokuhashiOrgans);
    } else {
      notAssessed.push({ item: 'revised Tokuhashi score', reason: `${absent.join(', ')} missing` });
    }
  }

  let tomita: TomitaResult | undefined;
  if (visceral === 'none' || state.disease.visceralTreatable !== undefined) {
    tomita = tryCompute(
      tomitaCalculator,
      {
        // Tomita 2001 lists breast carcinoma among the slow-growth primaries.
        primaryGrowth: 'slow',
        visceralMetastases:
          visceral === 'none' ? 'none' : state.disease.visceralTreatable === true ? 'treatable' : 'untreatable',
        boneMetastases: state.disease.boneLesionCount === 1 ? 'solitary' : 'multiple',
      },
      'Tomita score',
      notAssessed,
    );
    assumptions.add(MAPPINGS.tomitaPrimary);
  } else {
    notAssessed.push({ item: 'Tomita score', reason: 'disease.visceralTreatable missing' });
  }

  let katagiri: KatagiriResult | undefined;
  const { crpMgDl, ldhIuL, plateletsPerUl, bilirubinMgDl, albumin, totalCalcium } = labs;
  if (
    crpMgDl !== undefined &&
    ldhIuL !== undefined &&
    plateletsPerUl !== undefined &&
    bilirubinMgDl !== undefined &&
    albumin !== undefined &&
    totalCalcium !== undefined
  ) {
    const hormoneReceptor =
      state.biology.er === 'positive' || state.biology.pr === 'positive' ? 'positive' : 'negative';
    katagiri = tryCompute(
      katagiriCalculator,
      {
        primaryGrowth: katagiriPrimaryGrowthForBreast(hormoneReceptor),
        visceralMetastases: visceral,
        // Katagiri's calcium item is read as total serum calcium (whether the paper corrected it is unconfirmed).
        laboratory: {
          values: {
            crpMgDl,
            ldhIuL,
            plateletsPerUl,
            bilirubinMgDl,
            albuminGDl: albuminGDl(albumin),
            calciumMgDl: calciumMgDl(totalCalcium),
          },
        },
        ecogPerformanceStatus: state.performance.ecog,
        previousChemotherapy: state.systemicTherapy.previousChemotherapy,
        multipleSkeletalMetastases: state.disease.boneLesionCount > 1,
      },
      'new Katagiri score',
      notAssessed,
    );
    assumptions.add(MAPPINGS.katagiriCalcium);
  } else {
    const absent = missing({
      'labs.crpMgDl': crpMgDl,
      'labs.ldhIuL': ldhIuL,
      'labs.albumin': albumin,
      'labs.plateletsPerUl': plateletsPerUl,
      'labs.totalCalcium': totalCalcium,
      'labs.bilirubinMgDl': bilirubinMgDl,
    });
    notAssessed.push({ item: 'new Katagiri score', reason: `${absent.join(', ')} missing` });
  }

  const limitedLifeExpectancy: string[] = [];
  if (state.expectedSurvivalMonths !== undefined && state.expectedSurvivalMonths < 3) {
    limitedLifeExpectancy.push(`expected survival ${String(state.expectedSurvivalMonths)} months (< 3)`);
  }
  if (state.performance.ecog >= 3)
    limitedLifeExpectancy.push(`ECOG performance status ${String(state.performance.ecog)}`);
  if (katagiri?.band === 'high')
    limitedLifeExpectancy.push(`new Katagiri score ${String(katagiri.total)} (high-risk band)`);
  if (limitedLifeExpectancy.length > 0) assumptions.add(MAPPINGS.limitedLifeExpectancy);

  return {
    state,
    lesions,
    ...(crcl === undefined ? {} : { crcl }),
    ...(correctedCalcium === undefined ? {} : { correctedCalcium }),
    ...(hypercalcaemia === undefined ? {} : { hypercalcaemia }),
    ...(hypocalcaemia === undefined ? {} : { hypocalcaemia }),
    ...(hypercalcaemiaGrade === undefined ? {} : { hypercalcaemiaGrade }),
    ...(hypocalcaemiaGrade === undefined ? {} : { hypocalcaemiaGrade }),
    ...(omed === undefined ? {} : { omed }),
    ...(tokuhashi === undefined ? {} : { tokuhashi }),
    ...(tomita === undefined ? {} : { tomita }),
    ...(katagiri === undefined ? {} : { katagiri }),
    oligometastatic:
      state.disease.boneLesionCount <= OLIGOMETASTATIC_MAX_LESIONS &&
      state.disease.visceralMetastases === 'none' &&
      state.performance.ecog <= 1,
    limitedLifeExpectancy,
    notAssessed,
    assumptions: [...assumptions],
  };
}

/** Expected survival below which open surgery is not offered (Patchell 2005 eligibility; NOMS systemic). */
export const SURGERY_MIN_SURVIVAL_MONTHS = 3;

/** Why open surgery is not an option for this patient (empty when nothing recorded excludes it). */
export function surgeryExclusions(state: PatientState): string[] {
  return [
    ...(state.contraindications.medicallyOperable ? [] : ['not medically operable']),
    ...(state.expectedSurvivalMonths !== undefined && state.expectedSurvivalMonths < SURGERY_MIN_SURVIVAL_MONTHS
      ? [`expected survival ${String(state.expectedSurvivalMonths)} months (< ${String(SURGERY_MIN_SURVIVAL_MONTHS)})`]
      : []),
  ];
}

/** The lesion's recorded epidural compression is high grade (ESCC 2 or 3): the MSCC rule decides its treatment. */
export function hasCordCompression(lesion: LesionContext): boolean {
  const grade = lesion.lesion.spine?.esccGrade;
  return grade === '2' || grade === '3';
}
