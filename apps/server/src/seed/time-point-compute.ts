/**
 * The compute task that draws one time point of the demo cohort (compute-tasks.ts, `cohort-time-point`): the
 * phantom of the visit (a whole-body bone scan or a small PET/CT volume) written as DICOM Part 10 files with
 * the patient's identity, the visit's date and UIDs of their own. Seconds of pure computation per visit,
 * run in a compute worker so that a server seeding its cohort keeps answering; the files' bytes come back
 * moved, not copied (each file is a whole buffer of its own).
 */
import {
  encodeBoneScanNm,
  encodeCtSeries,
  encodePetSeries,
  generateBoneScanPhantom,
  generatePetCtPhantom,
  type BoneScanPhantomOptionsInput,
  type PetCtPhantomOptionsInput,
} from '@bonemet/phantoms';
import { restampDicomFile, type DicomIdentity } from './restamp-dicom.js';

/** The date the bone-scan phantom writes in every object (DICOM DA), replaced by the visit's date. */
export const BONE_SCAN_PHANTOM_DATE = '20240301';

/** One time point to draw: the phantom's options, the identity its files take, and a label naming them. */
export type TimePointPhantomInput =
  | {
      readonly modality: 'NM';
      readonly phantom: BoneScanPhantomOptionsInput;
      /** With `date` mapping the phantom's date to the visit's. */
      readonly identity: DicomIdentity;
      /** Names the files in messages, e.g. "SYN-MRN-001 bone scan 2024-03-01". */
      readonly source: string;
    }
  | {
      readonly modality: 'PT';
      /** Its `scanDate` is the visit's date already. */
      readonly phantom: PetCtPhantomOptionsInput;
      readonly identity: DicomIdentity;
      /** Names the files in messages (each slice's file name is appended). */
      readonly source: string;
    };

/** One drawn file, as ingest takes it. */
export interface TimePointFile {
  readonly source: string;
  readonly bytes: Uint8Array;
}

/** Draws the time point and writes its DICOM files (one bone-scan object, or the PET and CT slices). */
export function computeTimePointFiles(input: TimePointPhantomInput): { files: TimePointFile[] } {
  // One UID map for every file of the visit, so that references between its series stay consistent.
  const uids = new Map<string, string>();
  if (input.modality === 'NM') {
    const phantom = generateBoneScanPhantom(input.phantom);
    return {
      files: [
        {
          source: input.source,
          bytes: restampDicomFile(encodeBoneScanNm(phantom), input.identity, input.source, uids),
        },
      ],
    };
  }
  const phantom = generatePetCtPhantom(input.phantom);
  const slices = [...encodePetSeries(phantom, 'siemens'), ...encodeCtSeries(phantom, 'siemens')];
  return {
    files: slices.map((slice) => {
      const source = `${input.source} ${slice.fileName}`;
      return { source, bytes: restampDicomFile(slice.bytes, input.identity, source, uids) };
    }),
  };
}
