import { caughtBonemetError } from '@bonemet/core/testing';
/**
 * Multi-frame reading on small objects written here with the Part 10 writer: each test changes one
 * thing of a minimal Enhanced PET (or Legacy Converted Enhanced PET) object and checks what the reader
 * makes of it against values worked out by hand. The full Enhanced PET IOD (dciodvfy-clean) is tested
 * with the phantom in packages/phantoms (enhanced-pet-dicom.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { petSuvVolume } from './pet-volume.js';
import { readDicomFile } from './read-dicom-file.js';
import { encodePart10File, tag, type DicomElement } from './write/part10-writer.js';

const enhancedPet = '1.2.840.10008.5.1.4.1.1.130';
const legacyConvertedPet = '1.2.840.10008.5.1.4.1.1.128.1';
const item = (sequenceTag: number, elements: DicomElement[]): DicomElement => ({
  tag: sequenceTag,
  vr: 'SQ',
  value: [elements],
});

interface Options {
  readonly sopClassUid?: string;
  readonly frames?: number;
  readonly perFrameItems?: number;
  readonly stackOfFrame?: (frame: number) => string;
  readonly temporalPositionOfFrame?: (frame: number) => number;
  readonly decay?: DicomElement[];
  readonly topLevel?: DicomElement[];
  readonly sharedExtra?: DicomElement[];
  readonly perFrameExtra?: (frame: number) => DicomElement[];
}

/** A 2 x 2, `frames`-frame PET object: frame f at z = 4·f mm, stored values f·10 + (0, 1, 2, 3), slope 0.5. */
function multiFrame(options: Options = {}): Uint8Array {
  const frames = options.frames ?? 3;
  const sopClassUid = options.sopClassUid ?? enhancedPet;
  const pixels = new Uint8Array(frames * 4 * 2);
  const view = new DataView(pixels.buffer);
  for (let f = 0; f < frames; f++) for (let n = 0; n < 4; n++) view.setInt16(2 * (4 * f + n), 10 * f + n, true);
  const perFrame = Array.from({ length: options.perFrameItems ?? frames }, (_, f): DicomElement[] => [
    item(tag(0x0020, 0x9111), [
      // Beds of 120 s, the first starting at 10:00:00.
      { tag: tag(0x0018, 0x9074), vr: 'DT', value: `2024030510${String(2 * f).padStart(2, '0')}00` },
      { tag: tag(0x0018, 0x9220), vr: 'FD', value: [120000] },
      { tag: tag(0x0020, 0x9056), vr: 'SH', value: options.stackOfFrame?.(f) ?? '1' },
      { tag: tag(0x0020, 0x9128), vr: 'UL', value: [options.temporalPositionOfFrame?.(f) ?? 1] },
    ]),
    item(tag(0x0020, 0x9113), [{ tag: tag(0x0020, 0x0032), vr: 'DS', value: ['0', '0', String(4 * f)] }]),
    ...(options.perFrameExtra?.(f) ?? []),
  ]);
  const shared: DicomElement[] = [
    item(tag(0x0028, 0x9110), [
      { tag: tag(0x0018, 0x0050), vr: 'DS', value: '4' },
      { tag: tag(0x0028, 0x0030), vr: 'DS', value: ['2', '3'] },
    ]),
    item(tag(0x0020, 0x9116), [{ tag: tag(0x0020, 0x0037), vr: 'DS', value: ['1', '0', '0', '0', '1', '0'] }]),
    item(tag(0x0028, 0x9145), [
      { tag: tag(0x0028, 0x1052), vr: 'DS', value: '0' },
      { tag: tag(0x0028, 0x1053), vr: 'DS', value: '0.5' },
      { tag: tag(0x0028, 0x1054), vr: 'LO', value: 'BQML' },
    ]),
    ...(options.sharedExtra ?? []),
  ];
  const elements: DicomElement[] = [
    { tag: tag(0x0008, 0x0016), vr: 'UI', value: sopClassUid },
    { tag: tag(0x0008, 0x0018), vr: 'UI', value: '2.25.4242' },
    { tag: tag(0x0008, 0x0060), vr: 'CS', value: 'PT' },
    { tag: tag(0x0010, 0x0040), vr: 'CS', value: 'F' },
    { tag: tag(0x0010, 0x1030), vr: 'DS', value: '70' },
    { tag: tag(0x0020, 0x000e), vr: 'UI', value: '2.25.4243' },
    { tag: tag(0x0028, 0x0002), vr: 'US', value: [1] },
    { tag: tag(0x0028, 0x0004), vr: 'CS', value: 'MONOCHROME2' },
    { tag: tag(0x0028, 0x0008), vr: 'IS', value: String(frames) },
    { tag: tag(0x0028, 0x0010), vr: 'US', value: [2] },
    { tag: tag(0x0028, 0x0011), vr: 'US', value: [2] },
    { tag: tag(0x0028, 0x0100), vr: 'US', value: [16] },
    { tag: tag(0x0028, 0x0101), vr: 'US', value: [16] },
    { tag: tag(0x0028, 0x0102), vr: 'US', value: [15] },
    { tag: tag(0x0028, 0x0103), vr: 'US', value: [1] },
    {
      tag: tag(0x0054, 0x0016),
      vr: 'SQ',
      value: [
        [
          // Injection at 09:00:00 of 370 MBq of an F-18 tracer (half-life 6586.2 s).
          { tag: tag(0x0018, 0x1074), vr: 'DS', value: '370000000' },
          { tag: tag(0x0018, 0x1075), vr: 'DS', value: '6586.2' },
          { tag: tag(0x0018, 0x1078), vr: 'DT', value: '20240305090000' },
        ],
      ],
    },
    ...(options.decay ?? [
      { tag: tag(0x0018, 0x9758), vr: 'CS', value: 'YES' },
      { tag: tag(0x0018, 0x9701), vr: 'DT', value: '20240305100000' },
    ]),
    ...(options.topLevel ?? []),
    { tag: tag(0x5200, 0x9229), vr: 'SQ', value: [shared] },
    { tag: tag(0x5200, 0x9230), vr: 'SQ', value: perFrame },
    { tag: tag(0x7fe0, 0x0010), vr: 'OW', value: pixels },
  ];
  return encodePart10File(sopClassUid, '2.25.4242', elements);
}

