/**
 * The one table of codes for skeletal anatomy: every region, bone, bone part and laterality code that
 * bonemet writes (DICOM SR/SEG, FHIR mCODE), each with its display and the value set it was taken from.
 *
 * Rules this table follows:
 * - SNOMED CT body-structure codes are unlateralized; side is a separate laterality concept
 *   (as mCODE's laterality qualifier, DICOM CID 244 and SegDB modifiers do).
 * - A code enters only if it was read in a primary source: DICOM PS3.16 context groups (CID 4031, 7603,
 *   6115, 244) as rendered in bvdh/dicom-terminology-in-fhir, or mCODE's RadiotherapyTreatmentLocationVS
 *   (AAPM TG-263 names mapped to SNOMED CT, HL7/fhir-mCODE-ig). Ribs and C1–L5 vertebrae are also the
 *   codes MHub SegDB emits. Displays are the DICOM code meanings where the code is in a DICOM context
 *   group, otherwise the SNOMED CT fully specified name without its semantic tag.
 * - Where no verified code exists (pubis, greater trochanter, subtrochanteric and distal femur, humeral
 *   parts, hand and foot bones, iliac crest), the location resolves to the nearest verified parent code
 *   and the part stays uncoded; its text is kept in the location's display. No code is invented.
 *
 * Wrong code/display pairs seen in public code and artefacts, kept out of this table (reference note,
 * interop A3.4 and A1.5):
 * - 94222008 labelled "secondary malignant neoplasm of liver": it is secondary malignant neoplasm of
 *   bone (a disorder, not a body structure; it does not belong in this table at all).
 * - 12611008 labelled "sternum": it is the tibia. The sternum is 56873002.
 * - 816092008 labelled "right lung": it is the pelvis (region).
 * - ICD-10-CM C79.31 labelled "vertebral column": it is secondary neoplasm of brain.
 * - 29836001 used for the hip bone (os coxae) by SegDB: it is the hip *region*. No verified code for the
 *   whole hip bone was found, so none is used.
 * - mCODE's TG-263 ConceptMap maps Femur_Neck_L to Right and Femur_Neck_R to Left (swapped): side here
 *   always comes from the location's own laterality, never from a ConceptMap.
 * - mCODE's ConceptMap labels 3572006 "Bone structure of cervical vertebra": 3572006 is the structure of
 *   the body of a vertebra (any level).
 * - 66040006 (pubis) and 30547004 (greater trochanter) and 182034009 (iliac crest) appear in a single
 *   third-party source only; they are not used until checked against a SNOMED CT release.
 * - The DICOM CID 6115 FHIR rendering spells 73400003 "Transverse process or vertebra"; the display here
 *   is "Transverse process of vertebra".
 * - mCODE's list spells 50060007 "Structure of body of secon thoracic vertebra" and puts two spaces in
 *   280849005; the displays here are the corrected names.
 */

import type { Laterality } from './laterality.js';

export const SNOMED_CT = 'http://snomed.info/sct';
export const DICOM_DCM = 'http://dicom.nema.org/resources/ontology/DCM';

/** A code from a code system with its display text, as written to DICOM and FHIR. */
export interface CodedConcept {
  readonly system: typeof SNOMED_CT | typeof DICOM_DCM;
  readonly code: string;
  readonly display: string;
}

/** A row of the code table: the concept and the value set it was read from. */
export interface SkeletalCodeEntry extends CodedConcept {
  readonly source: string;
}

const CID_4031 = 'DICOM PS3.16 CID 4031 Common Anatomic Region (version 20250709)';
const CID_7603 = 'DICOM PS3.16 CID 7603 Vertebra (version 20220115)';
const CID_6115 = 'DICOM PS3.16 CID 6115 Osseous Anatomy Modifier (version 20160314)';
const TG_263 = 'HL7 mCODE RadiotherapyTreatmentLocationVS (AAPM TG-263 structure names mapped to SNOMED CT)';
const LATERALITY_VS = 'HL7 mCODE LateralityQualifierVS (Right and Left also DICOM PS3.16 CID 244/247)';
// Tibia and ulna: SNOMED CT codes listed as verified in the project reference note (interop A3.2, "other
// long bones"); they are in neither the CID 4031 nor the TG-263 list read for this table.
const REFERENCE_NOTE = 'SNOMED CT body structure, project reference note interop A3.2 (other long bones)';

