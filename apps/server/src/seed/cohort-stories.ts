/**
 * The synthetic demo cohort: the seven example patients (examples/*.json) with a history of imaging and
 * treatment leading to their assessment, and seven more patients for the response patterns a tumour board
 * sees (responders, progressors, a flare that settles, a mixed response, a superscan, pathological
 * fractures, oligometastatic disease treated with SBRT). Invented data throughout: every name, number and
 * date is synthetic. Each course is told in `course` and drawn in the images: a bone-scan finding's
 * contrast is its uptake relative to normal bone, a PET lesion's value its true SUVbw.
 */
import type { PatientState } from '@bonemet/clinical';
import type { CohortStory, StoryBoneScanFinding } from './cohort-story.js';
import { EXAMPLES_DIR, readExampleStates } from './demo-cohort.js';
import {
  boneScanFlareState,
  femoralFractureState,
  lateProgressionState,
  oligometastaticSbrtState,
  petProgressorState,
  petResponderState,
} from './extra-patient-states.js';

type StoryWithoutState = Omit<CohortStory, 'state' | 'stem'>;

const mg = (value: number): { value: number; unit: 'mg/dL' } => ({ value, unit: 'mg/dL' });
const finding = (id: string, part: string, diameterMm: number, contrast: number): StoryBoneScanFinding => ({
  id,
  part,
  diameterMm,
  contrast,
});