describe('Enhanced PET frames as classic slices', () => {
  it('resolves shared and per-frame functional groups into one slice per frame', () => {
    const image = readDicomFile(multiFrame(), 'enhanced.dcm');
    expect(image.frames).toHaveLength(3);
    const second = image.frames?.[1];
    expect(second?.imagePositionPatientMm).toEqual([0, 0, 4]);
    expect(second?.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect(second?.pixelSpacingMm).toEqual([2, 3]);
    expect(second?.rescaleSlope).toBe(0.5);
    expect([...(second?.storedPixels ?? [])]).toEqual([10, 11, 12, 13]);
    // Frame Acquisition DateTime 2024-03-05 10:02:00 and Frame Acquisition Duration 120000 ms.
    expect(second?.acquisitionDate).toBe('20240305');
    expect(second?.acquisitionTime).toBe('100200.000000');
    expect(second?.pet?.actualFrameDurationMs).toBe(120000);
    expect(second?.pet?.units).toBe('BQML');
  });

  it('maps Decay Correction DateTime after the injection to START with that reference: SUVbw by hand', () => {
    const suv = petSuvVolume([readDicomFile(multiFrame(), 'enhanced.dcm')]);
    expect(suv.volume.dimensions).toEqual([2, 2, 3]);
    // PixelSpacing [2, 3] is [between rows, between columns]: spacing along i is 3 mm, along j 2 mm.
    expect(suv.volume.spacingMm).toEqual([3, 2, 4]);
    // SUVbw factor = weight / decayed dose = 70000 g / (370e6 Bq · 2^(−3600 s / 6586.2 s)), for every slice.
    const factor = 70000 / (370e6 * 2 ** (-3600 / 6586.2));
    for (const value of suv.factors.factorsPerSlice) expect(value).toBeCloseTo(factor, 12);
    // Voxel (1, 1, 2): stored 23 × slope 0.5 = 11.5 Bq/ml.
    expect(suv.suv[3 + 4 * 2]).toBeCloseTo(11.5 * factor, 5);
  });

  it('maps a Decay Correction DateTime equal to the injection to ADMIN: factor = weight / dose', () => {
    const decay: DicomElement[] = [
      { tag: tag(0x0018, 0x9758), vr: 'CS', value: 'YES' },
      { tag: tag(0x0018, 0x9701), vr: 'DT', value: '20240305090000' },
    ];
    const image = readDicomFile(multiFrame({ decay }), 'admin.dcm');
    expect(image.frames?.[0]?.pet?.decayCorrection).toBe('ADMIN');
    const suv = petSuvVolume([image]);
    expect(suv.factors.factorsPerSlice[0]).toBeCloseTo(70000 / 370e6, 15);
  });

  it('maps Decay Corrected NO to NONE, each frame corrected over its own acquisition', () => {
    const decay: DicomElement[] = [{ tag: tag(0x0018, 0x9758), vr: 'CS', value: 'NO' }];
    const image = readDicomFile(multiFrame({ decay }), 'none.dcm');
    expect(image.frames?.[0]?.pet?.decayCorrection).toBe('NONE');
    const suv = petSuvVolume([image]);
    // Frame at z = 0 starts at 10:00:00, 3600 s after injection, and lasts T = 120 s (IBSI SUV manual):
    // W/D · λT / (1 − e^(−λT)) · e^(λ·3600).
    const lambda = Math.LN2 / 6586.2;
    const expected = (70000 / 370e6) * ((lambda * 120) / (1 - Math.exp(-lambda * 120))) * Math.exp(lambda * 3600);
    expect(suv.factors.factorsPerSlice[0]).toBeCloseTo(expected, 12);
  });

  it('reads units from the Real World Value Mapping (UCUM Bq/ml) with its slope when Rescale Type is US', () => {
    const mapping = (slope: number): DicomElement =>
      item(tag(0x0040, 0x9096), [
        {
          tag: tag(0x0040, 0x08ea),
          vr: 'SQ',
          value: [
            [
              { tag: tag(0x0008, 0x0100), vr: 'SH', value: 'Bq/ml' },
              { tag: tag(0x0008, 0x0102), vr: 'SH', value: 'UCUM' },
              { tag: tag(0x0008, 0x0104), vr: 'LO', value: 'Becquerels/milliliter' },
            ],
          ],
        },
        { tag: tag(0x0040, 0x9224), vr: 'FD', value: [0] },
        { tag: tag(0x0040, 0x9225), vr: 'FD', value: [slope] },
      ]);
    const bytes = multiFrame({
      // Rescale Type US in the per-frame items overrides the shared BQML.
      perFrameExtra: (f) => [
        item(tag(0x0028, 0x9145), [
          { tag: tag(0x0028, 0x1052), vr: 'DS', value: '0' },
          { tag: tag(0x0028, 0x1053), vr: 'DS', value: '1' },
          { tag: tag(0x0028, 0x1054), vr: 'LO', value: 'US' },
        ]),
        mapping(0.25 * (f + 1)),
      ],
    });
    const frames = readDicomFile(bytes, 'rwvm.dcm').frames ?? [];
    expect(frames.map((frame) => frame.pet?.units)).toEqual(['BQML', 'BQML', 'BQML']);
    expect(frames.map((frame) => frame.rescaleSlope)).toEqual([0.25, 0.5, 0.75]);
  });

  it('reads Legacy Converted Enhanced PET: the classic attributes in the Unassigned Converted Attributes', () => {
    const bytes = multiFrame({
      sopClassUid: legacyConvertedPet,
      decay: [],
      sharedExtra: [
        item(tag(0x0020, 0x9170), [
          { tag: tag(0x0054, 0x1001), vr: 'CS', value: 'BQML' },
          { tag: tag(0x0054, 0x1102), vr: 'CS', value: 'ADMIN' },
          { tag: tag(0x0028, 0x0051), vr: 'CS', value: ['ATTN', 'DECY'] },
        ]),
      ],
      perFrameExtra: (f) => [
        item(tag(0x0020, 0x9171), [
          { tag: tag(0x0008, 0x0032), vr: 'TM', value: `10${String(2 * f).padStart(2, '0')}30` },
        ]),
      ],
    });
    const image = readDicomFile(bytes, 'legacy.dcm');
    expect(image.frames?.[2]?.acquisitionTime).toBe('100430');
    expect(image.frames?.[2]?.pet?.correctedImage).toEqual(['ATTN', 'DECY']);
    expect(image.frames?.[2]?.pet?.decayCorrection).toBe('ADMIN');
    const suv = petSuvVolume([image]);
    expect(suv.factors.factorsPerSlice[1]).toBeCloseTo(70000 / 370e6, 15);
  });
});

describe('multi-frame objects that are refused', () => {
  it('a multi-frame object of another SOP Class (Ultrasound Multi-frame) is unsupported, naming the class', () => {
    const error = caughtBonemetError(() =>
      readDicomFile(multiFrame({ sopClassUid: '1.2.840.10008.5.1.4.1.1.3.1' }), 'us.dcm'),
    );
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/3 frames, SOP Class 1\.2\.840\.10008\.5\.1\.4\.1\.1\.3\.1/);
  });

  it('two stacks in one object are unsupported, saying what was found', () => {
    const error = caughtBonemetError(() =>
      readDicomFile(multiFrame({ frames: 4, stackOfFrame: (f) => (f < 2 ? '1' : '2') }), 'stacks.dcm'),
    );
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/4 frames hold more than one volume: 2 stacks \(Stack ID 1, 2\)/);
  });

  it('several temporal positions are unsupported', () => {
    const error = caughtBonemetError(() =>
      readDicomFile(multiFrame({ temporalPositionOfFrame: (f) => f + 1 }), 'dynamic.dcm'),
    );
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/3 temporal positions/);
  });

  it('a Per-frame Functional Groups Sequence without one item per frame is malformed', () => {
    const error = caughtBonemetError(() => readDicomFile(multiFrame({ perFrameItems: 2 }), 'short.dcm'));
    expect(error.code).toBe('malformed_input');
    expect(error.message).toMatch(/2 items for 3 frames/);
  });

  it('Decay Corrected YES without Decay Correction DateTime is missing data', () => {
    const decay: DicomElement[] = [{ tag: tag(0x0018, 0x9758), vr: 'CS', value: 'YES' }];
    const error = caughtBonemetError(() => readDicomFile(multiFrame({ decay }), 'no-reference.dcm'));
    expect(error.code).toBe('missing_data');
    expect(error.issues[0]?.path).toEqual(['DecayCorrectionDateTime']);
  });

  it('Pixel Data shorter than all frames is malformed', () => {
    const bytes = multiFrame({ frames: 3 });
    // NumberOfFrames "3" → "4": the pixel data now holds 3 of 4 frames.
    const text = Buffer.from(bytes).toString('latin1');
    const at = text.indexOf('\x28\x00\x08\x00IS');
    const patched = Uint8Array.from(bytes);
    patched[at + 8] = '4'.charCodeAt(0);
    const error = caughtBonemetError(() => readDicomFile(patched, 'short-pixels.dcm'));
    expect(error.code).toBe('malformed_input');
  });
});
