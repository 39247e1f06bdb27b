/**
 * The bone-scan phantom as NM Image Storage (PS3.3 A.5, NM Image IOD): one multi-frame object holding the
 * anterior and posterior frames, as dual-head whole-body systems store a sweep, or one object per view.
 * Explicit VR Little Endian, 16-bit unsigned counts.
 *
 * Frames are told apart the way PS3.3 C.8.4.8 and C.8.4.10 define for WHOLE BODY images: the Frame
 * Increment Pointer names Energy Window Vector and Detector Vector, and each frame's detector item in the
 * Detector Information Sequence carries its View Code Sequence (CID 26: anterior projection SCT 399321004,
 * posterior projection SCT 399001007) and Image Orientation (Patient). Each view is stored as its head
 * sees the patient (anterior: the patient's left on image right; posterior: on image left), head at row 0,
 * and the orientation says so: row direction +x (towards the patient's left, LPS) for the anterior head,
 * −x for the posterior head, column direction −z (towards the feet) for both.
 * Every object says SYNTHETIC in Patient's Name, Study and Series Description and Image Comments.
 */
import { createHash } from 'node:crypto';
import {
  codeItem,
  encodePart10File,
  formatDecimalString,
  formatIntegerString,
  tag,
  uidFromName,
  type DicomElement,
} from '@bonemet/dicom';
import type { BoneScanPhantom, BoneScanPhantomView, BoneScanViewName } from './bone-scan-phantom.js';
import { dateTimeMs, formatTm } from './dicom-times.js';
import { pixelBytes } from './phantom-dicom.js';

export const nmImageStorageUid = '1.2.840.10008.5.1.4.1.1.20';

/** View codes of CID 26 Nuclear Medicine Projection (PS3.16). */
const viewCodes: Readonly<Record<BoneScanViewName, readonly [string, string, string]>> = {
  anterior: ['399321004', 'SCT', 'Anterior projection'],
  posterior: ['399001007', 'SCT', 'Posterior projection'],
};

/** Image Orientation (Patient) of each stored view (see the module comment). */
const viewOrientation: Readonly<Record<BoneScanViewName, readonly number[]>> = {
  anterior: [1, 0, 0, 0, 0, -1],
  posterior: [-1, 0, 0, 0, 0, -1],
};

/** Scan date and time written in every phantom object; the injection is `uptakeMinutes` (at most 6 h) earlier, the same day. */
const scanDate = '20240301';
const scanTime = '120000';

const ds = (value: number): string => formatDecimalString(value);

function fingerprint(phantom: BoneScanPhantom): string {
  return createHash('sha256').update(JSON.stringify(phantom.options)).digest('hex').slice(0, 32);
}

function detectorItem(view: BoneScanViewName): DicomElement[] {
  const [value, scheme, meaning] = viewCodes[view];
  return [
    { tag: tag(0x0018, 0x1180), vr: 'SH', value: 'LEHR' },
    { tag: tag(0x0018, 0x1181), vr: 'CS', value: 'PARA' },
    { tag: tag(0x0020, 0x0032), vr: 'DS', value: '' },
    { tag: tag(0x0020, 0x0037), vr: 'DS', value: viewOrientation[view].map(ds) },
    {
      tag: tag(0x0054, 0x0220),
      vr: 'SQ',
      value: [[...codeItem(value, scheme, meaning), { tag: tag(0x0054, 0x0222), vr: 'SQ', value: [] }]],
    },
  ];
}

