/**
 * Patient vignettes for the recommendation engine. Each vignette states the situation, the option(s) the
 * guideline text calls for (quoted or paraphrased in the comment, with its source), and checks that the engine
 * produces them with the right strength and citation, and does not produce the options the guideline rules out.
 */
import { describe, expect, it } from 'vitest';
import { assessPatient } from './engine.js';
import type { RecommendationReport, TreatmentOption } from './report.js';

type Json = Record<string, unknown>;

/** A 60-year-old woman, 70 kg, ER+/PR+/HER2−, ECOG 1, one painless right 7th rib metastasis, normal labs. */
function basePatient(): Json {
  return {
    schemaVersion: '1',
    patient: { id: 'VIG', synthetic: true, ageYears: 60, sex: 'female', weightKg: 70 },
    assessmentDate: '2026-11-01',
    biology: { er: 'positive', pr: 'positive', her2: 'negative' },
    performance: { ecog: 1, karnofskyPercent: 80 },
    expectedSurvivalMonths: 24,
    disease: { boneLesionCount: 8, visceralMetastases: 'none' },
    neurology: { signs: 'none', frankelGrade: 'E' },
    systemicTherapy: { current: 'endocrine', previousChemotherapy: false },
    boneTargetedAgent: { current: 'none' },
    dental: { status: 'cleared' },
    labs: {
      // Cockcroft-Gault: (140 − 60) × 70 / (72 × 0.9) × 0.85 = 73.5 mL/min
      serumCreatinine: { value: 0.9, unit: 'mg/dL' },
      totalCalcium: { value: 9.4, unit: 'mg/dL' },
      albumin: { value: 4.0, unit: 'g/dL' },
      calciumUpperLimitOfNormal: { value: 10.2, unit: 'mg/dL' },
      calciumLowerLimitOfNormal: { value: 8.5, unit: 'mg/dL' },
    },
    analgesia: { opioids: [] },
    contraindications: { uncorrectableCoagulopathy: false, activeInfection: false, medicallyOperable: true },
    lesions: [rib()],
  };
}

function rib(overrides: Json = {}): Json {
  return {
    id: 'R7',
    location: { bone: 'rib', level: 7, laterality: 'right' },
    type: 'mixed',
    pain: { worstPain: 0, mechanical: false },
    ...overrides,
  };
}

function vertebra(level: string, spine: Json, overrides: Json = {}): Json {
  return {
    id: level,
    location: { bone: 'vertebra', level, part: 'body' },
    type: 'lytic',
    pain: { worstPain: 0, mechanical: false },
    spine: { alignment: 'normal', collapse: 'none', posterolateral: 'none', compressionFracture: false, ...spine },
    ...overrides,
  };
}

function femur(part: string, limb: Json, overrides: Json = {}): Json {
  return {
    id: 'F',
    location: { bone: 'femur', laterality: 'left', part },
    type: 'lytic',
    pain: { worstPain: 5, mechanical: true },
    limb: { pathologicalFracture: false, ...limb },
    ...overrides,
  };
}

function assessWith(change: (p: Json) => void): RecommendationReport {
  const patient = basePatient();
  change(patient);
  return assessPatient(patient);
}

function allOptions(report: RecommendationReport): TreatmentOption[] {
  return [...report.alerts, ...report.patientOptions, ...report.lesions.flatMap((l) => l.options)];
}

function find(report: RecommendationReport, id: string): TreatmentOption | undefined {
  return allOptions(report).find((o) => o.id === id);
}

function expectOption(
  report: RecommendationReport,
  id: string,
  strength: TreatmentOption['strength'],
  source: string,
): TreatmentOption {
  const option = find(report, id);
  expect(
    option,
    `expected option ${id}; got ${allOptions(report)
      .map((o) => o.id)
      .join(', ')}`,
  ).toBeDefined();
  expect(option?.strength).toBe(strength);
  expect(option?.sources.map((s) => s.id)).toContain(source);
  expect(option?.rule.statement.length).toBeGreaterThan(20);
  expect(option?.firedBy.length).toBeGreaterThan(0);
  if (option === undefined) throw new Error(`option ${id} missing`);
  return option;
}

function expectNoOption(report: RecommendationReport, id: string): void {
  expect(find(report, id), `unexpected option ${id}`).toBeUndefined();
}

const set = (p: Json, key: string, value: unknown): void => {
  p[key] = value;
};
const patch = (p: Json, key: string, value: Json): void => {
  p[key] = { ...(p[key] as Json), ...value };
};

