/**
 * The attributes a derived object (a segmentation) copies from its source images: Patient and General
 * Study modules (PS3.3 C.7.1.1, C.7.2.1), the Frame of Reference UID and the source SOP Class. They are
 * the same for every image of a series, so one file of the series is read.
 */
import { parsePart10 } from '../seg/parse-part10.js';

export interface SegmentationSourceAttributes {
  readonly sopClassUid?: string;
  readonly patientName?: string;
  readonly patientId?: string;
  readonly patientBirthDate?: string;
  readonly patientSex?: string;
  readonly studyInstanceUid?: string;
  readonly studyDate?: string;
  readonly studyTime?: string;
  readonly studyId?: string;
  readonly accessionNumber?: string;
  readonly referringPhysicianName?: string;
  readonly frameOfReferenceUid?: string;
}

const attributeTags: Readonly<Record<keyof SegmentationSourceAttributes, string>> = {
  sopClassUid: 'x00080016',
  patientName: 'x00100010',
  patientId: 'x00100020',
  patientBirthDate: 'x00100030',
  patientSex: 'x00100040',
  studyInstanceUid: 'x0020000d',
  studyDate: 'x00080020',
  studyTime: 'x00080030',
  studyId: 'x00200010',
  accessionNumber: 'x00080050',
  referringPhysicianName: 'x00080090',
  frameOfReferenceUid: 'x00200052',
};

/**
 * Reads the source attributes from the Part 10 bytes of one image of the source series (pixel data is not
 * decoded). Absent or empty attributes are left out. Throws `malformed_input` for a file that is not
 * Part 10 or cannot be parsed.
 */
export function readSegmentationSource(bytes: Uint8Array, source = '(source image)'): SegmentationSourceAttributes {
  const ds = parsePart10(bytes, source, 'x7fe00010');
  const out: { -readonly [K in keyof SegmentationSourceAttributes]: string } = {};
  for (const [key, tag] of Object.entries(attributeTags) as [keyof SegmentationSourceAttributes, string][]) {
    if (ds.elements[tag] === undefined) continue;
    const value = ds.string(tag)?.replace(/\0/g, '').trim();
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