/** One NM object with the given views as frames (frame n from detector n). */
function encodeNm(phantom: BoneScanPhantom, views: readonly BoneScanPhantomView[], instance: string): Uint8Array {
  const { options, habitus, columns, rows, pixelSizeMm } = phantom;
  const root = `bonemet-bonescan-phantom/${fingerprint(phantom)}`;
  const sopInstanceUid = uidFromName(`${root}/${instance}`);
  const scanMs = dateTimeMs(scanDate, scanTime);
  const injectionMs = scanMs - options.uptakeMinutes * 60_000;
  const velocityMmPerS = options.scanSpeedCmPerMin / 6;
  const scanLengthMm = rows * pixelSizeMm;
  const pixels = new Uint16Array(views.length * rows * columns);
  views.forEach((view, index) => pixels.set(view.counts, index * rows * columns));
  const totalCounts = views.reduce((sum, view) => sum + view.totalCounts, 0);
  const elements: DicomElement[] = [
    { tag: tag(0x0008, 0x0008), vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'WHOLE BODY', 'EMISSION'] },
    { tag: tag(0x0008, 0x0016), vr: 'UI', value: nmImageStorageUid },
    { tag: tag(0x0008, 0x0018), vr: 'UI', value: sopInstanceUid },
    { tag: tag(0x0008, 0x0020), vr: 'DA', value: scanDate },
    { tag: tag(0x0008, 0x0022), vr: 'DA', value: scanDate },
    { tag: tag(0x0008, 0x0030), vr: 'TM', value: scanTime },
    { tag: tag(0x0008, 0x0032), vr: 'TM', value: scanTime },
    { tag: tag(0x0008, 0x0050), vr: 'SH', value: '' },
    { tag: tag(0x0008, 0x0060), vr: 'CS', value: 'NM' },
    { tag: tag(0x0008, 0x0070), vr: 'LO', value: 'bonemet' },
    { tag: tag(0x0008, 0x0090), vr: 'PN', value: '' },
    { tag: tag(0x0008, 0x1030), vr: 'LO', value: 'SYNTHETIC WHOLE-BODY BONE SCAN PHANTOM' },
    {
      tag: tag(0x0008, 0x103e),
      vr: 'LO',
      value: `SYNTHETIC BONE SCAN ${views.map((v) => v.view.toUpperCase()).join('+')}`,
    },
    { tag: tag(0x0008, 0x1090), vr: 'LO', value: 'BONEMET SYNTHETIC PHANTOM' },
    { tag: tag(0x0010, 0x0010), vr: 'PN', value: 'SYNTHETIC^BONESCAN' },
    { tag: tag(0x0010, 0x0020), vr: 'LO', value: `SYNTHETIC-BS-${options.seed}` },
    { tag: tag(0x0010, 0x0030), vr: 'DA', value: '' },
    { tag: tag(0x0010, 0x0040), vr: 'CS', value: habitus.sex },
    { tag: tag(0x0010, 0x1020), vr: 'DS', value: ds(Math.round(habitus.heightCm) / 100) },
    // Body Part Examined: an unpaired region, so Laterality (Type 2C) is absent.
    { tag: tag(0x0018, 0x0015), vr: 'CS', value: 'WHOLEBODY' },
    { tag: tag(0x0018, 0x0070), vr: 'IS', value: formatIntegerString(totalCounts) },
    {
      tag: tag(0x0018, 0x1242),
      vr: 'IS',
      value: formatIntegerString(Math.round((scanLengthMm / velocityMmPerS) * 1000)),
    },
    { tag: tag(0x0018, 0x1300), vr: 'DS', value: ds(velocityMmPerS) },
    { tag: tag(0x0018, 0x1301), vr: 'CS', value: '1PS' },
    { tag: tag(0x0018, 0x1302), vr: 'IS', value: formatIntegerString(Math.round(scanLengthMm)) },
    { tag: tag(0x0020, 0x000d), vr: 'UI', value: uidFromName(`${root}/study`) },
    { tag: tag(0x0020, 0x000e), vr: 'UI', value: uidFromName(`${root}/series/${instance}`) },
    { tag: tag(0x0020, 0x0010), vr: 'SH', value: '1' },
    { tag: tag(0x0020, 0x0011), vr: 'IS', value: '1' },
    { tag: tag(0x0020, 0x0013), vr: 'IS', value: '1' },
    { tag: tag(0x0020, 0x0020), vr: 'CS', value: '' },
    { tag: tag(0x0020, 0x4000), vr: 'LT', value: 'SYNTHETIC PHANTOM - NOT PATIENT DATA' },
    { tag: tag(0x0028, 0x0002), vr: 'US', value: [1] },
    { tag: tag(0x0028, 0x0004), vr: 'CS', value: 'MONOCHROME2' },
    { tag: tag(0x0028, 0x0008), vr: 'IS', value: String(views.length) },
    { tag: tag(0x0028, 0x0009), vr: 'AT', value: [tag(0x0054, 0x0010), tag(0x0054, 0x0020)] },
    { tag: tag(0x0028, 0x0010), vr: 'US', value: [rows] },
    { tag: tag(0x0028, 0x0011), vr: 'US', value: [columns] },
    { tag: tag(0x0028, 0x0030), vr: 'DS', value: [ds(pixelSizeMm), ds(pixelSizeMm)] },
    { tag: tag(0x0028, 0x0100), vr: 'US', value: [16] },
    { tag: tag(0x0028, 0x0101), vr: 'US', value: [16] },
    { tag: tag(0x0028, 0x0102), vr: 'US', value: [15] },
    { tag: tag(0x0028, 0x0103), vr: 'US', value: [0] },
    { tag: tag(0x0054, 0x0010), vr: 'US', value: views.map(() => 1) },
    { tag: tag(0x0054, 0x0011), vr: 'US', value: [1] },
    {
      tag: tag(0x0054, 0x0012),
      vr: 'SQ',
      // 140 keV ± 10 %: a 20 % window centred on the 99mTc photopeak (EANM 2016, reference note §4.2).
      value: [
        [
          {
            tag: tag(0x0054, 0x0013),
            vr: 'SQ',
            value: [
              [
                { tag: tag(0x0054, 0x0014), vr: 'DS', value: '126' },
                { tag: tag(0x0054, 0x0015), vr: 'DS', value: '154' },
              ],
            ],
          },
        ],
      ],
    },
    {
      tag: tag(0x0054, 0x0016),
      vr: 'SQ',
      value: [
        [
          { tag: tag(0x0018, 0x0031), vr: 'LO', value: '99mTc-HDP' },
          { tag: tag(0x0018, 0x1072), vr: 'TM', value: formatTm(injectionMs) },
          { tag: tag(0x0018, 0x1074), vr: 'DS', value: ds(options.administeredActivityMBq) },
          { tag: tag(0x0054, 0x0300), vr: 'SQ', value: [] },
        ],
      ],
    },
    { tag: tag(0x0054, 0x0020), vr: 'US', value: views.map((_, index) => index + 1) },
    { tag: tag(0x0054, 0x0021), vr: 'US', value: [views.length] },
    { tag: tag(0x0054, 0x0022), vr: 'SQ', value: views.map((view) => detectorItem(view.view)) },
    { tag: tag(0x0054, 0x0410), vr: 'SQ', value: [] },
    { tag: tag(0x0054, 0x0414), vr: 'SQ', value: [] },
    { tag: tag(0x7fe0, 0x0010), vr: 'OW', value: pixelBytes(pixels, false) },
  ];
  return encodePart10File(nmImageStorageUid, sopInstanceUid, elements);
}

/** One NM Image Storage object with two frames: frame 1 anterior (detector 1), frame 2 posterior (detector 2). */
export function encodeBoneScanNm(phantom: BoneScanPhantom): Uint8Array {
  return encodeNm(phantom, phantom.views, 'both-views');
}

/** One single-frame NM Image Storage object per view. */
export function encodeBoneScanNmPerView(phantom: BoneScanPhantom): Record<BoneScanViewName, Uint8Array> {
  const [anterior, posterior] = phantom.views;
  return {
    anterior: encodeNm(phantom, [anterior], 'anterior'),
    posterior: encodeNm(phantom, [posterior], 'posterior'),
  };
}