describe('vignettes: bone-targeted agents (ASCO-CCO 2017, ESMO 2020, labels)', () => {
  it('1. painless single rib metastasis, no agent yet: start denosumab or zoledronic acid 4 mg (CrCl 73.5 > 60), pamidronate as an alternative; no local treatment', () => {
    // ASCO-CCO 2017: "breast cancer with evidence of bone metastases should be treated with BMAs: denosumab
    // 120 mg SC q4w; pamidronate 90 mg IV q3-4w; zoledronic acid 4 mg IV q12w or q3-4w"; label: CrCl > 60 → 4 mg.
    const report = assessPatient(basePatient());
    expect(report.alerts).toEqual([]);
    expectOption(report, 'bta.start.denosumab', 'recommended', 'asco-2017-bma');
    const za = expectOption(report, 'bta.start.zoledronic-acid', 'recommended', 'zometa-label');
    expect(za.title).toContain('4 mg');
    expectOption(report, 'bta.start.pamidronate', 'consider', 'aredia-label');
    expect(report.lesions[0]?.options.map((o) => o.id)).toEqual(['no-local-treatment']);
    expect(report.synthetic).toBe(true);
    expect(report.disclaimer).toMatch(/not a medical device/);
  });

  it('2. creatinine clearance 55 mL/min: zoledronic acid 3.5 mg (label band 50-60)', () => {
    // (140 − 70) × 60 / (72 × 0.9) × 0.85 = 55.1 mL/min → 3.5 mg per the Zometa renal dose table.
    const report = assessWith((p) => {
      patch(p, 'patient', { ageYears: 70, weightKg: 60 });
    });
    expect(expectOption(report, 'bta.start.zoledronic-acid', 'recommended', 'zometa-label').title).toContain('3.5 mg');
  });

  it('3. creatinine clearance below 30: zoledronic acid not recommended; denosumab with the hypocalcaemia warning', () => {
    // (140 − 80) × 50 / (72 × 2.0) × 0.85 = 17.7 mL/min. Zometa label: < 30 not recommended. Xgeva label:
    // no renal dose adjustment, higher risk of hypocalcaemia with CrCl < 30 mL/min.
    const report = assessWith((p) => {
      patch(p, 'patient', { ageYears: 80, weightKg: 50 });
      patch(p, 'labs', { serumCreatinine: { value: 2.0, unit: 'mg/dL' } });
    });
    expectOption(report, 'bta.start.zoledronic-acid', 'not_recommended', 'zometa-label');
    // Pamidronate is a bisphosphonate with the same renal rule: not put forward either.
    expectOption(report, 'bta.start.pamidronate', 'not_recommended', 'aredia-label');
    const den = expectOption(report, 'bta.start.denosumab', 'recommended', 'xgeva-label');
    expect(den.cautions.join(' ')).toMatch(/hypocalc/i);
  });

  it('4. dental status not assessed: dental examination and preventive dentistry before starting', () => {
    // ASCO 2011 (carried forward in 2017): dental examination and preventive dentistry before a BMA.
    const report = assessWith((p) => {
      set(p, 'dental', { status: 'not_assessed' });
    });
    expectOption(report, 'bta.dental.not_assessed', 'recommended', 'asco-2011-bma');
    expect(find(report, 'bta.start.denosumab')?.cautions.join(' ')).toMatch(/dental/);
  });

  it('5. existing osteonecrosis of the jaw: do not start an agent before specialist review', () => {
    const report = assessWith((p) => {
      set(p, 'dental', { status: 'osteonecrosis_of_jaw' });
    });
    expectOption(report, 'bta.start.deferred-onj', 'not_recommended', 'xgeva-label');
    expectNoOption(report, 'bta.start.denosumab');
    expectNoOption(report, 'bta.start.zoledronic-acid');
  });

  it('6. on zoledronic acid, creatinine 0.9 → 1.5 mg/dL: withhold (increase ≥ 0.5 from a normal baseline), no interval change while held; stable creatinine: 12-weekly dosing considered', () => {
    // Zometa label: withhold for renal deterioration, an increase of 0.5 mg/dL from a normal baseline.
    // CALGB 70604 / OPTIMIZE-2 / ZOOM: every 12 weeks non-inferior to every 4 weeks.
    const onZoledronicAcid = (creatinineMgDl: number): RecommendationReport =>
      assessWith((p) => {
        set(p, 'boneTargetedAgent', {
          current: 'zoledronic_acid',
          monthsOnAgent: 12,
          baselineCreatinine: { value: 0.9, unit: 'mg/dL' },
        });
        patch(p, 'labs', { serumCreatinine: { value: creatinineMgDl, unit: 'mg/dL' } });
      });
    const risen = onZoledronicAcid(1.5);
    expectOption(risen, 'bta.renal-check.withhold', 'urgent', 'zometa-label');
    expectNoOption(risen, 'bta.zoledronic-acid.12-weekly');
    expectNoOption(risen, 'bta.start.denosumab');
    const stable = onZoledronicAcid(1.0);
    expectOption(stable, 'bta.renal-check.give', 'information', 'zometa-label');
    expectOption(stable, 'bta.zoledronic-acid.12-weekly', 'consider', 'himelstein-2017');
  });

  it('7. on denosumab with creatinine clearance below 30: urgent hypocalcaemia check', () => {
    const report = assessWith((p) => {
      set(p, 'boneTargetedAgent', { current: 'denosumab', monthsOnAgent: 6 });
      patch(p, 'patient', { ageYears: 80, weightKg: 50 });
      patch(p, 'labs', { serumCreatinine: { value: 2.0, unit: 'mg/dL' } });
    });
    expectOption(report, 'bta.denosumab.hypocalcaemia-risk', 'urgent', 'xgeva-label');
  });
});

