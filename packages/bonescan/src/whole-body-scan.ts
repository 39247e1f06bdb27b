/**
 * The typed whole-body bone scan every reader returns.
 *
 * Orientation convention (one for every source): each view is stored with the patient's head at row 0 and
 * the patient's left at the high column indices (image right), i.e. as an anterior view is seen from the
 * front of the patient. A posterior view, acquired from behind, has the patient's left on image left; it is
 * mirrored left-right on reading so that the same column in both views is the same side of the patient and
 * a lesion can be matched between views (depth aside). `orientation` says what was done and on what basis.
 */

export type ViewName = 'anterior' | 'posterior';

export type SourceKind = 'nm' | 'secondary-capture' | 'image-file';

/** How the orientation of a view was established. */
export type OrientationBasis =
  /** Image Orientation (Patient) (0020,0037) of the detector or the image. */
  | 'image-orientation'
  /** Patient Orientation (0020,0020) letters. */
  | 'patient-orientation'
  /** The sidecar's declared layout. */
  | 'sidecar'
  /** No header said: the display convention of whole-body scans (anterior left-on-right, posterior left-on-left, head up) was assumed. */
  | 'convention';

export interface ViewOrientation {
  /** Always true after reading: row 0 is the head end. */
  readonly headAtTop: true;
  /** Always 'image-right' after reading (see the module comment). */
  readonly patientLeftOn: 'image-right';
  /** Whether the stored image was mirrored left-right to reach the convention. */
  readonly mirroredLeftRight: boolean;
  /** Whether the stored image was flipped top-bottom (feet were at row 0). */
  readonly flippedTopBottom: boolean;
  readonly basis: OrientationBasis;
}

export interface WholeBodyView {
  readonly view: ViewName;
  /** Pixel values, row by row, `rows * columns`, in the orientation convention above. */
  readonly counts: Float32Array;
  readonly columns: number;
  readonly rows: number;
  /** [between rows, between columns], mm. */
  readonly pixelSpacingMm: readonly [number, number];
  readonly orientation: ViewOrientation;
  readonly sourceKind: SourceKind;
  /** True when the values are detected counts per pixel (NM objects); false for captures and image files without declared counts. */
  readonly countsAreCalibrated: boolean;
  /** How the view label was found: a DICOM view code, a detector's code, a text such as "ANT", the sidecar, or an assumption. */
  readonly viewBasis: 'view-code' | 'text' | 'sidecar' | 'layout-assumed' | 'caller';
  /** Counts the acquiring system recorded for this view (Counts Accumulated or sidecar), when known. */
  readonly declaredTotalCounts?: number;
  /** Where the view came from (file and frame or half), for messages. */
  readonly source: string;
}

/** Acquisition data recorded when a header or sidecar has it. */
export interface WholeBodyAcquisition {
  /** Table or camera speed, cm/min (Scan Velocity (0018,1300) is mm/s: × 6). */
  readonly scanSpeedCmPerMin?: number;
  readonly scanLengthMm?: number;
  /** From radiopharmaceutical start to acquisition start, minutes. */
  readonly uptakeTimeMin?: number;
  readonly radiopharmaceutical?: string;
  readonly administeredActivityMBq?: number;
  readonly wholeBodyTechnique?: readonly string[];
}

export interface WholeBodyScan {
  /** One or two views; at most one of each name. */
  readonly views: readonly WholeBodyView[];
  readonly acquisition: WholeBodyAcquisition;
  /** Things the reader had to assume or could not establish; empty when everything came from the data. */
  readonly warnings: readonly string[];
}