function sct(code: string, display: string, source: string): SkeletalCodeEntry {
  return Object.freeze({ system: SNOMED_CT, code, display, source });
}

export const skeletalCodes = Object.freeze({
  // Coarse regions (CID 4031). Skull, facial bones, sacrum and coccyx serve as region and structure.
  cervicalSpine: sct('122494005', 'Cervical spine', CID_4031),
  thoracicSpine: sct('122495006', 'Thoracic spine', CID_4031),
  lumbarSpine: sct('122496007', 'Lumbar spine', CID_4031),
  sacrum: sct('54735007', 'Sacrum', CID_4031),
  coccyx: sct('64688005', 'Coccyx', CID_4031),
  pelvis: sct('816092008', 'Pelvis', CID_4031),
  chest: sct('816094009', 'Chest', CID_4031),
  shoulder: sct('16982005', 'Shoulder', CID_4031),
  skull: sct('89546000', 'Skull', CID_4031),
  facialBones: sct('91397008', 'Facial bones', CID_4031),
  upperLimbBone: sct('371195002', 'Bone of upper limb', CID_4031),
  lowerLimbBone: sct('72001000', 'Bone of lower limb', CID_4031),

  // Whole vertebrae (CID 7603).
  vertebraC1: sct('14806007', 'C1 vertebra', CID_7603),
  vertebraC2: sct('39976000', 'C2 vertebra', CID_7603),
  vertebraC3: sct('113205007', 'C3 vertebra', CID_7603),
  vertebraC4: sct('5329002', 'C4 vertebra', CID_7603),
  vertebraC5: sct('36978003', 'C5 vertebra', CID_7603),
  vertebraC6: sct('36054005', 'C6 vertebra', CID_7603),
  vertebraC7: sct('87391001', 'C7 vertebra', CID_7603),
  vertebraT1: sct('64864005', 'T1 vertebra', CID_7603),
  vertebraT2: sct('53733008', 'T2 vertebra', CID_7603),
  vertebraT3: sct('1626008', 'T3 vertebra', CID_7603),
  vertebraT4: sct('73071006', 'T4 vertebra', CID_7603),
  vertebraT5: sct('56401006', 'T5 vertebra', CID_7603),
  vertebraT6: sct('45296009', 'T6 vertebra', CID_7603),
  vertebraT7: sct('62487009', 'T7 vertebra', CID_7603),
  vertebraT8: sct('11068009', 'T8 vertebra', CID_7603),
  vertebraT9: sct('82687006', 'T9 vertebra', CID_7603),
  vertebraT10: sct('7610001', 'T10 vertebra', CID_7603),
  vertebraT11: sct('12989004', 'T11 vertebra', CID_7603),
  vertebraT12: sct('23215003', 'T12 vertebra', CID_7603),
  vertebraL1: sct('66794005', 'L1 vertebra', CID_7603),
  vertebraL2: sct('14293000', 'L2 vertebra', CID_7603),
  vertebraL3: sct('36470004', 'L3 vertebra', CID_7603),
  vertebraL4: sct('11994002', 'L4 vertebra', CID_7603),
  vertebraL5: sct('49668003', 'L5 vertebra', CID_7603),

  // Sacral segments (TG-263).
  sacralVertebraS1: sct('65985001', 'Structure of first sacral vertebra', TG_263),
  sacralVertebraS2: sct('11808007', 'Structure of second sacral vertebra', TG_263),
  sacralVertebraS3: sct('49967005', 'Structure of third sacral vertebra', TG_263),
  sacralVertebraS4: sct('69950008', 'Structure of fourth sacral vertebra', TG_263),
  sacralVertebraS5: sct('21452006', 'Structure of fifth sacral vertebra', TG_263),

  // Vertebral bodies (TG-263): level-specific for C3–L5; the generic code for C2 and the sacral segments.
  vertebralBody: sct('3572006', 'Structure of body of vertebra', TG_263),
  vertebralBodyC3: sct('91116008', 'Structure of body of third cervical vertebra', TG_263),
  vertebralBodyC4: sct('14705001', 'Structure of body of fourth cervical vertebra', TG_263),
  vertebralBodyC5: sct('67479001', 'Structure of body of fifth cervical vertebra', TG_263),
  vertebralBodyC6: sct('88298007', 'Structure of body of sixth cervical vertebra', TG_263),
  vertebralBodyC7: sct('16126006', 'Structure of body of seventh cervical vertebra', TG_263),
  vertebralBodyT1: sct('56094003', 'Structure of body of first thoracic vertebra', TG_263),
  vertebralBodyT2: sct('50060007', 'Structure of body of second thoracic vertebra', TG_263),
  vertebralBodyT3: sct('73138009', 'Structure of body of third thoracic vertebra', TG_263),
  vertebralBodyT4: sct('86197001', 'Structure of body of fourth thoracic vertebra', TG_263),
  vertebralBodyT5: sct('6105006', 'Structure of body of fifth thoracic vertebra', TG_263),
  vertebralBodyT6: sct('32430008', 'Structure of body of sixth thoracic vertebra', TG_263),
  vertebralBodyT7: sct('71737002', 'Structure of body of seventh thoracic vertebra', TG_263),
  vertebralBodyT8: sct('77435000', 'Structure of body of eighth thoracic vertebra', TG_263),
  vertebralBodyT9: sct('33766003', 'Structure of body of ninth thoracic vertebra', TG_263),
  vertebralBodyT10: sct('48405002', 'Structure of body of tenth thoracic vertebra', TG_263),
  vertebralBodyT11: sct('52120002', 'Structure of body of eleventh thoracic vertebra', TG_263),
  vertebralBodyT12: sct('280849005', 'Structure of body of twelfth thoracic vertebra', TG_263),
  vertebralBodyL1: sct('61032001', 'Structure of body of first lumbar vertebra', TG_263),
  vertebralBodyL2: sct('53983007', 'Structure of body of second lumbar vertebra', TG_263),
  vertebralBodyL3: sct('55492004', 'Structure of body of third lumbar vertebra', TG_263),
  vertebralBodyL4: sct('71996003', 'Structure of body of fourth lumbar vertebra', TG_263),
  vertebralBodyL5: sct('21799000', 'Structure of body of fifth lumbar vertebra', TG_263),
  dens: sct('1172006', 'Structure of odontoid process of axis', TG_263),

  // Vertebral parts (CID 6115).
  pedicle: sct('78972004', 'Pedicle of vertebra', CID_6115),
  lamina: sct('89340005', 'Lamina of vertebra', CID_6115),
  vertebralArch: sct('40265002', 'Arch of vertebra', CID_6115),
  spinousProcess: sct('55678000', 'Spinous process of vertebra', CID_6115),
  transverseProcess: sct('73400003', 'Transverse process of vertebra', CID_6115),
  superiorArticularProcess: sct('317665004', 'Superior articular process of vertebra', CID_6115),
  inferiorArticularProcess: sct('317766009', 'Inferior articular process of vertebra', CID_6115),

  // Ribs (TG-263; same codes in SegDB) and rib parts (CID 6115).
  rib1: sct('48535007', 'Bone structure of first rib', TG_263),
  rib2: sct('78247007', 'Bone structure of second rib', TG_263),
  rib3: sct('25888004', 'Bone structure of third rib', TG_263),
  rib4: sct('25523003', 'Bone structure of fourth rib', TG_263),
  rib5: sct('15339008', 'Bone structure of fifth rib', TG_263),
  rib6: sct('59558009', 'Bone structure of sixth rib', TG_263),
  rib7: sct('24915002', 'Bone structure of seventh rib', TG_263),
  rib8: sct('5953002', 'Bone structure of eighth rib', TG_263),
  rib9: sct('22565002', 'Bone structure of ninth rib', TG_263),
  rib10: sct('77644006', 'Bone structure of tenth rib', TG_263),
  rib11: sct('58830002', 'Bone structure of eleventh rib', TG_263),
  rib12: sct('43993008', 'Bone structure of twelfth rib', TG_263),
  ribHead: sct('12872006', 'Head of rib', CID_6115),
  ribNeck: sct('72184008', 'Neck of rib', CID_6115),
  ribTubercle: sct('113198008', 'Tubercle of rib', CID_6115),
  ribAngle: sct('14510004', 'Angle of rib', CID_6115),
  ribShaft: sct('41601005', 'Shaft of rib', CID_6115),

  // Sternum (CID 4031) and its parts (CID 6115).
  sternum: sct('56873002', 'Sternum', CID_4031),
  manubrium: sct('37285002', 'Manubrium of sternum', CID_6115),
  sternalBody: sct('52509009', 'Body of sternum', CID_6115),
  xiphoidProcess: sct('20298003', 'Xiphoid process of sternum', CID_6115),

  // Shoulder girdle (CID 4031) and scapular parts (CID 6115).
  clavicle: sct('51299004', 'Clavicle', CID_4031),
  scapula: sct('79601000', 'Scapula', CID_4031),
  acromion: sct('31934006', 'Acromion process of scapula', CID_6115),
  coracoidProcess: sct('8931003', 'Coracoid process of scapula', CID_6115),
  glenoid: sct('46385009', 'Glenoid cavity of scapula', CID_6115),

  // Upper limb.
  humerus: sct('85050009', 'Humerus', CID_4031),
  radius: sct('62413002', 'Bone structure of radius', TG_263),
  ulna: sct('23416004', 'Bone structure of ulna', REFERENCE_NOTE),

  // Pelvis. 118645006 is the bony pelvis; it stands for the pubis, which has no verified code.
  bonyPelvis: sct('118645006', 'Structure of innominate bone and/or sacrum and/or coccyx', TG_263),
  ilium: sct('22356005', 'Ilium', CID_4031),
  ischium: sct('85710004', 'Bone structure of ischium', TG_263),
  acetabulum: sct('37783008', 'Bone structure of acetabulum', TG_263),

  // Lower limb.
  femur: sct('71341001', 'Femur', CID_4031),
  femoralHead: sct('2812003', 'Structure of head of femur', TG_263),
  femoralNeck: sct('29627003', 'Structure of neck of femur', TG_263),
  femoralShaft: sct('41111004', 'Bone structure of shaft of femur', TG_263),
  patella: sct('64234005', 'Patella', CID_4031),
  tibia: sct('12611008', 'Bone structure of tibia', REFERENCE_NOTE),
  fibula: sct('87342007', 'Fibula', CID_4031),
  calcaneus: sct('80144004', 'Calcaneus', CID_4031),

  // Skull and face: bones of the cranium (TG-263), mastoid and facial bones (CID 4031).
  mandible: sct('91609006', 'Mandible', CID_4031),
  frontalBone: sct('74872008', 'Frontal bone structure', TG_263),
  parietalBone: sct('24924006', 'Parietal bone structure', TG_263),
  temporalBone: sct('60911003', 'Temporal bone structure', TG_263),
  occipitalBone: sct('31640002', 'Occipital bone structure', TG_263),
  sphenoidBone: sct('73117003', 'Sphenoid bone structure', TG_263),
  ethmoidBone: sct('52374004', 'Ethmoid bone structure', TG_263),
  mastoid: sct('59066005', 'Mastoid bone', CID_4031),
  maxilla: sct('70925003', 'Maxilla', CID_4031),
  zygoma: sct('13881006', 'Zygoma', CID_4031),
  nasalBone: sct('74386004', 'Nasal bone', CID_4031),

  // Laterality qualifiers.
  right: sct('24028007', 'Right', LATERALITY_VS),
  left: sct('7771000', 'Left', LATERALITY_VS),
  rightAndLeft: sct('51440002', 'Right and left', LATERALITY_VS),
  midline: sct('399488007', 'Midline', LATERALITY_VS),
});

export type SkeletalCodeKey = keyof typeof skeletalCodes;

/** The concept for a table key, without its source: what goes into DICOM and FHIR output. */
export function codedConcept(key: SkeletalCodeKey): CodedConcept {
  const { system, code, display } = skeletalCodes[key];
  return Object.freeze({ system, code, display });
}

const lateralityCodeKeys = {
  left: 'left',
  right: 'right',
  bilateral: 'rightAndLeft',
  midline: 'midline',
} as const satisfies Record<Laterality, SkeletalCodeKey>;

/** The laterality qualifier for a side: 7771000 Left, 24028007 Right, 51440002 Right and left, 399488007 Midline. */
export function lateralityConcept(laterality: Laterality): CodedConcept {
  return codedConcept(lateralityCodeKeys[laterality]);
}