describe('vignettes: palliative radiotherapy (ASTRO 2017, ESMO 2020)', () => {
  it('8. painful uncomplicated rib metastasis: radiotherapy, the four equivalent schedules', () => {
    // ASTRO 2017 KQ1: 8 Gy × 1, 20 Gy/5, 24 Gy/6 and 30 Gy/10 give equivalent pain relief.
    const report = assessWith((p) => {
      set(p, 'lesions', [rib({ pain: { worstPain: 6, mechanical: false } })]);
    });
    const rt = expectOption(report, 'radiotherapy.uncomplicated-painful', 'recommended', 'astro-2017');
    expect(rt.title).toMatch(/8 Gy × 1, 20 Gy\/5, 24 Gy\/6 or 30 Gy\/10/);
    expect(rt.sources.map((s) => s.id)).toContain('esmo-2020-bone');
  });

  it('9. same lesion, ECOG 3: a single 8 Gy fraction (limited life expectancy)', () => {
    // ASTRO 2017: single fraction is convenient and may be optimal for limited life expectancy.
    const report = assessWith((p) => {
      set(p, 'lesions', [rib({ pain: { worstPain: 6, mechanical: false } })]);
      patch(p, 'performance', { ecog: 3 });
    });
    expect(expectOption(report, 'radiotherapy.uncomplicated-painful', 'recommended', 'astro-2017').title).toMatch(
      /single 8 Gy fraction/,
    );
  });

  it('10. pain persisting 3 months after 8 Gy: consider re-irradiation, ablation and focused ultrasound', () => {
    // ASTRO 2017: re-irradiation for recurrent/persistent pain > 1 month after EBRT. CIRSE 2022 / MOTION /
    // Hurwitz 2014: ablation or MRgFUS for painful lesions after failed radiotherapy.
    const report = assessWith((p) =>
      set(p, 'lesions', [
        rib({
          pain: { worstPain: 6, mechanical: false },
          priorRadiotherapy: [
            {
              totalDoseGy: 8,
              fractions: 1,
              endDate: '2026-08-01',
              technique: 'conventional',
              painAtTreatment: { worstPain: 7, omedMgPerDay: 0 },
            },
          ],
        }),
      ]),
    );
    const re = expectOption(report, 'radiotherapy.reirradiation', 'consider', 'astro-2017');
    expect(re.reasons.join(' ')).toMatch(/pain response since radiotherapy/);
    expectOption(report, 'minimally-invasive.ablation', 'consider', 'cirse-2022-ablation');
    expectOption(report, 'minimally-invasive.mrgfus', 'consider', 'hurwitz-2014');
    expectNoOption(report, 'radiotherapy.uncomplicated-painful');
  });

  it('11. painful two weeks after radiotherapy: too early to judge; no re-irradiation or ablation yet', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [
        rib({
          pain: { worstPain: 6, mechanical: false },
          priorRadiotherapy: [{ totalDoseGy: 20, fractions: 5, endDate: '2026-10-18', technique: 'conventional' }],
        }),
      ]),
    );
    expectOption(report, 'radiotherapy.too-early-to-judge', 'information', 'astro-2017');
    expectNoOption(report, 'radiotherapy.reirradiation');
    expectNoOption(report, 'minimally-invasive.ablation');
  });

  it('12. painful irradiated site at its dose limit: no re-irradiation; ablation considered', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [
        rib({
          pain: { worstPain: 5, mechanical: false },
          priorRadiotherapy: [
            {
              totalDoseGy: 30,
              fractions: 10,
              endDate: '2026-05-01',
              technique: 'conventional',
              doseLimitReached: true,
            },
          ],
        }),
      ]),
    );
    expectOption(report, 'radiotherapy.reirradiation-dose-limit', 'not_recommended', 'astro-2017');
    expectOption(report, 'minimally-invasive.ablation', 'consider', 'jennings-2021');
  });

  it('13. oligometastatic bone-only disease (3 lesions, ECOG 0): stereotactic radiotherapy considered; not with ECOG 2, 6 lesions or visceral disease', () => {
    // Lievens 2020: oligometastatic = up to 5 metastases; ASTRO 2017: spinal SBRT within trials/registries.
    const oligo = (change: (p: Json) => void): RecommendationReport =>
      assessWith((p) => {
        patch(p, 'disease', { boneLesionCount: 3 });
        patch(p, 'performance', { ecog: 0 });
        change(p);
      });
    expectOption(
      oligo(() => undefined),
      'radiotherapy.oligometastatic-sbrt',
      'consider',
      'lievens-2020',
    );
    expectNoOption(
      oligo((p) => patch(p, 'performance', { ecog: 2 })),
      'radiotherapy.oligometastatic-sbrt',
    );
    expectNoOption(
      oligo((p) => patch(p, 'disease', { boneLesionCount: 6 })),
      'radiotherapy.oligometastatic-sbrt',
    );
    expectNoOption(
      oligo((p) => patch(p, 'disease', { visceralMetastases: 'nodular', visceralTreatable: true })),
      'radiotherapy.oligometastatic-sbrt',
    );
  });
});

