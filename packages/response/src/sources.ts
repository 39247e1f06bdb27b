import { defineCitations } from '@bonemet/core';

/**
 * Every published source a response rule in this package cites. Rules reference entries of this table,
 * so the reference text is written once and appears identically in every output.
 */
export const sources = defineCitations({
  'wahl-2009': {
    id: 'wahl-2009',
    short: 'Wahl 2009 (PERCIST 1.0)',
    reference:
      'Wahl RL, Jacene H, Kasamon Y, Lodge MA. From RECIST to PERCIST: evolving considerations for PET response criteria in solid tumors. J Nucl Med 2009;50 Suppl 1:122S-150S.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC2755245/',
  },
  'o-2016': {
    id: 'o-2016',
    short: 'O 2016 (Practical PERCIST)',
    reference:
      'O JH, Lodge MA, Wahl RL. Practical PERCIST: a simplified guide to PET Response Criteria in Solid Tumors 1.0. Radiology 2016;280(2):576-584.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC4976461/',
  },
  'costelloe-2010': {
    id: 'costelloe-2010',
    short: 'Costelloe 2010, Table 3',
    reference:
      'Costelloe CM, Chuang HH, Madewell JE, Ueno NT. Cancer response criteria and bone metastases: RECIST 1.1, MDA and PERCIST. J Cancer 2010;1:80-92 (Table 3, PERCIST, modified from Wahl 2009).',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC2938069/',
  },
  'young-1999': {
    id: 'young-1999',
    short: 'Young 1999 (EORTC PET)',
    reference:
      'Young H, Baum R, Cremerius U, et al. Measurement of clinical and subclinical tumour response using [18F]-fluorodeoxyglucose and positron emission tomography: review and 1999 EORTC recommendations. Eur J Cancer 1999;35(13):1773-1782.',
    url: 'https://doi.org/10.1016/S0959-8049(99)00229-4',
  },
  'hamaoka-2004': {
    id: 'hamaoka-2004',
    short: 'Hamaoka 2004 (MDA bone criteria)',
    reference:
      'Hamaoka T, Madewell JE, Podoloff DA, Hortobagyi GN, Ueno NT. Bone imaging in metastatic breast cancer. J Clin Oncol 2004;22(14):2942-2953.',
    url: 'https://doi.org/10.1200/JCO.2004.08.181',
  },
  'costelloe-2010-mda': {
    id: 'costelloe-2010-mda',
    short: 'Costelloe 2010, MDA criteria',
    reference:
      'Costelloe CM, Chuang HH, Madewell JE, Ueno NT. Cancer response criteria and bone metastases: RECIST 1.1, MDA and PERCIST. J Cancer 2010;1:80-92 (MDA criteria with quantitative thresholds: >= 50% decrease PR, >= 25% increase PD); categories also in Hayashi, Clin Breast Cancer 2013 (PMC3863546, Table 1).',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC2938069/',
  },
  'eisenhauer-2009': {
    id: 'eisenhauer-2009',
    short: 'Eisenhauer 2009 (RECIST 1.1)',
    reference:
      'Eisenhauer EA, Therasse P, Bogaerts J, et al. New response evaluation criteria in solid tumours: revised RECIST guideline (version 1.1). Eur J Cancer 2009;45(2):228-247.',
    url: 'https://doi.org/10.1016/j.ejca.2008.10.026',
  },
  'scher-2016': {
    id: 'scher-2016',
    short: 'Scher 2016 (PCWG3, 2+2 rule)',
    reference:
      'Scher HI, Morris MJ, Stadler WM, et al. Trial design and objectives for castration-resistant prostate cancer: updated recommendations from the Prostate Cancer Clinical Trials Working Group 3. J Clin Oncol 2016;34(12):1402-1418 (the 2+2 bone-scan rule, first stated in PCWG2, Scher 2008). Prostate cancer: bonemet adapts it to breast cancer.',
    url: 'https://doi.org/10.1200/JCO.2015.64.2702',
  },
  'janicek-1994': {
    id: 'janicek-1994',
    short: 'Janicek 1994 (breast flare timing)',
    reference:
      'Janicek MJ, Hayes DF, Kaplan WD. Healing flare in skeletal metastases from breast cancer. Radiology 1994;192(1):201-204 (flare in 12% of patients, seen 3.2 +/- 1.4 months after the start of therapy, stabilised by 6.2 +/- 3.0 months).',
  },
  'vogel-1995': {
    id: 'vogel-1995',
    short: 'Vogel 1995 (flare on hormonal therapy)',
    reference:
      'Vogel CL, Schoenfelder J, Shemano I, Hayes DF, Gams RA. Worsening bone scan in the evaluation of antitumor response during hormonal therapy of breast cancer. J Clin Oncol 1995;13(5):1123-1128 (possible flare in 29% at week 8 or 16).',
  },
  'jacobson-1990': {
    id: 'jacobson-1990',
    short: 'Jacobson 1990 (new bone-scan lesions by count)',
    reference:
      'Jacobson AF, Stomper PC, Jochelson MS, Ascoli DM, Henderson IC, Kaplan WD. Association between number and sites of new bone scan abnormalities and presence of skeletal metastases in patients with breast cancer. J Nucl Med 1990;31(4):387-392 (breast-cancer patients without known metastases; author list and journal details from memory, figures from the Weill Cornell abstract).',
    url: 'https://vivo-dev.weill.cornell.edu/display/pubid2324816',
  },
});

export type SourceId = keyof typeof sources;
