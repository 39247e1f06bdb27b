/**
 * Multi-frame NM Image Storage (PS3.3 A.5): the frames of an NM object are planar images of the same size
 * told apart by the vectors named in Frame Increment Pointer (0028,0009), e.g. DetectorVector for the
 * anterior and posterior heads of a whole-body acquisition. They carry no functional groups, so each frame
 * is the top-level image with its own slice of the stored values.
 */
import type { DicomImageDataset } from './dataset.js';

/** NM Image Storage SOP Class UID (PS3.4 Table B.5-1). */
export const nmImageStorageSopClassUid = '1.2.840.10008.5.1.4.1.1.20';

/**
 * The multi-frame NM image `image`, whose stored values hold `frameCount` frames one after another, as its
 * first frame with `frames` listing every frame (same attributes, own stored values).
 */
export function withNmFrames(image: DicomImageDataset, frameCount: number): DicomImageDataset {
  const count = image.rows * image.columns;
  const frames = Array.from({ length: frameCount }, (_, index): DicomImageDataset => ({
    ...image,
    source: `${image.source} frame ${index + 1}`,
    storedPixels: image.storedPixels.subarray(index * count, (index + 1) * count),
  }));
  return { ...image, storedPixels: image.storedPixels.subarray(0, count), frames };
}
