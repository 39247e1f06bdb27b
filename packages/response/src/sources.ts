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
});

export type SourceId = keyof typeof sources;
