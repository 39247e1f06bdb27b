import { BonemetError } from '@bonemet/core';
import { readDicomFile, readSegmentationSource } from '@bonemet/dicom';
import {
  encodeBoneScanNm,
  encodeCtSeries,
  encodePetSeries,
  generateBoneScanPhantom,
  generatePetCtPhantom,
} from '@bonemet/phantoms';
import { describe, expect, it } from 'vitest';
import { restampDicomFile } from './restamp-dicom.js';

const identity = {
  patientId: 'SYN-MRN-042',
  patientName: 'Synthetic^Test 042',
  uidNamespace: 'test/SYN-MRN-042/2026-03-04',
};

describe('restampDicomFile', () => {
  const original = encodeBoneScanNm(
    generateBoneScanPhantom({ seed: 3, metastases: 1, lyticMetastases: 0, superscan: false, softTissue: false }),
  );

  it('gives a bone scan the patient, the date and new UIDs, and leaves the pixels as they were', () => {
    const before = readSegmentationSource(original, 'original');
    const restamped = restampDicomFile(
      original,
      { ...identity, date: { from: '20240301', to: '20260304' } },
      'bone scan',
    );
    const after = readSegmentationSource(restamped, 'restamped');
    expect(after.patientId).toBe('SYN-MRN-042');
    expect(after.patientName).toBe('Synthetic^Test 042');
    // The phantom writes 2024-03-01 (its fixed scan date); the study is now on 2026-03-04.
    expect(before.studyDate).toBe('20240301');
    expect(after.studyDate).toBe('20260304');
    expect(after.studyInstanceUid).not.toBe(before.studyInstanceUid);
    expect(after.studyInstanceUid).toMatch(/^2\.25\.\d+$/);
    const image = readDicomFile(restamped, 'restamped');
    const source = readDicomFile(original, 'original');
    expect(image.sopInstanceUid).not.toBe(source.sopInstanceUid);
    expect(image.acquisitionDate).toBe('20260304');
    expect([image.rows, image.columns]).toEqual([source.rows, source.columns]);
    // The pixel data element is the last one of both files: the same bytes end both.
    const pixelBytes = source.rows * source.columns * 2 * 2;
    expect(Buffer.from(restamped.subarray(-pixelBytes)).equals(Buffer.from(original.subarray(-pixelBytes)))).toBe(true);
  });

  it('is deterministic and keeps references between the files of one study', () => {
    const phantom = generatePetCtPhantom({ seed: 2, hotSphereDiametersMm: [], osseousLesions: [] });
    const [pet] = encodePetSeries(phantom, 'siemens');
    const [ct] = encodeCtSeries(phantom, 'siemens');
    if (pet === undefined || ct === undefined) throw new Error('the phantom wrote no slices');
    const uids = new Map<string, string>();
    const petAfter = readSegmentationSource(restampDicomFile(pet.bytes, identity, 'pet', uids), 'pet');
    const ctAfter = readSegmentationSource(restampDicomFile(ct.bytes, identity, 'ct', uids), 'ct');
    // PET and CT share the study and its frame of reference before, and so after.
    expect(ctAfter.studyInstanceUid).toBe(petAfter.studyInstanceUid);
    expect(ctAfter.frameOfReferenceUid).toBe(petAfter.frameOfReferenceUid);
    expect(readSegmentationSource(restampDicomFile(pet.bytes, identity, 'pet again'), 'again').studyInstanceUid).toBe(
      petAfter.studyInstanceUid,
    );
    const otherPatient = restampDicomFile(pet.bytes, { ...identity, uidNamespace: 'test/other' }, 'other');
    expect(readSegmentationSource(otherPatient, 'other').studyInstanceUid).not.toBe(petAfter.studyInstanceUid);
  });

  it('refuses what is not a Part 10 file, or is cut short, with malformed_input', () => {
    const refused = (bytes: Uint8Array): BonemetError => {
      try {
        restampDicomFile(bytes, identity, 'input.dcm');
      } catch (error) {
        if (error instanceof BonemetError) return error;
        throw error;
      }
      throw new Error('expected a BonemetError');
    };
    expect(refused(new TextEncoder().encode('not a DICOM file at all')).code).toBe('malformed_input');
    const cut = refused(original.subarray(0, 400));
    expect(cut.code).toBe('malformed_input');
    expect(cut.message).toContain('input.dcm');
  });
});