/** The courses of the example patients, by example file name (without .json). */
const exampleCourses: Readonly<Record<string, StoryWithoutState>> = {
  'hypercalcaemia-renal-impairment': {
    course:
      'HER2-positive disease progressing on first-line paclitaxel + trastuzumab with widespread bone metastases; on the second line, the follow-up bone scan is a superscan (diffuse skeletal uptake, faint kidneys), with hypercalcaemia and falling renal function.',
    heightCm: 158,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'paclitaxel + trastuzumab',
        category: 'her2_targeted',
        startDate: '2025-10-01',
        endDate: '2026-05-07',
      },
      {
        lineNumber: 2,
        regimen: 'trastuzumab + pertuzumab + docetaxel',
        category: 'her2_targeted',
        startDate: '2026-05-14',
      },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2026-05-06',
        findings: [
          finding('thoracic', 'thoracic_spine', 24, 4),
          finding('lumbar', 'lumbar_spine', 22, 3.5),
          finding('pelvis', 'pelvis', 26, 3),
          finding('rib', 'ribs', 16, 3),
          finding('femur', 'femur_left', 20, 2.5),
          finding('skull', 'skull', 18, 3),
        ],
      },
      {
        modality: 'NM',
        date: '2026-10-30',
        superscan: true,
        findings: [
          finding('thoracic', 'thoracic_spine', 30, 4.5),
          finding('lumbar', 'lumbar_spine', 28, 4),
          finding('pelvis', 'pelvis', 32, 3.5),
          finding('rib', 'ribs', 18, 3),
          finding('femur', 'femur_left', 24, 3),
          finding('skull', 'skull', 20, 3),
          finding('humerus', 'humerus_right', 20, 3),
          finding('sternum', 'sternum', 18, 3),
        ],
      },
    ],
    labs: [
      { analyte: 'serum_creatinine', sampledOn: '2026-05-06', quantity: mg(1.1) },
      { analyte: 'total_calcium', sampledOn: '2026-05-06', quantity: mg(10.0) },
      { analyte: 'serum_creatinine', sampledOn: '2026-08-03', quantity: mg(1.5) },
      { analyte: 'total_calcium', sampledOn: '2026-08-03', quantity: mg(10.6) },
    ],
    painScores: [{ assessedOn: '2026-05-06', worstPain: 3, opioids: [] }],
  },
  'impending-femoral-fracture': {
    course:
      'Triple-negative disease on second-line capecitabine; the lytic left trochanteric lesion grows on each bone scan (impending fracture) while the humeral lesion fades, and a rib lesion appears on the last scan, within the flare window of the line.',
    heightCm: 165,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'paclitaxel + atezolizumab',
        category: 'chemotherapy',
        startDate: '2025-08-11',
        endDate: '2026-03-10',
      },
      { lineNumber: 2, regimen: 'capecitabine', category: 'chemotherapy', startDate: '2026-03-24' },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2026-03-12',
        findings: [
          finding('femur', 'femur_left', 24, 3),
          finding('humerus', 'humerus_right', 18, 2.6),
          finding('lumbar', 'lumbar_spine', 20, 2.8),
          finding('pelvis', 'pelvis', 20, 2.4),
        ],
      },
      {
        modality: 'NM',
        date: '2026-06-22',
        findings: [
          finding('femur', 'femur_left', 26, 3.4),
          finding('humerus', 'humerus_right', 18, 2.4),
          finding('lumbar', 'lumbar_spine', 20, 2.8),
          finding('pelvis', 'pelvis', 20, 2.4),
        ],
      },
      {
        modality: 'NM',
        date: '2026-09-15',
        findings: [
          finding('femur', 'femur_left', 30, 4.5),
          finding('humerus', 'humerus_right', 16, 1.8),
          finding('lumbar', 'lumbar_spine', 20, 2.8),
          finding('pelvis', 'pelvis', 20, 2.4),
          finding('rib', 'ribs', 16, 3),
        ],
      },
    ],
    labs: [
      { analyte: 'serum_creatinine', sampledOn: '2026-06-22', quantity: mg(1.2) },
      { analyte: 'total_calcium', sampledOn: '2026-06-22', quantity: mg(9.3) },
    ],
    painScores: [
      { assessedOn: '2026-03-12', worstPain: 4, opioids: [{ drug: 'tramadol', dailyDose: 100 }] },
      { assessedOn: '2026-06-22', worstPain: 5, opioids: [{ drug: 'tramadol', dailyDose: 150 }] },
    ],
  },
  oligometastatic: {
    course:
      'HER2-positive oligometastatic disease (L4 and left ilium) found on PET/CT at progression on letrozole; after six months of trastuzumab + pertuzumab + docetaxel both lesions persist with a small fall in uptake (stable metabolic disease): local treatment of both sites is considered.',
    heightCm: 170,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'letrozole',
        category: 'endocrine',
        startDate: '2025-06-02',
        endDate: '2026-02-24',
      },
      {
        lineNumber: 2,
        regimen: 'trastuzumab + pertuzumab + docetaxel',
        category: 'her2_targeted',
        startDate: '2026-03-02',
      },
    ],
    petLesions: [
      { id: 'L4', site: 'spine', diameterMm: 14, ctAppearance: 'lytic' },
      { id: 'IL', site: 'pelvis', diameterMm: 18, ctAppearance: 'blastic' },
    ],
    imaging: [
      { modality: 'PT', date: '2026-02-20', suvbw: { L4: 9, IL: 7 } },
      { modality: 'PT', date: '2026-08-20', suvbw: { L4: 8, IL: 6.3 } },
    ],
    painScores: [{ assessedOn: '2026-02-20', worstPain: 3, opioids: [] }],
  },
  'pain-after-radiotherapy': {
    course:
      'ER-positive, HER2-low disease on second-line capecitabine: a mixed response on bone scans. The right acetabular lesion grows, is irradiated (8 Gy) and then falls; the thoracic lesion fades; the right femoral lesion rises and a sternal lesion appears on the last scan, out of the flare window.',
    heightCm: 163,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'letrozole + palbociclib',
        category: 'cdk4_6_inhibitor',
        startDate: '2024-12-02',
        endDate: '2026-02-13',
      },
      { lineNumber: 2, regimen: 'capecitabine', category: 'chemotherapy', startDate: '2026-02-20' },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2026-02-10',
        findings: [
          finding('acetabulum', 'pelvis', 26, 3.5),
          finding('thoracic', 'thoracic_spine', 20, 2.6),
          finding('rib', 'ribs', 16, 2.5),
          finding('femur', 'femur_right', 18, 2.2),
          finding('skull', 'skull', 16, 2.2),
        ],
      },
      {
        modality: 'NM',
        date: '2026-06-15',
        findings: [
          finding('acetabulum', 'pelvis', 30, 4.5),
          finding('thoracic', 'thoracic_spine', 18, 2),
          finding('rib', 'ribs', 16, 2.5),
          finding('femur', 'femur_right', 18, 2.2),
          finding('skull', 'skull', 16, 2.2),
        ],
      },
      {
        modality: 'NM',
        date: '2026-10-26',
        findings: [
          finding('acetabulum', 'pelvis', 26, 3),
          finding('thoracic', 'thoracic_spine', 16, 1.6),
          finding('rib', 'ribs', 16, 2.5),
          finding('femur', 'femur_right', 22, 3),
          finding('skull', 'skull', 16, 2.2),
          finding('sternum', 'sternum', 18, 3),
        ],
      },
    ],
    painScores: [{ assessedOn: '2026-06-15', worstPain: 7, opioids: [{ drug: 'oxycodone', dailyDose: 20 }] }],
  },
  'painful-uncomplicated': {
    course:
      'ER-positive, HER2-negative disease with seven bone metastases at diagnosis; on first-line letrozole + palbociclib every lesion fades on the bone scans and three resolve (a responder), while the right seventh rib stays painful.',
    heightCm: 167,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'letrozole + palbociclib',
        category: 'cdk4_6_inhibitor',
        startDate: '2026-04-08',
      },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2026-04-01',
        findings: [
          finding('rib', 'ribs', 20, 3.5),
          finding('thoracic', 'thoracic_spine', 22, 3),
          finding('lumbar', 'lumbar_spine', 20, 2.5),
          finding('pelvis', 'pelvis', 20, 2.5),
          finding('femur', 'femur_right', 18, 2.2),
          finding('humerus', 'humerus_left', 16, 2),
          finding('skull', 'skull', 16, 2),
        ],
      },
      {
        modality: 'NM',
        date: '2026-07-15',
        findings: [
          finding('rib', 'ribs', 20, 2.8),
          finding('thoracic', 'thoracic_spine', 20, 2.2),
          finding('lumbar', 'lumbar_spine', 18, 1.8),
          finding('pelvis', 'pelvis', 18, 1.8),
          finding('femur', 'femur_right', 16, 1.5),
          finding('humerus', 'humerus_left', 14, 1.4),
          finding('skull', 'skull', 14, 1.4),
        ],
      },
      {
        modality: 'NM',
        date: '2026-09-28',
        findings: [
          finding('rib', 'ribs', 18, 2.5),
          finding('thoracic', 'thoracic_spine', 18, 2),
          finding('lumbar', 'lumbar_spine', 16, 1.5),
          finding('pelvis', 'pelvis', 16, 1.5),
        ],
      },
    ],
    painScores: [
      { assessedOn: '2026-04-01', worstPain: 6, opioids: [] },
      { assessedOn: '2026-07-15', worstPain: 5, opioids: [] },
    ],
  },
  'spinal-cord-compression': {
    course:
      'ER-positive disease on second-line letrozole after paclitaxel: stable on the first follow-up bone scan, then the T8 lesion grows and three new lesions appear (progression out of the flare window), followed days later by cord compression at T8.',
    heightCm: 160,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'paclitaxel',
        category: 'chemotherapy',
        startDate: '2025-06-02',
        endDate: '2025-11-20',
      },
      { lineNumber: 2, regimen: 'letrozole', category: 'endocrine', startDate: '2025-12-01' },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2025-11-25',
        findings: [
          finding('T8', 'thoracic_spine', 22, 3),
          finding('lumbar', 'lumbar_spine', 20, 2.5),
          finding('pelvis', 'pelvis', 22, 2.5),
          finding('rib', 'ribs', 16, 2.2),
        ],
      },
      {
        modality: 'NM',
        date: '2026-04-20',
        findings: [
          finding('T8', 'thoracic_spine', 22, 3.1),
          finding('lumbar', 'lumbar_spine', 20, 2.5),
          finding('pelvis', 'pelvis', 22, 2.5),
          finding('rib', 'ribs', 16, 2.2),
        ],
      },
      {
        modality: 'NM',
        date: '2026-10-08',
        findings: [
          finding('T8', 'thoracic_spine', 28, 5),
          finding('lumbar', 'lumbar_spine', 22, 3.5),
          finding('pelvis', 'pelvis', 22, 2.6),
          finding('rib', 'ribs', 16, 2.2),
          finding('cervical', 'cervical_spine', 16, 3),
          finding('sternum', 'sternum', 18, 3),
          finding('femur', 'femur_left', 20, 3),
        ],
      },
    ],
    painScores: [
      { assessedOn: '2025-11-25', worstPain: 3, opioids: [] },
      { assessedOn: '2026-04-20', worstPain: 4, opioids: [] },
    ],
  },
  'vertebral-compression-fracture': {
    course:
      'ER-positive disease on first-line letrozole + palbociclib: most lesions fade on the follow-up bone scan, but L1 rises with a painful pathological compression fracture (fracture uptake as well as tumour).',
    heightCm: 164,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'letrozole + palbociclib',
        category: 'cdk4_6_inhibitor',
        startDate: '2026-04-23',
      },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2026-04-15',
        findings: [
          finding('L1', 'lumbar_spine', 22, 3),
          finding('thoracic', 'thoracic_spine', 20, 2.5),
          finding('pelvis', 'pelvis', 20, 2.2),
          finding('rib', 'ribs', 16, 2.2),
          finding('sacrum', 'sacrum', 18, 2.2),
          finding('femur', 'femur_right', 16, 2),
        ],
      },
      {
        modality: 'NM',
        date: '2026-10-15',
        findings: [
          finding('L1', 'lumbar_spine', 24, 4.2),
          finding('thoracic', 'thoracic_spine', 18, 2),
          finding('pelvis', 'pelvis', 18, 1.8),
          finding('rib', 'ribs', 14, 1.6),
          finding('sacrum', 'sacrum', 16, 1.8),
          finding('femur', 'femur_right', 14, 1.5),
        ],
      },
    ],
    painScores: [{ assessedOn: '2026-04-15', worstPain: 3, opioids: [] }],
  },
};

