/** The images of a stored PET/CT study, computed from its files (in the compute pool). */
import { isBonemetError } from '@bonemet/core';
import {
  groupImagesBySeries,
  petSuvSliceFromDataset,
  petSuvVolume,
  readDicomFile,
  sulJanmahasatianFactors,
  type DicomSeries,
} from '@bonemet/dicom';
import { ctOnPetGrid, petImageFromSuvVolume, type CtChoice, type PetImage } from '@bonemet/pet';

/** The series of a study's stored files. */
export function seriesOfFiles(
  files: readonly { readonly bytes: Uint8Array; readonly sopInstanceUid: string }[],
): DicomSeries[] {
  return groupImagesBySeries(files.map((file) => readDicomFile(file.bytes, file.sopInstanceUid)));
}

/**
 * The SUV image of a PET series, with the SUL (Janmahasatian) factors when its header allows them, and the
 * study's CT resampled onto the PET grid (`ctOnPetGrid` chooses the CT series among `all`).
 */
export function petCtImages(petSeries: DicomSeries, all: readonly DicomSeries[]): { pet: PetImage; ct: CtChoice } {
  const suvVolume = petSuvVolume(petSeries.images);
  let sul;
  try {
    sul = sulJanmahasatianFactors(suvVolume.volume.slices.map(petSuvSliceFromDataset));
  } catch (error) {
    if (!isBonemetError(error)) throw error;
    sul = undefined;
  }
  const pet = petImageFromSuvVolume(suvVolume, sul);
  return { pet, ct: ctOnPetGrid(suvVolume.volume, all) };
}
