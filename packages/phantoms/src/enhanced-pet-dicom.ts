/**
 * The phantom's PET as one multi-frame Enhanced PET Image Storage object (PS3.3 A.56), one frame per axial
 * slice, Explicit VR Little Endian. Patient, study, series, equipment and radiopharmaceutical attributes
 * are those of the classic writer (phantom-dicom.ts); the stored values and Rescale Slopes of each frame
 * are those of the classic slice, so both objects hold the same activity concentrations. Units are Bq/ml
 * in every vendor style (the vendor style names the manufacturer and the study only: Enhanced PET has no
 * place for the Philips counts scale factors). Decay corrected to the scan start, as the classic series.
 */
import {
  codeItem,
  encodePart10File,
  formatDecimalString,
  formatIntegerString,
  tag,
  uidFromName,
  type DicomElement,
} from '@bonemet/dicom';
import { formatDt } from './dicom-times.js';
import type { PetCtPhantom } from './pet-ct-phantom.js';
import {
  axialOrientationValue,
  instanceNumberOf,
  petBitsStored,
  petSliceStoredValues,
  petSliceTiming,
  phantomUids,
  pixelBytes,
  pixelSpacingValue,
  radiopharmaceuticalElements,
  scanStartMs,
  sharedHeaderElements,
  slicePositionValue,
} from './phantom-dicom.js';
import type { VendorStyle } from './vendor-styles.js';

export const enhancedPetImageStorageUid = '1.2.840.10008.5.1.4.1.1.130';

export interface EncodedEnhancedPet {
  /** File name, "EPT0001.dcm". */
  readonly fileName: string;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly numberOfFrames: number;
  readonly bytes: Uint8Array;
}

const ds = (value: number): string => formatDecimalString(value);
const item = (sequenceTag: number, elements: DicomElement[]): DicomElement => ({
  tag: sequenceTag,
  vr: 'SQ',
  value: [elements],
});

/** Positron fraction of fluorine-18, 0.9686 (NNDC/LNHB decay data, as tabulated in DICOM PS3.3 examples). */
const fluorine18PositronFraction = '0.9686';

/** Frame Type and the image description values of an original, primary volume (PS3.3 C.8.16.1, C.8.16.2). */
const originalVolumeType = ['ORIGINAL', 'PRIMARY', 'VOLUME', 'NONE'];
const imageDescription: DicomElement[] = [
  { tag: tag(0x0008, 0x9205), vr: 'CS', value: 'MONOCHROME' },
  { tag: tag(0x0008, 0x9206), vr: 'CS', value: 'VOLUME' },
  { tag: tag(0x0008, 0x9207), vr: 'CS', value: 'NONE' },
];

