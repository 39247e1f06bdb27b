/** Builds NM whole-body DICOM objects with the Part 10 writer for the tests. */
import { codeItem, encodePart10File, formatDecimalString, tag, uidFromName, type DicomElement } from '@bonemet/dicom';

export interface NmFrameSpec {
  readonly pixels: Uint16Array;
  /** View code [value, scheme, meaning], or undefined to leave the View Code Sequence out. */
  readonly viewCode?: readonly [string, string, string];
  readonly imageOrientationPatient?: readonly number[];
}

export const anteriorCode = ['399321004', 'SCT', 'Anterior projection'] as const;
export const posteriorCode = ['399001007', 'SCT', 'Posterior projection'] as const;

export function nmWholeBodyFile(
  name: string,
  frames: readonly NmFrameSpec[],
  rows: number,
  columns: number,
  extra: { modality?: string; imageType3?: string } = {},
): Uint8Array {
  const sopInstanceUid = uidFromName(`${name} instance`);
  const sopClassUid = '1.2.840.10008.5.1.4.1.1.20';
  const pixelBytes = new Uint8Array(frames.length * rows * columns * 2);
  const view = new DataView(pixelBytes.buffer);
  frames.forEach((frame, f) =>
    frame.pixels.forEach((value, i) => view.setUint16(2 * (f * rows * columns + i), value, true)),
  );
  const detectorItems = frames.map((frame): DicomElement[] => [
    { tag: tag(0x0020, 0x0032), vr: 'DS', value: '' },
    {
      tag: tag(0x0020, 0x0037),
      vr: 'DS',
      value: frame.imageOrientationPatient === undefined ? '' : frame.imageOrientationPatient.map(formatDecimalString),
    },
    { tag: tag(0x0018, 0x1180), vr: 'SH', value: 'LEHR' },
    { tag: tag(0x0018, 0x1181), vr: 'CS', value: 'PARA' },
    ...(frame.viewCode === undefined
      ? []
      : [
          {
            tag: tag(0x0054, 0x0220),
            vr: 'SQ' as const,
            value: [
              [
                ...codeItem(frame.viewCode[0], frame.viewCode[1], frame.viewCode[2]),
                { tag: tag(0x0054, 0x0222), vr: 'SQ' as const, value: [] },
              ],
            ],
          },
        ]),
  ]);
  const elements: DicomElement[] = [
    {
      tag: tag(0x0008, 0x0008),
      vr: 'CS',
      value: ['ORIGINAL', 'PRIMARY', extra.imageType3 ?? 'WHOLE BODY', 'EMISSION'],
    },
    { tag: tag(0x0008, 0x0016), vr: 'UI', value: sopClassUid },
    { tag: tag(0x0008, 0x0018), vr: 'UI', value: sopInstanceUid },
    { tag: tag(0x0008, 0x0020), vr: 'DA', value: '20240301' },
    { tag: tag(0x0008, 0x0022), vr: 'DA', value: '20240301' },
    { tag: tag(0x0008, 0x0030), vr: 'TM', value: '120000' },
    { tag: tag(0x0008, 0x0032), vr: 'TM', value: '120000' },
    { tag: tag(0x0008, 0x0050), vr: 'SH', value: '' },
    { tag: tag(0x0008, 0x0060), vr: 'CS', value: extra.modality ?? 'NM' },
    { tag: tag(0x0008, 0x0070), vr: 'LO', value: 'bonemet tests' },
    { tag: tag(0x0008, 0x0090), vr: 'PN', value: '' },
    { tag: tag(0x0010, 0x0010), vr: 'PN', value: 'Test^Bonescan' },
    { tag: tag(0x0010, 0x0020), vr: 'LO', value: 'BS1' },
    { tag: tag(0x0010, 0x0030), vr: 'DA', value: '' },
    { tag: tag(0x0010, 0x0040), vr: 'CS', value: 'F' },
    { tag: tag(0x0018, 0x0070), vr: 'IS', value: '1000000' },
    { tag: tag(0x0018, 0x1242), vr: 'IS', value: '900000' },
    { tag: tag(0x0018, 0x1300), vr: 'DS', value: '2' },
    { tag: tag(0x0018, 0x1301), vr: 'CS', value: '1PS' },
    { tag: tag(0x0018, 0x1302), vr: 'IS', value: String(rows * 2) },
    { tag: tag(0x0020, 0x000d), vr: 'UI', value: uidFromName(`${name} study`) },
    { tag: tag(0x0020, 0x000e), vr: 'UI', value: uidFromName(`${name} series`) },
    { tag: tag(0x0020, 0x0010), vr: 'SH', value: '1' },
    { tag: tag(0x0020, 0x0011), vr: 'IS', value: '1' },
    { tag: tag(0x0020, 0x0013), vr: 'IS', value: '1' },
    { tag: tag(0x0020, 0x0020), vr: 'CS', value: '' },
    { tag: tag(0x0020, 0x0060), vr: 'CS', value: '' },
    { tag: tag(0x0028, 0x0002), vr: 'US', value: [1] },
    { tag: tag(0x0028, 0x0004), vr: 'CS', value: 'MONOCHROME2' },
    { tag: tag(0x0028, 0x0008), vr: 'IS', value: String(frames.length) },
    { tag: tag(0x0028, 0x0009), vr: 'AT', value: [tag(0x0054, 0x0010), tag(0x0054, 0x0020)] },
    { tag: tag(0x0028, 0x0010), vr: 'US', value: [rows] },
    { tag: tag(0x0028, 0x0011), vr: 'US', value: [columns] },
    { tag: tag(0x0028, 0x0030), vr: 'DS', value: ['2.4', '2.4'] },
    { tag: tag(0x0028, 0x0100), vr: 'US', value: [16] },
    { tag: tag(0x0028, 0x0101), vr: 'US', value: [16] },
    { tag: tag(0x0028, 0x0102), vr: 'US', value: [15] },
    { tag: tag(0x0028, 0x0103), vr: 'US', value: [0] },
    { tag: tag(0x0054, 0x0010), vr: 'US', value: frames.map(() => 1) },
    { tag: tag(0x0054, 0x0011), vr: 'US', value: [1] },
    {
      tag: tag(0x0054, 0x0012),
      vr: 'SQ',
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
          { tag: tag(0x0018, 0x1072), vr: 'TM', value: '090000' },
          { tag: tag(0x0018, 0x1074), vr: 'DS', value: '740' },
          { tag: tag(0x0054, 0x0300), vr: 'SQ', value: [] },
        ],
      ],
    },
    { tag: tag(0x0054, 0x0020), vr: 'US', value: frames.map((_, i) => i + 1) },
    { tag: tag(0x0054, 0x0021), vr: 'US', value: [frames.length] },
    { tag: tag(0x0054, 0x0022), vr: 'SQ', value: detectorItems },
    { tag: tag(0x0054, 0x0410), vr: 'SQ', value: [] },
    { tag: tag(0x0054, 0x0414), vr: 'SQ', value: [] },
    { tag: tag(0x7fe0, 0x0010), vr: 'OW', value: pixelBytes },
  ];
  return encodePart10File(sopClassUid, sopInstanceUid, elements);
}
