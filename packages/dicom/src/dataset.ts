/** The typed view of one DICOM image that the SUV conversion and the volume geometry need. */

/** Stored pixel values as encoded (before RescaleSlope/Intercept), one array per image. */
export type StoredPixels = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** One item of the Radiopharmaceutical Information Sequence (0054,0016). */
export interface RadiopharmaceuticalInfo {
  /** Radiopharmaceutical (0018,0031), free text such as "FDG". */
  readonly radiopharmaceutical?: string;
  /** Radionuclide Total Dose (0018,1074): declared in Bq; values that look like MBq are handled by the SUV code. */
  readonly radionuclideTotalDoseBq?: number;
  /** Radionuclide Half Life (0018,1075), seconds. */
  readonly radionuclideHalfLifeS?: number;
  /** Radiopharmaceutical Start Time (0018,1072), TM, as written. */
  readonly radiopharmaceuticalStartTime?: string;
  /** Radiopharmaceutical Start DateTime (0018,1078), DT, as written. */
  readonly radiopharmaceuticalStartDateTime?: string;
}

/** PET-specific attributes (PET Image and PET Series modules, plus the vendor private tags used for SUV). */
export interface PetAttributes {
  /** Units (0054,1001): BQML, CNTS, GML, CM2ML, CPS, PROPCNTS, ... */
  readonly units?: string;
  /** Decay Correction (0054,1102): START, ADMIN or NONE. */
  readonly decayCorrection?: string;
  /** Corrected Image (0028,0051) values, e.g. ATTN, DECY. */
  readonly correctedImage?: readonly string[];
  /** SUV Type (0054,1006): BW, LBM, LBMJAMES128, LBMJANMA, IBW, BSA. */
  readonly suvType?: string;
  /** Frame Reference Time (0054,1300), ms. */
  readonly frameReferenceTimeMs?: number;
  /** Actual Frame Duration (0018,1242), ms. */
  readonly actualFrameDurationMs?: number;
  /** Radiopharmaceutical Information Sequence (0054,0016) items. */
  readonly radiopharmaceuticals: readonly RadiopharmaceuticalInfo[];
  /** Philips private (7053,1000) SUV Scale Factor. */
  readonly philipsSuvScaleFactor?: number;
  /** Philips private (7053,1009) Activity Concentration Scale Factor (Bq/ml per rescaled unit). */
  readonly philipsActivityConcentrationScaleFactor?: number;
  /** GE private (0009,100D) "GEMS_PETD_01" scan datetime, DT as written. */
  readonly geScanDateTime?: string;
}

/** One DICOM image read from a Part 10 file. */
export interface DicomImageDataset {
  /** Where it came from (file path or a caller-given label), for messages. */
  readonly source: string;
  readonly transferSyntaxUid: string;
  readonly modality: string;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly seriesDescription?: string;
  /** Image Position (Patient) (0020,0032): centre of the first transmitted voxel, mm, LPS. */
  readonly imagePositionPatientMm?: readonly [number, number, number];
  /** Image Orientation (Patient) (0020,0037): row then column direction cosines. */
  readonly imageOrientationPatient?: readonly [number, number, number, number, number, number];
  /** Pixel Spacing (0028,0030): [between rows, between columns], mm. */
  readonly pixelSpacingMm?: readonly [number, number];
  /** Slice Thickness (0018,0050), mm. */
  readonly sliceThicknessMm?: number;
  readonly rows: number;
  readonly columns: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: number;
  /** Rescale Slope (0028,1053); DICOM default 1 when absent. */
  readonly rescaleSlope: number;
  /** Rescale Intercept (0028,1052); DICOM default 0 when absent. */
  readonly rescaleIntercept: number;
  /** Whether Rescale Slope/Intercept were present (PET requires them; CT may omit them). */
  readonly hasRescale: boolean;
  readonly seriesDate?: string;
  readonly seriesTime?: string;
  readonly acquisitionDate?: string;
  readonly acquisitionTime?: string;
  /** Patient's Weight (0010,1030), declared kg. */
  readonly patientWeightKg?: number;
  /** Patient's Size (0010,1020), declared m. */
  readonly patientSizeM?: number;
  /** Patient's Sex (0010,0040): M, F or O. */
  readonly patientSex?: string;
  /** Present when Modality is PT. */
  readonly pet?: PetAttributes;
  /** Stored values, row by row, `rows * columns` of them. */
  readonly storedPixels: StoredPixels;
  /**
   * Multi-frame (Enhanced) objects only: every frame as the equivalent single-frame image, functional
   * groups resolved; the object's own fields are those of its first frame. `imageFrames` expands a list.
   */
  readonly frames?: readonly DicomImageDataset[];
}
