import { defineCitations } from '@bonemet/core';

/**
 * Every published source a clinical rule in this package cites. Rules reference entries of this table,
 * so the reference text is written once and appears identically in every output.
 */
export const sources = defineCitations({
  'mirels-1989': {
    id: 'mirels-1989',
    short: 'Mirels 1989',
    reference:
      'Mirels H. Metastatic disease in long bones: a proposed scoring system for diagnosing impending pathologic fractures. Clin Orthop Relat Res 1989;(249):256-264.',
    url: 'https://pubmed.ncbi.nlm.nih.gov/2684463/',
  },
  'jawad-2010': {
    id: 'jawad-2010',
    short: 'Jawad & Scully 2010',
    reference:
      'Jawad MU, Scully SP. In brief: classifications in brief: Mirels classification. Clin Orthop Relat Res 2010;468(10):2825-2827.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC3049613/',
  },
  'fisher-2010': {
    id: 'fisher-2010',
    short: 'Fisher 2010 (SINS)',
    reference:
      'Fisher CG, DiPaola CP, Ryken TC, et al. A novel classification system for spinal instability in neoplastic disease: an evidence-based approach and expert consensus from the Spine Oncology Study Group. Spine 2010;35(22):E1221-E1229.',
    url: 'https://doi.org/10.1097/BRS.0b013e3181e16ae2',
  },
  'fourney-2011': {
    id: 'fourney-2011',
    short: 'Fourney 2011',
    reference:
      'Fourney DR, Frangou EM, Ryken TC, et al. Spinal instability neoplastic score: an analysis of reliability and validity from the Spine Oncology Study Group. J Clin Oncol 2011;29(22):3072-3077.',
    url: 'https://doi.org/10.1200/JCO.2010.34.3897',
  },
  'bilsky-2010': {
    id: 'bilsky-2010',
    short: 'Bilsky 2010 (ESCC)',
    reference:
      'Bilsky MH, Laufer I, Fourney DR, et al. Reliability analysis of the epidural spinal cord compression scale. J Neurosurg Spine 2010;13(3):324-328.',
    url: 'https://doi.org/10.3171/2010.3.SPINE09459',
  },
  'laufer-2013': {
    id: 'laufer-2013',
    short: 'Laufer 2013 (NOMS)',
    reference:
      'Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the treatment of spinal metastatic tumors. Oncologist 2013;18(6):744-751.',
    url: 'https://doi.org/10.1634/theoncologist.2012-0293',
  },
  'tokuhashi-2005': {
    id: 'tokuhashi-2005',
    short: 'Tokuhashi 2005',
    reference:
      'Tokuhashi Y, Matsuzaki H, Oda H, et al. A revised scoring system for preoperative evaluation of metastatic spine tumor prognosis. Spine 2005;30(19):2186-2191.',
    url: 'https://pubmed.ncbi.nlm.nih.gov/16205345/',
  },
  'tomita-2001': {
    id: 'tomita-2001',
    short: 'Tomita 2001',
    reference:
      'Tomita K, Kawahara N, Kobayashi T, et al. Surgical strategy for spinal metastases. Spine 2001;26(3):298-306.',
    url: 'https://doi.org/10.1097/00007632-200102010-00016',
  },
  'katagiri-2014': {
    id: 'katagiri-2014',
    short: 'Katagiri 2014',
    reference:
      'Katagiri H, Okada R, Takagi T, et al. New prognostic factors and scoring system for patients with skeletal metastasis. Cancer Med 2014;3(5):1359-1367.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC4302686/',
  },
  'cockcroft-gault-1976': {
    id: 'cockcroft-gault-1976',
    short: 'Cockcroft & Gault 1976',
    reference:
      'Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. Nephron 1976;16(1):31-41.',
    url: 'https://doi.org/10.1159/000180580',
  },
  'zometa-label': {
    id: 'zometa-label',
    short: 'Zometa prescribing information',
    reference:
      'Zometa (zoledronic acid) injection, US prescribing information (Novartis) and EU summary of product characteristics: dosage in renal impairment, renal monitoring, administration.',
    url: 'https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=zometa',
  },
  'aredia-label': {
    id: 'aredia-label',
    short: 'Aredia prescribing information',
    reference:
      'Aredia (pamidronate disodium) for injection, US prescribing information: osteolytic bone metastases of breast cancer, renal monitoring.',
    url: 'https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=pamidronate',
  },
  'xgeva-label': {
    id: 'xgeva-label',
    short: 'Xgeva prescribing information',
    reference:
      'Xgeva (denosumab) injection, US prescribing information (Amgen) and EU summary of product characteristics: dosing, hypocalcaemia, osteonecrosis of the jaw.',
    url: 'https://dailymed.nlm.nih.gov/dailymed/search.cfm?query=xgeva',
  },
  'himelstein-2017': {
    id: 'himelstein-2017',
    short: 'Himelstein 2017 (CALGB 70604)',
    reference:
      'Himelstein AL, Foster JC, Khatcheressian JL, et al. Effect of longer-interval vs standard dosing of zoledronic acid on skeletal events in patients with bone metastases: a randomized clinical trial. JAMA 2017;317(1):48-58.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5321662/',
  },
  'hortobagyi-2017': {
    id: 'hortobagyi-2017',
    short: 'Hortobagyi 2017 (OPTIMIZE-2)',
    reference:
      'Hortobagyi GN, Van Poznak C, Harker WG, et al. Continued treatment effect of zoledronic acid dosing every 12 vs 4 weeks in women with breast cancer metastatic to bone: the OPTIMIZE-2 randomized clinical trial. JAMA Oncol 2017;3(7):906-912.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5824238/',
  },
  'amadori-2013': {
    id: 'amadori-2013',
    short: 'Amadori 2013 (ZOOM)',
    reference:
      'Amadori D, Aglietta M, Alessi B, et al. Efficacy and safety of 12-weekly versus 4-weekly zoledronic acid for prolonged treatment of patients with bone metastases from breast cancer (ZOOM): a phase 3, open-label, randomised, non-inferiority trial. Lancet Oncol 2013;14(7):663-670.',
    url: 'https://doi.org/10.1016/S1470-2045(13)70174-8',
  },
  'asco-2017-bma': {
    id: 'asco-2017-bma',
    short: 'ASCO-CCO 2017',
    reference:
      'Van Poznak C, Somerfield MR, Barlow WE, et al. Role of bone-modifying agents in metastatic breast cancer: an American Society of Clinical Oncology-Cancer Care Ontario focused guideline update. J Clin Oncol 2017;35(35):3978-3986.',
    url: 'https://pubmed.ncbi.nlm.nih.gov/29035643/',
  },
  'asco-2011-bma': {
    id: 'asco-2011-bma',
    short: 'ASCO 2011',
    reference:
      'Van Poznak CH, Temin S, Yee GC, et al. American Society of Clinical Oncology executive summary of the clinical practice guideline update on the role of bone-modifying agents in metastatic breast cancer. J Clin Oncol 2011;29(9):1221-1227.',
    url: 'https://doi.org/10.1200/JCO.2010.32.5209',
  },
  'esmo-2020-bone': {
    id: 'esmo-2020-bone',
    short: 'ESMO 2020',
    reference:
      'Coleman R, Hadji P, Body JJ, et al. Bone health in cancer: ESMO Clinical Practice Guidelines. Ann Oncol 2020;31(12):1650-1663.',
    url: 'https://doi.org/10.1016/j.annonc.2020.07.019',
  },
  'payne-1973': {
    id: 'payne-1973',
    short: 'Payne 1973',
    reference:
      'Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in patients with abnormal serum proteins. Br Med J 1973;4(5893):643-646.',
    url: 'https://pubmed.ncbi.nlm.nih.gov/4758544/',
  },
  'ctcae-v5': {
    id: 'ctcae-v5',
    short: 'CTCAE v5.0',
    reference:
      'National Cancer Institute. Common Terminology Criteria for Adverse Events (CTCAE) version 5.0, 27 November 2017.',
    url: 'https://ctep.cancer.gov/protocoldevelopment/electronic_applications/ctc.htm',
  },
  'cdc-2022-opioids': {
    id: 'cdc-2022-opioids',
    short: 'CDC 2022',
    reference:
      'Dowell D, Ragan KR, Jones CM, Baldwin GT, Chou R. CDC clinical practice guideline for prescribing opioids for pain - United States, 2022. MMWR Recomm Rep 2022;71(3):1-95.',
    url: 'https://doi.org/10.15585/mmwr.rr7103a1',
  },
  'chow-2012': {
    id: 'chow-2012',
    short: 'Chow 2012 (International Consensus)',
    reference:
      'Chow E, Hoskin P, Mitera G, et al. Update of the international consensus on palliative radiotherapy endpoints for future clinical trials in bone metastases. Int J Radiat Oncol Biol Phys 2012;82(5):1730-1737.',
    url: 'https://doi.org/10.1016/j.ijrobp.2011.02.008',
  },
  'astro-2017': {
    id: 'astro-2017',
    short: 'ASTRO 2017',
    reference:
      'Lutz S, Balboni T, Jones J, et al. Palliative radiation therapy for bone metastases: update of an ASTRO evidence-based guideline. Pract Radiat Oncol 2017;7(1):4-12.',
    url: 'https://doi.org/10.1016/j.prro.2016.08.001',
  },
  'nice-ng234': {
    id: 'nice-ng234',
    short: 'NICE NG234',
    reference:
      'National Institute for Health and Care Excellence. Spinal metastases and metastatic spinal cord compression (NG234), September 2023.',
    url: 'https://www.nice.org.uk/guidance/ng234',
  },
  'nice-qs56': {
    id: 'nice-qs56',
    short: 'NICE QS56',
    reference:
      'National Institute for Health and Care Excellence. Metastatic spinal cord compression in adults (QS56), updated September 2023.',
    url: 'https://www.nice.org.uk/guidance/qs56',
  },
  'patchell-2005': {
    id: 'patchell-2005',
    short: 'Patchell 2005',
    reference:
      'Patchell RA, Tibbs PA, Regine WF, et al. Direct decompressive surgical resection in the treatment of spinal cord compression caused by metastatic cancer: a randomised trial. Lancet 2005;366(9486):643-648.',
    url: 'https://doi.org/10.1016/S0140-6736(05)66954-1',
  },
  'cirse-2017-augmentation': {
    id: 'cirse-2017-augmentation',
    short: 'CIRSE 2017 (vertebral augmentation)',
    reference:
      'Tsoumakidou G, Too CW, Koch G, et al. CIRSE guidelines on percutaneous vertebral augmentation. Cardiovasc Intervent Radiol 2017;40(3):331-342.',
    url: 'https://doi.org/10.1007/s00270-017-1574-8',
  },
  'berenson-2011': {
    id: 'berenson-2011',
    short: 'Berenson 2011 (CAFE)',
    reference:
      'Berenson J, Pflugmacher R, Jarzem P, et al. Balloon kyphoplasty versus non-surgical fracture management for treatment of painful vertebral body compression fractures in patients with cancer: a multicentre, randomised controlled trial. Lancet Oncol 2011;12(3):225-235.',
    url: 'https://doi.org/10.1016/S1470-2045(11)70008-0',
  },
  'cirse-2022-ablation': {
    id: 'cirse-2022-ablation',
    short: 'CIRSE 2022 (bone ablation)',
    reference:
      'Ryan A, Byrne C, Pusceddu C, Buy X, Tsoumakidou G, Filippiadis D. CIRSE standards of practice on thermal ablation of bone tumours. Cardiovasc Intervent Radiol 2022;45(5):591-605.',
    url: 'https://doi.org/10.1007/s00270-022-03126-x',
  },
  'dupuy-2010': {
    id: 'dupuy-2010',
    short: 'Dupuy 2010 (ACOSOG Z4033)',
    reference:
      'Dupuy DE, Liu D, Hartfeil D, et al. Percutaneous radiofrequency ablation of painful osseous metastases: a multicenter American College of Radiology Imaging Network trial. Cancer 2010;116(4):989-997.',
    url: 'https://doi.org/10.1002/cncr.24837',
  },
  'jennings-2021': {
    id: 'jennings-2021',
    short: 'Jennings 2021 (MOTION)',
    reference:
      'Jennings JW, Prologo JD, Garnon J, et al. Cryoablation for palliation of painful bone metastases: the MOTION multicenter study. Radiol Imaging Cancer 2021;3(2):e200101.',
    url: 'https://doi.org/10.1148/rycan.2021200101',
  },
  'hurwitz-2014': {
    id: 'hurwitz-2014',
    short: 'Hurwitz 2014',
    reference:
      'Hurwitz MD, Ghanouni P, Kanaev SV, et al. Magnetic resonance-guided focused ultrasound for patients with painful bone metastases: phase III trial results. J Natl Cancer Inst 2014;106(5):dju082.',
    url: 'https://doi.org/10.1093/jnci/dju082',
  },
  'fisher-2019-pdt': {
    id: 'fisher-2019-pdt',
    short: 'Fisher 2019 (vertebral PDT)',
    reference:
      'Fisher C, Ali Z, Detsky J, et al. Photodynamic therapy for the treatment of vertebral metastases: a phase I clinical trial. Clin Cancer Res 2019;25(19):5766-5776.',
    url: 'https://doi.org/10.1158/1078-0432.CCR-19-0673',
  },
  'lievens-2020': {
    id: 'lievens-2020',
    short: 'Lievens 2020 (ESTRO-ASTRO oligometastatic consensus)',
    reference:
      'Lievens Y, Guckenberger M, Gomez D, et al. Defining oligometastatic disease from a radiation oncology perspective: an ESTRO-ASTRO consensus document. Radiother Oncol 2020;148:157-166.',
    url: 'https://doi.org/10.1016/j.radonc.2020.04.003',
  },
  'stopeck-2010': {
    id: 'stopeck-2010',
    short: 'Stopeck 2010',
    reference:
      'Stopeck AT, Lipton A, Body JJ, et al. Denosumab compared with zoledronic acid for the treatment of bone metastases in patients with advanced breast cancer: a randomized, double-blind study. J Clin Oncol 2010;28(35):5132-5139.',
    url: 'https://doi.org/10.1200/JCO.2010.29.7101',
  },
  'tokuhashi-breast-2017': {
    id: 'tokuhashi-breast-2017',
    short: 'Modified Tokuhashi in breast cancer, Spine 2017',
    reference:
      'Evaluation of prognostic factors and proposed changes to the modified Tokuhashi score in patients with spinal metastases from breast cancer. Spine 2017 (describes the 2014 modified score: hormone-receptor-negative and triple-negative breast cancer scored 3 instead of 5).',
    url: 'https://pubmed.ncbi.nlm.nih.gov/28749856/',
  },
  'lian-2018': {
    id: 'lian-2018',
    short: 'Lian & Åsberg 2018',
    reference:
      'Lian IA, Åsberg A. Should total calcium be adjusted for albumin? A retrospective observational study of laboratory data from central Norway. BMJ Open 2018;8(4):e017703.',
    url: 'https://doi.org/10.1136/bmjopen-2017-017703',
  },
  'chmura-2022': {
    id: 'chmura-2022',
    short: 'Chmura 2022 (NRG-BR002)',
    reference:
      'Chmura SJ, Winter KA, Woodward WA, et al. NRG-BR002: a phase IIR/III trial of standard of care systemic therapy with or without stereotactic body radiotherapy (SBRT) and/or surgical resection for newly oligometastatic breast cancer. J Clin Oncol 2022;40(16 suppl):1007 (meeting abstract).',
    url: 'https://doi.org/10.1200/JCO.2022.40.16_suppl.1007',
  },
});

export type SourceId = keyof typeof sources;
