/** The published sources behind the whole-body bone-scan reading and count-quality rules. */
import { defineCitations } from '@bonemet/core';

export const bonescanSources = defineCitations({
  'anand-2016-preanalytic': {
    id: 'anand-2016-preanalytic',
    short: 'Anand 2016 (aBSI pre-analytic)',
    reference:
      'Anand A, Morris MJ, Kaboteh R, et al. Analytic validation of the automated bone scan index as an imaging biomarker to standardize quantitative changes in bone scans of patients with metastatic prostate cancer. J Nucl Med 2016;57:41–45, and the pre-analytic study J Nucl Med 2016;57:1865: mean absolute BSI error 4.67 (SD 0.85) at 0.2 million counts, 0.57 (0.38) at 0.5 million, 0.20 (0.26) at 1.5 million counts per view; test-retest |ΔBSI| 0.35 (0.59) when the scan speed doubled.',
    url: 'https://doi.org/10.2967/jnumed.116.177030',
  },
  'eanm-2016-bone-scintigraphy': {
    id: 'eanm-2016-bone-scintigraphy',
    short: 'EANM 2016 bone scintigraphy guideline',
    reference:
      'Van den Wyngaert T, Strobel K, Kampen WU, et al. The EANM practice guidelines for bone scintigraphy. Eur J Nucl Med Mol Imaging 2016;43:1723–1738 (imaging 2–5 h after injection; whole-body 8–15 cm/min; 256×1024 matrix).',
    url: 'https://doi.org/10.1007/s00259-016-3415-4',
  },
  'dicom-ps3.3-nm': {
    id: 'dicom-ps3.3-nm',
    short: 'DICOM PS3.3 NM Image IOD',
    reference:
      'DICOM PS3.3 A.5 NM Image IOD; C.8.4.8 NM Multi-frame (Frame Increment Pointer, Detector Vector), C.8.4.11 NM Detector (Detector Information Sequence, View Code Sequence), C.8.4.9 NM Image (Scan Velocity, Whole Body Technique), C.8.4.10 NM Isotope (dose in MBq).',
    url: 'https://dicom.nema.org/medical/dicom/current/output/chtml/part03/sect_A.5.html',
  },
  'dicom-ps3.16-cid26': {
    id: 'dicom-ps3.16-cid26',
    short: 'DICOM PS3.16 CID 26',
    reference:
      'DICOM PS3.16 CID 26 Nuclear Medicine Projection: Anterior projection SCT 399321004 (SRT G-5215), Posterior projection SCT 399001007 (SRT G-5216); radiographic projections antero-posterior SCT 399348003 (SRT R-10206) and postero-anterior SCT 272479007 (SRT R-10214).',
    url: 'https://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_26.html',
  },
  'dicom-ps3.3-sc': {
    id: 'dicom-ps3.3-sc',
    short: 'DICOM PS3.3 Secondary Capture',
    reference:
      'DICOM PS3.3 A.8 Secondary Capture Image IOD: an image converted from another source; its pixel values carry no defined physical meaning (no NM counts semantics).',
    url: 'https://dicom.nema.org/medical/dicom/current/output/chtml/part03/sect_A.8.html',
  },
});
