/**
 * The phantom's ground-truth lesions as a DICOM Segmentation on its PET series: one BINARY segment per
 * lesion (segment n = the n-th lesion with at least one voxel), referencing the PET series, its instances
 * and its Frame of Reference. SYNTHETIC in the series description and every segment description.
 */
import { writeFile } from 'node:fs/promises';
import { BonemetError } from '@bonemet/core';
import {
  assembleVolume,
  encodeSegmentation,
  readDicomFile,
  readSegmentationSource,
  uidFromName,
  type SegmentToEncode,
} from '@bonemet/dicom';
import type { PetCtPhantom, PhantomLesionTruth } from './pet-ct-phantom.js';
import { encodePetSeries } from './phantom-dicom.js';
import type { VendorStyle } from './vendor-styles.js';

export interface PhantomLesionSegmentation {
  /** The Part 10 file. */
  readonly bytes: Uint8Array;
  /** Which lesion label each segment holds, in segment order (segment numbers from 1). */
  readonly segments: readonly { readonly segmentNumber: number; readonly lesionLabel: number }[];
}

// CID 7150 (Segmented Property Category) and CID 7151 family (type): SNOMED CT codes as listed in
// DICOM PS3.16 (reference/interop-and-style.md, A3.2 "Categories / findings for SEG & SR").
const morphologicallyAbnormalStructure = {
  codeValue: '49755003',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Morphologically Abnormal Structure',
};
const secondaryNeoplasm = { codeValue: '14799000', codingSchemeDesignator: 'SCT', codeMeaning: 'Neoplasm, Secondary' };
const lesion = { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' };

function segmentOf(truth: PhantomLesionTruth, labels: Uint16Array): SegmentToEncode {
  const mask = new Uint8Array(labels.length);
  for (let n = 0; n < labels.length; n++) mask[n] = labels[n] === truth.label ? 1 : 0;
  const what = truth.kind === 'osseous' ? `osseous metastasis (${truth.site})` : `hot sphere (${truth.site})`;
  return {
    label: `lesion ${truth.label}`,
    description: `SYNTHETIC ground truth: ${what}, ${truth.diameterMm} mm, SUVbw ${truth.suvbw}`,
    // The mask is computed by the phantom generator, not drawn by a person.
    algorithmType: 'AUTOMATIC',
    algorithmName: 'bonemet phantom ground truth',
    category: morphologicallyAbnormalStructure,
    // Osseous lesions model bone metastases; hot spheres are contrast test objects, hence plain "Lesion".
    type: truth.kind === 'osseous' ? secondaryNeoplasm : lesion,
    mask,
  };
}

/**
 * Encodes the lesion segmentation on the PET series the phantom writes in `vendor` style (the same
 * UIDs as `encodePetSeries`). Lesions without a voxel are left out (see `segments` for the mapping).
 */
export function encodePhantomLesionSegmentation(phantom: PetCtPhantom, vendor: VendorStyle): PhantomLesionSegmentation {
  const pet = encodePetSeries(phantom, vendor);
  const first = pet[0];
  if (first === undefined) throw new BonemetError('invalid_input', 'the phantom has no PET slice');
  const volume = assembleVolume(pet.map((slice) => readDicomFile(slice.bytes, slice.fileName)));
  const source = readSegmentationSource(first.bytes, first.fileName);
  const lesions = phantom.truth.lesions.filter((truth) => truth.maskVoxelCount > 0);
  const { sopClassUid, studyInstanceUid, frameOfReferenceUid } = source;
  if (sopClassUid === undefined || studyInstanceUid === undefined || frameOfReferenceUid === undefined) {
    throw new BonemetError('missing_data', 'the phantom PET series lacks SOP Class, Study or Frame of Reference UID');
  }
  const seriesInstanceUid = uidFromName(`${volume.seriesInstanceUid}/lesion-segmentation`);
  const bytes = encodeSegmentation({
    volume,
    source: { ...source, sopClassUid, studyInstanceUid, frameOfReferenceUid },
    instance: {
      seriesInstanceUid,
      sopInstanceUid: uidFromName(`${seriesInstanceUid}/1`),
      seriesNumber: 100,
      instanceNumber: 1,
      seriesDescription: 'SYNTHETIC LESION GROUND TRUTH',
      contentLabel: 'LESIONS',
      contentDescription: 'SYNTHETIC phantom lesions, not patient data',
      contentDate: phantom.options.scanDate,
      contentTime: phantom.options.scanStartTime,
      equipment: {
        manufacturer: 'bonemet',
        modelName: 'bonemet phantoms',
        deviceSerialNumber: 'none (software)',
        softwareVersions: '0.1.0',
      },
    },
    segments: lesions.map((truth) => segmentOf(truth, phantom.lesionLabels)),
  });
  return { bytes, segments: lesions.map((truth, index) => ({ segmentNumber: index + 1, lesionLabel: truth.label })) };
}

/** Writes the lesion segmentation to `file`. Throws `io_error`. */
export async function writePhantomLesionSegmentation(
  phantom: PetCtPhantom,
  vendor: VendorStyle,
  file: string,
): Promise<PhantomLesionSegmentation> {
  const encoded = encodePhantomLesionSegmentation(phantom, vendor);
  try {
    await writeFile(file, encoded.bytes);
  } catch (cause) {
    throw new BonemetError('io_error', `cannot write the lesion segmentation to ${file}`, { cause });
  }
  return encoded;
}