/** Encodes the Enhanced PET object of `phantom` (frames from the top of the body down, as the beds run). */
export function encodeEnhancedPetImage(phantom: PetCtPhantom, vendor: VendorStyle = 'siemens'): EncodedEnhancedPet {
  const { geometry, options } = phantom;
  const nz = geometry.dimensions[2];
  const ids = phantomUids(phantom, vendor);
  const seriesInstanceUid = uidFromName(`${ids.root}/enhanced-pet-series`);
  const sopInstanceUid = uidFromName(`${ids.root}/enhanced-pet/1`);
  const dimensionOrganizationUid = uidFromName(`${ids.root}/enhanced-pet/dimensions`);
  const startMs = scanStartMs(phantom);
  const bits = petBitsStored;
  const maxStoredValue = 2 ** (bits - 1) - 1;
  const frameDurationMs = options.bedDurationS * 1000;
  const beds = Math.max(...Array.from({ length: nz }, (_, k) => petSliceTiming(phantom, k).bedIndex)) + 1;

  // Frames in instance order: frame n is the classic slice with Instance Number n.
  const sliceOfFrame = Array.from({ length: nz }, (_, n) => nz - 1 - n);
  const pixels = new Int32Array(geometry.dimensions[0] * geometry.dimensions[1] * nz);
  const perFrame = sliceOfFrame.map((k, n): DicomElement[] => {
    const { stored, slopeText } = petSliceStoredValues(phantom, k, 1);
    pixels.set(stored, n * stored.length);
    const timing = petSliceTiming(phantom, k);
    const inStackPosition = instanceNumberOf(phantom, k);
    const [x0, y0] = geometry.originMm;
    const zMm = geometry.originMm[2] + k * geometry.spacingMm[2];
    return [
      item(tag(0x0020, 0x9111), [
        { tag: tag(0x0018, 0x9074), vr: 'DT', value: formatDt(timing.acquisitionStartMs) },
        // Frame Reference DateTime: the mean-count time, Frame Reference Time after the decay reference.
        { tag: tag(0x0018, 0x9151), vr: 'DT', value: formatDt(startMs + Math.round(timing.frameReferenceTimeMs)) },
        { tag: tag(0x0018, 0x9220), vr: 'FD', value: [frameDurationMs] },
        { tag: tag(0x0020, 0x9056), vr: 'SH', value: '1' },
        { tag: tag(0x0020, 0x9057), vr: 'UL', value: [inStackPosition] },
        { tag: tag(0x0020, 0x9128), vr: 'UL', value: [1] },
        { tag: tag(0x0020, 0x9157), vr: 'UL', value: [1, inStackPosition] },
      ]),
      item(tag(0x0020, 0x9113), [{ tag: tag(0x0020, 0x0032), vr: 'DS', value: slicePositionValue(phantom, k) }]),
      item(tag(0x0028, 0x9145), [
        { tag: tag(0x0028, 0x1052), vr: 'DS', value: '0' },
        { tag: tag(0x0028, 0x1053), vr: 'DS', value: slopeText },
        { tag: tag(0x0028, 0x1054), vr: 'LO', value: 'US' },
      ]),
      // The units: Real World Value Mapping to Bq/ml, UCUM code of CID 84 "PET Units", same linear map.
      item(tag(0x0040, 0x9096), [
        { tag: tag(0x0028, 0x3003), vr: 'LO', value: 'Activity concentration' },
        { tag: tag(0x0040, 0x08ea), vr: 'SQ', value: [codeItem('Bq/ml', 'UCUM', 'Becquerels/milliliter')] },
        { tag: tag(0x0040, 0x9210), vr: 'SH', value: 'BQML' },
        { tag: tag(0x0040, 0x9211), vr: 'SS', value: [maxStoredValue] },
        { tag: tag(0x0040, 0x9216), vr: 'SS', value: [0] },
        { tag: tag(0x0040, 0x9224), vr: 'FD', value: [0] },
        { tag: tag(0x0040, 0x9225), vr: 'FD', value: [Number(slopeText)] },
      ]),
      item(tag(0x0018, 0x9735), [
        { tag: tag(0x0018, 0x9327), vr: 'FD', value: [zMm] },
        {
          tag: tag(0x0018, 0x9313),
          vr: 'FD',
          value: [
            x0 + ((geometry.dimensions[0] - 1) * geometry.spacingMm[0]) / 2,
            y0 + ((geometry.dimensions[1] - 1) * geometry.spacingMm[1]) / 2,
            zMm,
          ],
        },
        {
          tag: tag(0x0018, 0x9318),
          vr: 'FD',
          value: [
            x0 + ((geometry.dimensions[0] - 1) * geometry.spacingMm[0]) / 2,
            y0 + ((geometry.dimensions[1] - 1) * geometry.spacingMm[1]) / 2,
            zMm,
          ],
        },
      ]),
      item(tag(0x0018, 0x9736), [
        { tag: tag(0x0054, 0x1310), vr: 'IS', value: '0' },
        { tag: tag(0x0054, 0x1320), vr: 'DS', value: '1' },
        { tag: tag(0x0054, 0x1321), vr: 'DS', value: ds(timing.decayFactor) },
        { tag: tag(0x0054, 0x1323), vr: 'DS', value: '0' },
        { tag: tag(0x0054, 0x1324), vr: 'DS', value: '1' },
      ]),
    ];
  });

  const shared: DicomElement[] = [
    item(tag(0x0028, 0x9110), [
      { tag: tag(0x0018, 0x0050), vr: 'DS', value: ds(geometry.spacingMm[2]) },
      { tag: tag(0x0028, 0x0030), vr: 'DS', value: pixelSpacingValue(phantom) },
    ]),
    item(tag(0x0020, 0x9116), [{ tag: tag(0x0020, 0x0037), vr: 'DS', value: axialOrientationValue }]),
    item(tag(0x0018, 0x9751), [{ tag: tag(0x0008, 0x9007), vr: 'CS', value: originalVolumeType }, ...imageDescription]),
    item(tag(0x0018, 0x9737), [{ tag: tag(0x0018, 0x9729), vr: 'US', value: [1] }]),
    item(tag(0x0020, 0x9071), [
      { tag: tag(0x0008, 0x2218), vr: 'SQ', value: [codeItem('38266002', 'SCT', 'Entire body')] },
      { tag: tag(0x0020, 0x9072), vr: 'CS', value: 'U' },
    ]),
    item(tag(0x0018, 0x9732), [
      { tag: tag(0x0018, 0x0090), vr: 'DS', value: '700' },
      { tag: tag(0x0018, 0x1120), vr: 'DS', value: '0' },
      { tag: tag(0x0018, 0x1121), vr: 'DS', value: '0' },
      { tag: tag(0x0018, 0x1130), vr: 'DS', value: '150' },
    ]),
    item(tag(0x0018, 0x9749), [
      { tag: tag(0x0018, 0x1100), vr: 'DS', value: ds(geometry.dimensions[0] * geometry.spacingMm[0]) },
      { tag: tag(0x0018, 0x9315), vr: 'CS', value: 'OSEM' },
      { tag: tag(0x0018, 0x9739), vr: 'US', value: [3] },
      { tag: tag(0x0018, 0x9740), vr: 'US', value: [21] },
      { tag: tag(0x0018, 0x9756), vr: 'CS', value: '3D' },
      { tag: tag(0x0018, 0x9769), vr: 'CS', value: 'YES' },
    ]),
  ];

  const radiopharmaceutical: DicomElement[] = [
    ...radiopharmaceuticalElements(phantom, { name: false, startTime: false, startDateTime: true }),
    { tag: tag(0x0018, 0x1076), vr: 'DS', value: fluorine18PositronFraction },
    { tag: tag(0x0018, 0x9729), vr: 'US', value: [1] },
    // CID 11 Route of Administration.
    { tag: tag(0x0054, 0x0302), vr: 'SQ', value: [codeItem('47625008', 'SCT', 'Intravenous route')] },
  ];

  const elements: DicomElement[] = [
    ...sharedHeaderElements(
      phantom,
      vendor,
      {
        modality: 'PT',
        uid: seriesInstanceUid,
        number: 3,
        description: `SYNTHETIC PET WB ENHANCED ${vendor.toUpperCase()} STYLE`,
        sopClassUid: enhancedPetImageStorageUid,
        sopInstanceUid,
      },
      startMs,
    ),
    // Enhanced PET Image (PS3.3 C.8.22.3).
    { tag: tag(0x0008, 0x0008), vr: 'CS', value: originalVolumeType },
    ...imageDescription,
    { tag: tag(0x0008, 0x002a), vr: 'DT', value: formatDt(startMs) },
    { tag: tag(0x0018, 0x9073), vr: 'FD', value: [beds * options.bedDurationS] },
    { tag: tag(0x0018, 0x9004), vr: 'CS', value: 'RESEARCH' },
    { tag: tag(0x0028, 0x0301), vr: 'CS', value: 'NO' },
    { tag: tag(0x0028, 0x2110), vr: 'CS', value: '00' },
    { tag: tag(0x2050, 0x0020), vr: 'CS', value: 'IDENTITY' },
    { tag: tag(0x0028, 0x0100), vr: 'US', value: [bits] },
    { tag: tag(0x0028, 0x0101), vr: 'US', value: [bits] },
    { tag: tag(0x0028, 0x0102), vr: 'US', value: [bits - 1] },
    { tag: tag(0x0028, 0x0103), vr: 'US', value: [1] },
    // Enhanced General Equipment (PS3.3 C.7.5.2).
    { tag: tag(0x0018, 0x1000), vr: 'LO', value: 'SYNTHETIC' },
    { tag: tag(0x0018, 0x1020), vr: 'LO', value: 'bonemet phantoms' },
    // Acquisition Context (PS3.3 C.7.6.14): nothing to record.
    { tag: tag(0x0040, 0x0555), vr: 'SQ', value: [] },
    // Multi-frame Functional Groups (PS3.3 C.7.6.16).
    { tag: tag(0x0020, 0x0013), vr: 'IS', value: '1' },
    { tag: tag(0x0028, 0x0008), vr: 'IS', value: formatIntegerString(nz) },
    { tag: tag(0x5200, 0x9229), vr: 'SQ', value: [shared] },
    { tag: tag(0x5200, 0x9230), vr: 'SQ', value: perFrame },
    // Multi-frame Dimension (PS3.3 C.7.6.17): one stack, frames by In-Stack Position.
    {
      tag: tag(0x0020, 0x9221),
      vr: 'SQ',
      value: [[{ tag: tag(0x0020, 0x9164), vr: 'UI', value: dimensionOrganizationUid }]],
    },
    {
      tag: tag(0x0020, 0x9222),
      vr: 'SQ',
      value: [tag(0x0020, 0x9056), tag(0x0020, 0x9057)].map((pointer) => [
        { tag: tag(0x0020, 0x9164), vr: 'UI', value: dimensionOrganizationUid },
        { tag: tag(0x0020, 0x9165), vr: 'AT', value: [pointer] },
        { tag: tag(0x0020, 0x9167), vr: 'AT', value: [tag(0x0020, 0x9111)] },
      ]),
    },
    // Enhanced PET Isotope (PS3.3 C.8.22.4).
    { tag: tag(0x0054, 0x0016), vr: 'SQ', value: [radiopharmaceutical] },
    // Enhanced PET Acquisition (PS3.3 C.8.22.2): a stationary ring, step-and-shoot beds.
    { tag: tag(0x0018, 0x0071), vr: 'CS', value: 'TIME' },
    { tag: tag(0x0018, 0x0073), vr: 'CS', value: 'MANU' },
    { tag: tag(0x0018, 0x9722), vr: 'FD', value: [options.bedDurationS] },
    { tag: tag(0x0054, 0x0202), vr: 'CS', value: 'STATIONARY' },
    { tag: tag(0x0018, 0x9725), vr: 'CS', value: 'CYLINDRICAL_RING' },
    { tag: tag(0x0018, 0x9726), vr: 'FD', value: [820] },
    { tag: tag(0x0018, 0x9727), vr: 'FD', value: [260] },
    { tag: tag(0x0018, 0x1181), vr: 'CS', value: 'NONE' },
    { tag: tag(0x0054, 0x1210), vr: 'DS', value: '4.1' },
    {
      tag: tag(0x0054, 0x0013),
      vr: 'SQ',
      value: [
        [
          { tag: tag(0x0054, 0x0014), vr: 'DS', value: '435' },
          { tag: tag(0x0054, 0x0015), vr: 'DS', value: '650' },
        ],
      ],
    },
    // Step and shoot: the table is at rest while each bed is acquired.
    { tag: tag(0x0018, 0x1134), vr: 'CS', value: 'STATIC' },
    { tag: tag(0x0018, 0x9755), vr: 'CS', value: 'FALSE' },
    // Transverse slices, frames from head to feet.
    { tag: tag(0x0054, 0x0220), vr: 'SQ', value: [codeItem('62824007', 'SCT', 'Transverse')] },
    { tag: tag(0x0054, 0x0500), vr: 'CS', value: 'CRANIO_CAUDAL' },
    // Enhanced PET Corrections (PS3.3 C.8.22.5): as the classic series' Corrected Image, decay to the scan start.
    { tag: tag(0x0054, 0x1002), vr: 'CS', value: 'EMISSION' },
    { tag: tag(0x0018, 0x9758), vr: 'CS', value: 'YES' },
    { tag: tag(0x0018, 0x9759), vr: 'CS', value: 'YES' },
    { tag: tag(0x0018, 0x9760), vr: 'CS', value: 'YES' },
    { tag: tag(0x0018, 0x9761), vr: 'CS', value: 'YES' },
    { tag: tag(0x0018, 0x9762), vr: 'CS', value: 'NO' },
    { tag: tag(0x0018, 0x9763), vr: 'CS', value: 'NO' },
    { tag: tag(0x0018, 0x9764), vr: 'CS', value: 'NO' },
    { tag: tag(0x0018, 0x9765), vr: 'CS', value: 'YES' },
    { tag: tag(0x0018, 0x9766), vr: 'CS', value: 'NO' },
    { tag: tag(0x0018, 0x9767), vr: 'CS', value: 'YES' },
    { tag: tag(0x0018, 0x9768), vr: 'CS', value: 'YES' },
    { tag: tag(0x0054, 0x1100), vr: 'CS', value: 'DLYD' },
    { tag: tag(0x0018, 0x9738), vr: 'CS', value: 'CT' },
    { tag: tag(0x0018, 0x9770), vr: 'CS', value: 'CONCURRENT' },
    { tag: tag(0x0054, 0x1105), vr: 'LO', value: 'MODEL BASED' },
    { tag: tag(0x0018, 0x9701), vr: 'DT', value: formatDt(startMs) },
    { tag: tag(0x7fe0, 0x0010), vr: 'OW', value: pixelBytes(pixels, true) },
  ];
  return {
    fileName: 'EPT0001.dcm',
    sopInstanceUid,
    seriesInstanceUid,
    numberOfFrames: nz,
    bytes: encodePart10File(enhancedPetImageStorageUid, sopInstanceUid, elements),
  };
}