describe('vignettes: spinal cord compression (NICE NG234/QS56, Patchell 2005)', () => {
  const t8 = (escc: string | undefined): Json =>
    vertebra('T8', escc === undefined ? {} : { esccGrade: escc }, { pain: { worstPain: 7, mechanical: false } });

  it('14. new motor deficit with a thoracic metastasis, no MRI yet: dexamethasone 16 mg and whole-spine MRI within 24 h', () => {
    // NG234 1.8.1: "Offer 16 mg of oral dexamethasone ... as soon as possible"; QS56: MRI within 24 hours.
    const report = assessWith((p) => {
      set(p, 'lesions', [t8(undefined)]);
      set(p, 'neurology', { signs: 'motor_deficit', frankelGrade: 'D', paraplegiaOver48h: false });
    });
    const dex = expectOption(report, 'mscc.dexamethasone', 'urgent', 'nice-ng234');
    expect(dex.title).toMatch(/16 mg/);
    expectOption(report, 'mscc.mri-24h', 'urgent', 'nice-qs56');
  });

  it('15. MRI-proven compression (ESCC 3) at one level, motor deficit, operable, survival 9 months: surgery then radiotherapy', () => {
    // Patchell 2005: surgery + RT for single-area MSCC, ≥ 1 neurological sign, survival ≥ 3 months, operable.
    const report = assessWith((p) => {
      set(p, 'lesions', [t8('3')]);
      set(p, 'neurology', { signs: 'motor_deficit', frankelGrade: 'C', paraplegiaOver48h: false });
      set(p, 'expectedSurvivalMonths', 9);
    });
    expectOption(report, 'mscc.dexamethasone', 'urgent', 'nice-ng234');
    expectOption(report, 'mscc.decompressive-surgery', 'urgent', 'patchell-2005');
    expectOption(report, 'mscc.radiotherapy-24h', 'urgent', 'nice-qs56');
    expectNoOption(report, 'mscc.mri-24h');
    expect(report.alerts[0]?.id).toBe('mscc.dexamethasone');
  });

  it('16. the same, not medically operable: radiotherapy within 24 hours, no surgery', () => {
    const report = assessWith((p) => {
      set(p, 'lesions', [t8('3')]);
      set(p, 'neurology', { signs: 'motor_deficit', frankelGrade: 'C', paraplegiaOver48h: false });
      patch(p, 'contraindications', { medicallyOperable: false });
    });
    expectNoOption(report, 'mscc.decompressive-surgery');
    expect(expectOption(report, 'mscc.radiotherapy-24h', 'urgent', 'nice-qs56').reasons.join(' ')).toMatch(
      /not medically operable/,
    );
  });

  it('17. the same with expected survival of 2 months: Patchell criteria fail (< 3 months), radiotherapy', () => {
    const report = assessWith((p) => {
      set(p, 'lesions', [t8('2')]);
      set(p, 'neurology', { signs: 'sphincter_dysfunction', frankelGrade: 'C', paraplegiaOver48h: false });
      set(p, 'expectedSurvivalMonths', 2);
    });
    expectNoOption(report, 'mscc.decompressive-surgery');
    expect(expectOption(report, 'mscc.radiotherapy-24h', 'urgent', 'patchell-2005').reasons.join(' ')).toMatch(/< 3/);
  });

  it('18. high-grade ESCC 2 without neurological deficit: urgent spinal oncology review, no routine dexamethasone', () => {
    // NG234: dexamethasone not routinely without neurological symptoms or signs.
    const report = assessWith((p) => {
      set(p, 'lesions', [t8('2')]);
    });
    expectOption(report, 'mscc.high-grade-escc-referral', 'urgent', 'laufer-2013');
    expectNoOption(report, 'mscc.dexamethasone');
  });

  it('19. radicular pain is a neurological symptom of MSCC: dexamethasone and MRI within 24 h; painful spinal lesion without neurological symptoms: MRI within 1 week', () => {
    // NICE CG75/NG234: "neurological symptoms including radicular pain ... view them as an oncological emergency";
    // QS56 statement 2: spinal pain suggestive of metastases without neurological symptoms → MRI within 1 week.
    const radicular = assessWith((p) => {
      set(p, 'lesions', [t8(undefined)]);
      set(p, 'neurology', { signs: 'radicular_pain', frankelGrade: 'E' });
    });
    expectOption(radicular, 'mscc.dexamethasone', 'urgent', 'nice-ng234');
    expectOption(radicular, 'mscc.mri-24h', 'urgent', 'nice-qs56');
    expectNoOption(radicular, 'mscc.mri-1-week');
    const painOnly = assessWith((p) => set(p, 'lesions', [t8(undefined)]));
    expectOption(painOnly, 'mscc.mri-1-week', 'recommended', 'nice-qs56');
    expectNoOption(painOnly, 'mscc.dexamethasone');
  });

  it('19b. new motor deficit with no spinal metastasis on record: the MSCC alerts still fire', () => {
    // QS56 statement 3: suspected MSCC with neurological symptoms or signs → whole-spine MRI within 24 hours.
    const report = assessWith((p) =>
      set(p, 'neurology', { signs: 'motor_deficit', frankelGrade: 'D', paraplegiaOver48h: false }),
    );
    expect(expectOption(report, 'mscc.dexamethasone', 'urgent', 'nice-ng234').reasons.join(' ')).toMatch(
      /no spinal metastasis recorded/,
    );
    expectOption(report, 'mscc.mri-24h', 'urgent', 'nice-qs56');
  });

  it('19c. compression at L3 (cauda equina): outside Patchell 2005, radiotherapy within 24 h', () => {
    const report = assessWith((p) => {
      set(p, 'lesions', [vertebra('L3', { esccGrade: '3' }, { pain: { worstPain: 7, mechanical: false } })]);
      set(p, 'neurology', { signs: 'motor_deficit', frankelGrade: 'D', paraplegiaOver48h: false });
    });
    expectNoOption(report, 'mscc.decompressive-surgery');
    expect(expectOption(report, 'mscc.radiotherapy-24h', 'urgent', 'nice-qs56').reasons.join(' ')).toMatch(
      /cauda equina/,
    );
  });
});

