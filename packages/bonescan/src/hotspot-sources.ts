/** The sources behind the hotspot rules and the Bone Scan Index of this package (see the reference note on bone scintigraphy). */
import { defineCitations } from '@bonemet/core';

export const hotspotSources = defineCitations({
  'sadik-2008-exini': {
    id: 'sadik-2008-exini',
    short: 'Sadik 2008 (EXINI)',
    reference:
      'Sadik M, Hamadeh I, Nordblom P, et al. Computer-assisted interpretation of planar whole-body bone scans. J Nucl Med 2008;49:1958–1965: skeleton segmentation, hotspot detection after normalisation to normal bone, hotspot classification (normalisation and region thresholds as recalled in the reference note, not re-read).',
  },
  'koizumi-2015-bonenavi': {
    id: 'koizumi-2015-bonenavi',
    short: 'Koizumi 2015 (BONENAVI)',
    reference:
      'Koizumi M, et al. Ann Nucl Med 2015 (BONENAVI version 2 in a routine clinical setting) and Ann Nucl Med 2017 (low-sensitivity subgroups, PMC5517559): specificity 54 % on abnormal-but-benign scans; false negatives from small, faint, osteolytic lesions and lesions overlapping urinary activity.',
  },
  'eanm-2016-artefacts': {
    id: 'eanm-2016-artefacts',
    short: 'EANM 2016 bone scintigraphy guideline',
    reference:
      'Van den Wyngaert T, Strobel K, Kampen WU, et al. The EANM practice guidelines for bone scintigraphy. Eur J Nucl Med Mol Imaging 2016;43:1723–1738: sources of error include urinary activity, injection-site extravasation, metal attenuation and soft-tissue uptake.',
    url: 'https://doi.org/10.1007/s00259-016-3415-4',
  },
  'jacobson-rib-lesions': {
    id: 'jacobson-rib-lesions',
    short: 'Jacobson (Cornell), new bone-scan abnormalities in breast cancer',
    reference:
      'Jacobson AF, et al. Bone scans with one or two new abnormalities in cancer patients with no known metastases (and the companion study of 1,441 scans in 242 breast-cancer patients): rib lesions were common but rarely metastatic; benign rib lesions resolved in 12–24 months. Aligned uptake on consecutive ribs as the pattern of fractures is standard reading practice (not from a retrieved source).',
  },
  'rohani-2020-djd': {
    id: 'rohani-2020-djd',
    short: 'Rohani 2020 (degenerative uptake)',
    reference:
      'Rohani et al. Asian Spine J 2020: in breast-cancer patients, degenerative joint disease uptake (SUVmax 7.50) overlaps normal vertebrae (6.51); degenerative uptake at joints is a leading benign cause of false positives (reference note §6.1). Symmetric joint uptake as a degenerative sign is standard reading practice (not from a retrieved source).',
  },
  'lytic-breast-lesions': {
    id: 'lytic-breast-lesions',
    short: 'Reference note §4.2/§6.1 (lytic lesions)',
    reference:
      'Lytic breast-cancer bone metastases can be photopenic or faint on bone scans, with a hot rim; osteolytic lesions are a main source of false negatives of automated systems (Koizumi 2015, 2017).',
  },
});
