/** The published sources behind the PET quantification definitions. */
import { defineCitations } from '@bonemet/core';

export const petSources = defineCitations({
  'wahl-2009-percist': {
    id: 'wahl-2009-percist',
    short: 'Wahl 2009 (PERCIST 1.0)',
    reference:
      'Wahl RL, Jacene H, Kasamon Y, Lodge MA. From RECIST to PERCIST: evolving considerations for PET response criteria in solid tumors. J Nucl Med 2009;50 Suppl 1:122S–150S.',
    url: 'https://doi.org/10.2967/jnumed.108.057307',
  },
  'lodge-2012-suvpeak': {
    id: 'lodge-2012-suvpeak',
    short: 'Lodge 2012',
    reference:
      'Lodge MA, Chaudhry MA, Wahl RL. Noise considerations for PET quantification using maximum and peak standardized uptake value. J Nucl Med 2012;53:1041–1047.',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3417317/',
  },
  'ibsi-2020': {
    id: 'ibsi-2020',
    short: 'IBSI reference manual (local intensity features)',
    reference:
      'Zwanenburg A, Vallières M, Abdalah MA, et al. The Image Biomarker Standardization Initiative: standardized quantitative radiomics for high-throughput image-based phenotyping. Radiology 2020;295:328–338; reference manual arXiv:1612.07003, section "Local intensity features" and the digital phantom (theibsi/data_sets, CC BY 4.0).',
    url: 'https://arxiv.org/abs/1612.07003',
  },
  'tahari-2014-liver': {
    id: 'tahari-2014-liver',
    short: 'Tahari 2014',
    reference:
      'Tahari AK, Chien D, Azadi JR, Wahl RL. Optimum lean body formulation for correction of standardized uptake value in PET imaging. J Nucl Med 2014;55:1481–1484 (liver SUL in a 3-cm sphere in the right lobe).',
    url: 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4337860/',
  },
  'boellaard-2015-eanm': {
    id: 'boellaard-2015-eanm',
    short: 'Boellaard 2015 (EANM v2.0)',
    reference:
      'Boellaard R, Delgado-Bolton R, Oyen WJG, et al. FDG PET/CT: EANM procedure guidelines for tumour imaging: version 2.0. Eur J Nucl Med Mol Imaging 2015;42:328–354.',
    url: 'https://doi.org/10.1007/s00259-014-2961-x',
  },
});