describe('vignettes: fracture risk and spinal instability (Mirels 1989, SINS)', () => {
  it('20. lytic peritrochanteric femur, functional pain, > 2/3 of the diameter (Mirels 3+3+3+3 = 12): prophylactic fixation alert', () => {
    const report = assessWith((p) => {
      set(p, 'lesions', [femur('trochanteric', { mirelsPain: 'functional', sizeFraction: 'gt_two_thirds' })]);
    });
    expectOption(report, 'fracture.prophylactic-fixation', 'urgent', 'mirels-1989');
    expect(report.lesions[0]?.scores.find((s) => s.calculator === 'mirels')).toMatchObject({ total: 12 });
    // The lesion is complicated: radiotherapy follows the surgical decision (ESMO 2020 post-operative RT).
    // Moderate pain (5/10): radiotherapy recommended (ESMO 2020 [I,A]), planned with the surgical decision.
    expectOption(report, 'radiotherapy.complicated', 'recommended', 'esmo-2020-bone');
    expectNoOption(report, 'radiotherapy.uncomplicated-painful');
  });

  it('21. femoral shaft, moderate pain, mixed, 1/3-2/3 (Mirels 2+2+2+2 = 8): borderline, orthopaedic opinion', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [
        femur('shaft', { mirelsPain: 'moderate', sizeFraction: 'one_third_to_two_thirds' }, { type: 'mixed' }),
      ]),
    );
    expectOption(report, 'fracture.orthopaedic-opinion', 'consider', 'mirels-1989');
    expectNoOption(report, 'fracture.prophylactic-fixation');
  });

  it('22. humeral shaft, functional pain, mixed, < 1/3 (Mirels 1+3+2+1 = 7): no fracture alert; painful → radiotherapy', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [
        {
          id: 'H',
          location: { bone: 'humerus', laterality: 'right', part: 'shaft' },
          type: 'mixed',
          pain: { worstPain: 5, mechanical: true },
          limb: { mirelsPain: 'functional', sizeFraction: 'lt_one_third', pathologicalFracture: false },
        },
      ]),
    );
    expectNoOption(report, 'fracture.prophylactic-fixation');
    expectNoOption(report, 'fracture.orthopaedic-opinion');
    expectOption(report, 'radiotherapy.uncomplicated-painful', 'recommended', 'astro-2017');
  });

  it('23. established pathological femoral fracture: urgent orthopaedic fixation then post-operative radiotherapy', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [
        femur('shaft', { mirelsPain: 'functional', sizeFraction: 'gt_two_thirds', pathologicalFracture: true }),
      ]),
    );
    expectOption(report, 'fracture.pathological-fracture', 'urgent', 'esmo-2020-bone');
  });

  it('24. L1 lytic with mechanical pain (SINS 3+3+2 = 8): spine surgical consultation; T5 equivalent (SINS 1+3+2 = 6) none', () => {
    const l1 = assessWith((p) => {
      set(p, 'lesions', [vertebra('L1', { esccGrade: '0' }, { pain: { worstPain: 5, mechanical: true } })]);
    });
    expectOption(l1, 'spine.surgical-consultation', 'urgent', 'fisher-2010');
    const t5 = assessWith((p) => {
      set(p, 'lesions', [vertebra('T5', { esccGrade: '0' }, { pain: { worstPain: 5, mechanical: true } })]);
    });
    expectNoOption(t5, 'spine.surgical-consultation');
    expectOption(t5, 'radiotherapy.uncomplicated-painful', 'recommended', 'astro-2017');
  });
});