/** The seven further patients, after the examples in the cohort's order. */
const extraStories: readonly CohortStory[] = [
  {
    stem: 'bone-scan-flare',
    state: boneScanFlareState,
    course:
      'ER-positive bone-only disease: twelve weeks into letrozole + ribociclib the bone scan looks worse (brighter lesions and two faint new spots, a flare); the confirmation scan three months later shows the spots gone and the lesions fading: a flare that settled, not progression.',
    heightCm: 169,
    therapyLines: [
      { lineNumber: 1, regimen: 'letrozole + ribociclib', category: 'cdk4_6_inhibitor', startDate: '2026-01-20' },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2026-01-12',
        findings: [
          finding('T6', 'thoracic_spine', 22, 2.8),
          finding('ilium', 'pelvis', 22, 2.5),
          finding('rib', 'ribs', 16, 2.2),
        ],
      },
      {
        modality: 'NM',
        date: '2026-04-14',
        findings: [
          finding('T6', 'thoracic_spine', 24, 3.6),
          finding('ilium', 'pelvis', 24, 3.2),
          finding('rib', 'ribs', 16, 2.8),
          finding('lumbar', 'lumbar_spine', 16, 2.2),
          finding('femur', 'femur_right', 16, 2.2),
        ],
      },
      {
        modality: 'NM',
        date: '2026-07-21',
        findings: [
          finding('T6', 'thoracic_spine', 20, 2.2),
          finding('ilium', 'pelvis', 20, 2),
          finding('rib', 'ribs', 14, 1.8),
        ],
      },
    ],
    painScores: [
      { assessedOn: '2026-01-12', worstPain: 4, opioids: [] },
      { assessedOn: '2026-04-14', worstPain: 5, opioids: [{ drug: 'tramadol', dailyDose: 100 }] },
    ],
  },
  {
    stem: 'pet-responder',
    state: petResponderState,
    course:
      'HER2-positive bone-only disease: on first-line trastuzumab + pertuzumab + docetaxel both lesions lose 40–50 % of their uptake on PET/CT at three months (partial metabolic response).',
    heightCm: 166,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'trastuzumab + pertuzumab + docetaxel',
        category: 'her2_targeted',
        startDate: '2026-04-10',
      },
    ],
    petLesions: [
      { id: 'L2', site: 'spine', diameterMm: 14, ctAppearance: 'lytic' },
      { id: 'IL', site: 'pelvis', diameterMm: 16, ctAppearance: 'blastic' },
    ],
    imaging: [
      { modality: 'PT', date: '2026-04-02', suvbw: { L2: 12, IL: 10 } },
      { modality: 'PT', date: '2026-07-06', suvbw: { L2: 6, IL: 6 } },
    ],
    painScores: [{ assessedOn: '2026-04-02', worstPain: 4, opioids: [] }],
  },
  {
    stem: 'pet-progressor',
    state: petProgressorState,
    course:
      'Triple-negative disease: stable metabolic disease on PET/CT at three months of first-line paclitaxel + atezolizumab, then the lesions rise and a new sacral lesion appears (progressive metabolic disease); second-line sacituzumab govitecan.',
    heightCm: 162,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'paclitaxel + atezolizumab',
        category: 'chemotherapy',
        startDate: '2026-01-22',
        endDate: '2026-07-24',
      },
      { lineNumber: 2, regimen: 'sacituzumab govitecan', category: 'other', startDate: '2026-08-03' },
    ],
    petLesions: [
      { id: 'T10', site: 'spine', diameterMm: 14, ctAppearance: 'lytic' },
      { id: 'PV', site: 'pelvis', diameterMm: 16, ctAppearance: 'lytic' },
      { id: 'SA', site: 'sacrum', diameterMm: 14, ctAppearance: 'lytic' },
    ],
    imaging: [
      { modality: 'PT', date: '2026-01-15', suvbw: { T10: 8, PV: 6 } },
      { modality: 'PT', date: '2026-04-20', suvbw: { T10: 7.5, PV: 6 } },
      { modality: 'PT', date: '2026-07-20', suvbw: { T10: 11, PV: 8, SA: 9 } },
    ],
    painScores: [
      { assessedOn: '2026-01-15', worstPain: 3, opioids: [] },
      { assessedOn: '2026-07-20', worstPain: 6, opioids: [{ drug: 'oxycodone', dailyDose: 20 }] },
    ],
  },
  {
    stem: 'oligometastatic-sbrt',
    state: oligometastaticSbrtState,
    course:
      'ER-positive oligometastatic disease (T11 and right ilium) on PET/CT: letrozole + palbociclib and SBRT to both sites (27 Gy in 3 and 30 Gy in 3 fractions); both lesions lose their uptake (complete metabolic response) and stay so.',
    heightCm: 161,
    therapyLines: [
      { lineNumber: 1, regimen: 'letrozole + palbociclib', category: 'cdk4_6_inhibitor', startDate: '2025-12-18' },
    ],
    petLesions: [
      { id: 'T11', site: 'spine', diameterMm: 14, ctAppearance: 'lytic' },
      { id: 'IL', site: 'pelvis', diameterMm: 18, ctAppearance: 'blastic' },
    ],
    imaging: [
      { modality: 'PT', date: '2025-12-10', suvbw: { T11: 9, IL: 7 } },
      { modality: 'PT', date: '2026-04-15', suvbw: { T11: 2, IL: 1.9 } },
      { modality: 'PT', date: '2026-10-14', suvbw: {} },
    ],
    painScores: [{ assessedOn: '2025-12-10', worstPain: 2, opioids: [] }],
  },
  {
    stem: 'pathological-femoral-fracture',
    state: femoralFractureState,
    course:
      'ER-positive disease on second-line fulvestrant: a pathological fracture through the right femoral lesion in May, fixed the next day, with post-operative radiotherapy (20 Gy in 5); the later bone scan shows the femur settling and the other lesions stable.',
    heightCm: 155,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'letrozole + palbociclib',
        category: 'cdk4_6_inhibitor',
        startDate: '2024-11-04',
        endDate: '2026-01-26',
      },
      { lineNumber: 2, regimen: 'fulvestrant', category: 'endocrine', startDate: '2026-02-09' },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2026-02-03',
        findings: [
          finding('femur', 'femur_right', 30, 4),
          finding('L3', 'lumbar_spine', 20, 2.5),
          finding('pelvis', 'pelvis', 20, 2.5),
        ],
      },
      {
        modality: 'NM',
        date: '2026-08-25',
        findings: [
          finding('femur', 'femur_right', 30, 3),
          finding('L3', 'lumbar_spine', 20, 2.4),
          finding('pelvis', 'pelvis', 20, 2.5),
        ],
      },
    ],
    skeletalEvents: [
      {
        kind: 'pathological_fracture',
        date: '2026-05-18',
        site: { bone: 'femur', laterality: 'right', part: 'shaft' },
      },
    ],
    painScores: [
      { assessedOn: '2026-02-03', worstPain: 4, opioids: [] },
      { assessedOn: '2026-05-18', worstPain: 9, opioids: [{ drug: 'morphine', dailyDose: 60 }] },
    ],
  },
  {
    stem: 'late-progression',
    state: lateProgressionState,
    course:
      'ER-positive, HER2-low disease: stable on anastrozole for eight months, then the T5 lesion rises and two new lesions appear (progression out of the flare window); on fulvestrant + abemaciclib every lesion falls.',
    heightCm: 171,
    therapyLines: [
      {
        lineNumber: 1,
        regimen: 'anastrozole',
        category: 'endocrine',
        startDate: '2025-05-02',
        endDate: '2026-01-19',
      },
      { lineNumber: 2, regimen: 'fulvestrant + abemaciclib', category: 'cdk4_6_inhibitor', startDate: '2026-01-26' },
    ],
    imaging: [
      {
        modality: 'NM',
        date: '2025-04-24',
        findings: [finding('T5', 'thoracic_spine', 22, 2.5), finding('rib', 'ribs', 16, 2.2)],
      },
      {
        modality: 'NM',
        date: '2025-10-30',
        findings: [finding('T5', 'thoracic_spine', 22, 2.5), finding('rib', 'ribs', 16, 2.2)],
      },
      {
        modality: 'NM',
        date: '2026-01-12',
        findings: [
          finding('T5', 'thoracic_spine', 26, 3.4),
          finding('rib', 'ribs', 16, 2.2),
          finding('pelvis', 'pelvis', 22, 3),
          finding('femur', 'femur_left', 20, 2.8),
        ],
      },
      {
        modality: 'NM',
        date: '2026-06-30',
        findings: [
          finding('T5', 'thoracic_spine', 22, 2.4),
          finding('rib', 'ribs', 14, 1.8),
          finding('pelvis', 'pelvis', 20, 2.2),
          finding('femur', 'femur_left', 18, 2),
        ],
      },
    ],
    painScores: [
      { assessedOn: '2025-10-30', worstPain: 1, opioids: [] },
      { assessedOn: '2026-01-12', worstPain: 4, opioids: [] },
    ],
  },
];

/** An example patient with the course written for it above. */
function exampleStory(stem: string, state: PatientState): CohortStory {
  const course = exampleCourses[stem];
  if (course === undefined) throw new Error(`no course written for the example ${stem}`);
  return { stem, state, ...course };
}

/**
 * The cohort in its order: the examples (file-name order, as the example seeder numbers them), then the
 * further patients. Throws when an example has no course written here (a new example file needs one).
 */
export function cohortStories(dir: string = EXAMPLES_DIR): CohortStory[] {
  return [...readExampleStates(dir).map(({ stem, state }) => exampleStory(stem, state)), ...extraStories];
}
