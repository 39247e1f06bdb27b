/**
 * The typed view of a DICOM Segmentation (Segmentation IOD, PS3.3 A.51; Segmentation Image Module,
 * PS3.3 C.8.20.2; Segment Description Macro, PS3.3 C.8.20.4).
 */
import type { Vector3 } from '../volume.js';

/** Segmentation Storage SOP Class (PS3.4 B.5): BINARY and FRACTIONAL segmentations. */
export const segmentationStorageUid = '1.2.840.10008.5.1.4.1.1.66.4';
/** Label Map Segmentation Storage SOP Class (2024), recognised to be refused by name. */
export const labelMapSegmentationStorageUid = '1.2.840.10008.5.1.4.1.1.66.7';

/** A coded concept (Code Sequence Macro, PS3.3 Table 8.8-1). */
export interface CodedConcept {
  readonly codeValue: string;
  readonly codingSchemeDesignator: string;
  readonly codeMeaning: string;
}

/** Segment Algorithm Type (0062,0008). */
export const segmentAlgorithmTypes = ['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL'] as const;
export type SegmentAlgorithmType = (typeof segmentAlgorithmTypes)[number];

/** One item of the Segment Sequence (0062,0002). */
export interface SegmentDescription {
  /** Segment Number (0062,0004), from 1. */
  readonly segmentNumber: number;
  /** Segment Label (0062,0005). */
  readonly label: string;
  /** Segment Description (0062,0006). */
  readonly description?: string;
  readonly algorithmType: SegmentAlgorithmType;
  /** Segment Algorithm Name (0062,0009), required when the type is not MANUAL. */
  readonly algorithmName?: string;
  /** Segmented Property Category Code Sequence (0062,0003), CID 7150. */
  readonly category: CodedConcept;
  /** Segmented Property Type Code Sequence (0062,000F), CID 7151 and related. */
  readonly type: CodedConcept;
  /** Tracking ID (0062,0020) and Tracking UID (0062,0021): both or neither. */
  readonly trackingId?: string;
  readonly trackingUid?: string;
}

/** One frame of a segmentation: a plane of one segment. */
export interface SegmentationFrame {
  /** Frame number, from 1 (the order of the frames in Pixel Data). */
  readonly frameNumber: number;
  /** Referenced Segment Number (0062,000B) of the Segment Identification Sequence. */
  readonly segmentNumber: number;
  /** Image Position (Patient) of the Plane Position Sequence: centre of the first pixel, mm, LPS. */
  readonly imagePositionPatientMm: Vector3;
  /** Image Orientation (Patient) of the Plane Orientation Sequence: row then column direction cosines. */
  readonly imageOrientationPatient: readonly [number, number, number, number, number, number];
  /** Pixel Spacing of the Pixel Measures Sequence: [between rows, between columns], mm. */
  readonly pixelSpacingMm: readonly [number, number];
  /** SOP Instance UIDs of the Source Image Sequence of the Derivation Image Sequence, when present. */
  readonly sourceSopInstanceUids: readonly string[];
  /**
   * Values row by row, `rows * columns`: 0 or 1 for BINARY; 0 to MaximumFractionalValue for FRACTIONAL.
   */
  readonly pixels: Uint8Array;
}

/** A reference to a series and some of its instances (Referenced Series Sequence, PS3.3 C.12.2). */
export interface ReferencedSeries {
  readonly seriesInstanceUid: string;
  readonly sopInstanceUids: readonly string[];
}

export interface Segmentation {
  /** Where it came from, for messages. */
  readonly source: string;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** Frame of Reference UID (0020,0052), when present. */
  readonly frameOfReferenceUid?: string;
  /** Segmentation Type (0062,0001). */
  readonly segmentationType: 'BINARY' | 'FRACTIONAL';
  /** Segmentation Fractional Type (0062,0010), FRACTIONAL only: PROBABILITY or OCCUPANCY. */
  readonly fractionalType?: 'PROBABILITY' | 'OCCUPANCY';
  /** Maximum Fractional Value (0062,000E), FRACTIONAL only: the stored value meaning 1.0. */
  readonly maximumFractionalValue?: number;
  readonly rows: number;
  readonly columns: number;
  readonly segments: readonly SegmentDescription[];
  readonly frames: readonly SegmentationFrame[];
  /** Referenced Series Sequence (0008,1115) of the Common Instance Reference Module. */
  readonly referencedSeries: readonly ReferencedSeries[];
}