describe('vignettes: minimally invasive options (CIRSE 2017/2022, CAFE, Fisher 2019)', () => {
  const vcf = (spine: Json, overrides: Json = {}): Json =>
    vertebra(
      'T9',
      { esccGrade: '0', compressionFracture: true, collapse: 'lt_50_percent', posteriorWallInvolved: false, ...spine },
      { type: 'mixed', pain: { worstPain: 7, mechanical: true }, ...overrides },
    );

  it('25. painful T9 compression fracture, no gross instability or cord compression: vertebral augmentation; PDT only within a trial', () => {
    // CIRSE 2017: augmentation for painful VCF; CAFE: kyphoplasty improved function. Fisher 2019: phase I PDT.
    const report = assessWith((p) => {
      set(p, 'lesions', [vcf({})]);
    });
    expectOption(report, 'minimally-invasive.vertebral-augmentation', 'consider', 'cirse-2017-augmentation');
    expect(
      expectOption(report, 'minimally-invasive.photodynamic-therapy', 'information', 'fisher-2019-pdt').title,
    ).toMatch(/trial/);
  });

  it('26. the same fracture with cord compression (ESCC 2): augmentation not advised', () => {
    const report = assessWith((p) => {
      set(p, 'lesions', [vcf({ esccGrade: '2' })]);
    });
    expect(
      expectOption(
        report,
        'minimally-invasive.vertebral-augmentation',
        'not_recommended',
        'cirse-2017-augmentation',
      ).reasons.join(' '),
    ).toMatch(/cord compression/);
    expectNoOption(report, 'minimally-invasive.photodynamic-therapy');
  });

  it('27. the same fracture with active infection: augmentation contraindicated', () => {
    const report = assessWith((p) => {
      set(p, 'lesions', [vcf({})]);
      patch(p, 'contraindications', { activeInfection: true });
    });
    expect(
      expectOption(
        report,
        'minimally-invasive.vertebral-augmentation',
        'not_recommended',
        'cirse-2017-augmentation',
      ).reasons.join(' '),
    ).toMatch(/infection/);
  });

  it('28. painful lytic periacetabular lesion: radiotherapy and percutaneous cementoplasty', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [
        {
          id: 'AC',
          location: { bone: 'acetabulum', laterality: 'right' },
          type: 'lytic',
          pain: { worstPain: 6, mechanical: true },
        },
      ]),
    );
    expectOption(report, 'radiotherapy.uncomplicated-painful', 'recommended', 'astro-2017');
    expect(expectOption(report, 'minimally-invasive.cementoplasty', 'consider', 'cirse-2022-ablation').title).toMatch(
      /periacetabular/,
    );
  });
});

describe('vignettes: hypercalcaemia (CTCAE v5.0, Zometa label)', () => {
  it('29. calcium 12.6 mg/dL with albumin 3.0 g/dL (corrected 13.4, grade 3): urgent treatment', () => {
    // cCa = 12.6 + 0.8 × (4.0 − 3.0) = 13.4 mg/dL: CTCAE grade 3 (> 12.5-13.5); label HCM ≥ 12 mg/dL.
    const report = assessWith((p) => {
      patch(p, 'labs', { totalCalcium: { value: 12.6, unit: 'mg/dL' }, albumin: { value: 3.0, unit: 'g/dL' } });
    });
    const alert = expectOption(report, 'hypercalcaemia.treat', 'urgent', 'ctcae-v5');
    expect(alert.title).toMatch(/grade 3/);
    expect(alert.reasons.join(' ')).toMatch(/13\.40 mg\/dL/);
    expect(alert.sources.map((s) => s.id)).toContain('zometa-label');
  });

  it('30. corrected calcium 10.6 mg/dL (grade 1): no hypercalcaemia alert', () => {
    const report = assessWith((p) => {
      patch(p, 'labs', { totalCalcium: { value: 10.6, unit: 'mg/dL' } });
    });
    expectNoOption(report, 'hypercalcaemia.treat');
  });
});

describe('vignettes: missing data is reported, never assumed', () => {
  it('31. no weight: creatinine clearance not computed; zoledronic acid dose left to be set, and said so', () => {
    const report = assessWith((p) => {
      set(p, 'patient', { id: 'VIG', synthetic: true, ageYears: 60, sex: 'female' });
    });
    expect(report.notAssessed.map((n) => n.item)).toContain('creatinine clearance (Cockcroft-Gault)');
    expect(find(report, 'bta.start.zoledronic-acid')?.cautions.join(' ')).toMatch(/could not be computed/);
  });
});

describe('vignettes: checks added after clinical review', () => {
  it('32. corrected calcium 11.8 mg/dL without the laboratory ULN: grade 2 by the fixed CTCAE cut-off, urgent; no calcium supplements advised', () => {
    // CTCAE v5.0: grade 2 > 11.5-12.5 mg/dL does not depend on the ULN. cCa = 11.8 + 0.8 × (4.0 − 4.0) = 11.8.
    const report = assessWith((p) =>
      set(p, 'labs', {
        serumCreatinine: { value: 0.9, unit: 'mg/dL' },
        totalCalcium: { value: 11.8, unit: 'mg/dL' },
        albumin: { value: 4.0, unit: 'g/dL' },
      }),
    );
    expect(expectOption(report, 'hypercalcaemia.treat', 'urgent', 'ctcae-v5').title).toMatch(/grade 2/);
    const za = find(report, 'bta.start.zoledronic-acid');
    expect(za?.cautions.join(' ')).toMatch(/no calcium or vitamin D supplements while hypercalcaemic/);
  });

  it('33. corrected calcium 7.5 mg/dL (hypocalcaemia grade 2): denosumab only after correction (Xgeva label)', () => {
    const report = assessWith((p) => patch(p, 'labs', { totalCalcium: { value: 7.5, unit: 'mg/dL' } }));
    expect(expectOption(report, 'bta.start.denosumab', 'consider', 'xgeva-label').title).toMatch(
      /once the hypocalcaemia is corrected/,
    );
  });

  it('34. Mirels 12 in a patient who is not medically operable: fixation is information only, radiotherapy recommended', () => {
    const report = assessWith((p) => {
      set(p, 'lesions', [femur('trochanteric', { mirelsPain: 'functional', sizeFraction: 'gt_two_thirds' })]);
      patch(p, 'contraindications', { medicallyOperable: false });
    });
    expectOption(report, 'fracture.prophylactic-fixation', 'information', 'mirels-1989');
    expect(expectOption(report, 'radiotherapy.complicated', 'recommended', 'esmo-2020-bone').title).toMatch(
      /surgery excluded/,
    );
    expect(report.alerts.map((a) => a.id)).not.toContain('fracture.prophylactic-fixation');
  });

  it('35. painful femoral lesion with no long-bone findings recorded: radiotherapy once fracture risk is assessed, not the uncomplicated schedules', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [
        {
          id: 'F',
          location: { bone: 'femur', laterality: 'left', part: 'trochanteric' },
          type: 'lytic',
          pain: { worstPain: 7, mechanical: true },
        },
      ]),
    );
    expect(
      expectOption(report, 'radiotherapy.painful-not-staged', 'recommended', 'astro-2017').reasons.join(' '),
    ).toMatch(/limb not recorded/);
    expectNoOption(report, 'radiotherapy.uncomplicated-painful');
    expect(report.notAssessed.map((n) => n.item).join(' ')).toMatch(/Mirels/);
  });

  it('36. twelve days after radiotherapy at the dose limit: neither ablation nor re-irradiation yet', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [
        rib({
          pain: { worstPain: 7, mechanical: false },
          priorRadiotherapy: [
            {
              totalDoseGy: 30,
              fractions: 10,
              endDate: '2026-10-20',
              technique: 'conventional',
              doseLimitReached: true,
            },
          ],
        }),
      ]),
    );
    expectOption(report, 'radiotherapy.too-early-to-judge', 'information', 'astro-2017');
    expectNoOption(report, 'minimally-invasive.ablation');
    expectNoOption(report, 'minimally-invasive.mrgfus');
  });

  it('37. pain down from 8 to 2 after radiotherapy with no more opioid (partial response): no re-irradiation', () => {
    // Chow 2012: partial response = pain reduction ≥ 2 without analgesic increase.
    const report = assessWith((p) =>
      set(p, 'lesions', [
        rib({
          pain: { worstPain: 2, mechanical: false },
          priorRadiotherapy: [
            {
              totalDoseGy: 8,
              fractions: 1,
              endDate: '2026-08-01',
              technique: 'conventional',
              painAtTreatment: { worstPain: 8, omedMgPerDay: 0 },
            },
          ],
        }),
      ]),
    );
    expectOption(report, 'radiotherapy.responding', 'information', 'chow-2012');
    expectNoOption(report, 'radiotherapy.reirradiation');
  });

  it('38. Frankel C recorded with no neurological signs: refused as inconsistent input', () => {
    expect(() => assessWith((p) => set(p, 'neurology', { signs: 'none', frankelGrade: 'C' }))).toThrow(
      /invalid patient state/,
    );
  });

  it('39. femur fixed last month and not irradiated since: post-operative radiotherapy; no fixation referral', () => {
    // ESMO 2020 [III,B]: post-operative radiotherapy after orthopaedic fixation.
    const report = assessWith((p) =>
      set(p, 'lesions', [
        femur(
          'trochanteric',
          { mirelsPain: 'functional', sizeFraction: 'gt_two_thirds' },
          { priorSurgery: { procedure: 'fixation', date: '2026-10-05' } },
        ),
      ]),
    );
    expectOption(report, 'radiotherapy.post-operative', 'recommended', 'esmo-2020-bone');
    expectNoOption(report, 'fracture.prophylactic-fixation');
  });

  it('40. painful rib where radiotherapy is declined: ablation and focused ultrasound become options', () => {
    const report = assessWith((p) =>
      set(p, 'lesions', [rib({ pain: { worstPain: 6, mechanical: false }, radiotherapyUnsuitable: true })]),
    );
    expectOption(report, 'radiotherapy.unsuitable', 'information', 'astro-2017');
    expectOption(report, 'minimally-invasive.ablation', 'consider', 'cirse-2022-ablation');
    expectOption(report, 'minimally-invasive.mrgfus', 'consider', 'hurwitz-2014');
    expectNoOption(report, 'radiotherapy.uncomplicated-painful');
  });

  it('41. cement allergy: vertebral augmentation refused (CIRSE 2017 absolute contraindication)', () => {
    const report = assessWith((p) => {
      set(p, 'lesions', [
        vertebra(
          'T9',
          { esccGrade: '0', compressionFracture: true, collapse: 'lt_50_percent', posteriorWallInvolved: false },
          { type: 'mixed', pain: { worstPain: 7, mechanical: true } },
        ),
      ]);
      patch(p, 'contraindications', { cementAllergy: true });
    });
    expect(
      expectOption(
        report,
        'minimally-invasive.vertebral-augmentation',
        'not_recommended',
        'cirse-2017-augmentation',
      ).reasons.join(' '),
    ).toMatch(/cement/);
  });

  it('42. zoledronic acid already every 12 weeks: no interval change suggested', () => {
    const report = assessWith((p) =>
      set(p, 'boneTargetedAgent', {
        current: 'zoledronic_acid',
        intervalWeeks: 12,
        baselineCreatinine: { value: 0.9, unit: 'mg/dL' },
      }),
    );
    expectNoOption(report, 'bta.zoledronic-acid.12-weekly');
  });

  it('43. oligometastatic patient with a painful lesion: the lesion radiotherapy option mentions the stereotactic option', () => {
    const report = assessWith((p) => {
      patch(p, 'disease', { boneLesionCount: 2 });
      patch(p, 'performance', { ecog: 0 });
      set(p, 'lesions', [rib({ pain: { worstPain: 6, mechanical: false } })]);
    });
    expect(
      expectOption(report, 'radiotherapy.uncomplicated-painful', 'recommended', 'astro-2017').cautions.join(' '),
    ).toMatch(/oligometastatic/);
  });
});
