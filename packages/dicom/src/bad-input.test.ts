import { caughtBonemetError } from '@bonemet/core/testing';
/** Bad input gets a typed BonemetError naming what is wrong. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { petSuvVolume } from './pet-volume.js';
import { readDicomFile } from './read-dicom-file.js';
import type { PetSuvSlice } from './suv/pet-suv-slice.js';
import { suvbwFactors } from './suv/suvbw.js';
import { sulJanmahasatianFactors } from './suv/sul-janmahasatian.js';
import { assembleVolume } from './volume.js';

const slicePath = (n: number) =>
  join(
    import.meta.dirname,
    '..',
    'test-data',
    'ibsi-suv-dro',
    'DRO',
    'DRO_0_0',
    'PT',
    `pet_dro_0_0_slice_${String(n).padStart(3, '0')}.dcm`,
  );
const goodFile = (n = 0) => new Uint8Array(readFileSync(slicePath(n)));

/** Replaces the first occurrence of an ASCII string of the same length in a copy of `bytes`. */
function patchAscii(bytes: Uint8Array, from: string, to: string): Uint8Array {
  expect(to).toHaveLength(from.length);
  const copy = bytes.slice();
  const at = Buffer.from(copy).indexOf(from, 0, 'latin1');
  expect(at).toBeGreaterThan(0);
  copy.set(Buffer.from(to, 'latin1'), at);
  return copy;
}

describe('reading refuses bad files', () => {
  it('non-DICOM bytes: malformed_input', () => {
    const error = caughtBonemetError(() =>
      readDicomFile(new TextEncoder().encode('just some text, not DICOM'.repeat(10)), 'a.txt'),
    );
    expect(error.code).toBe('malformed_input');
    expect(error.message).toContain('not a DICOM Part 10 file');
  });

  it('a file cut inside the pixel data: malformed_input', () => {
    const bytes = goodFile();
    const error = caughtBonemetError(() => readDicomFile(bytes.subarray(0, bytes.length - 1000), 'cut.dcm'));
    expect(error.code).toBe('malformed_input');
    expect(error.message).toMatch(/truncated/);
  });

  it('a file cut inside the header: malformed_input', () => {
    const error = caughtBonemetError(() => readDicomFile(goodFile().subarray(0, 400), 'cut.dcm'));
    expect(error.code).toBe('malformed_input');
  });

  it('an unsupported transfer syntax is named by UID and name', () => {
    // 1.2.840.10008.1.2.1 (Explicit VR Little Endian) → 1.2.840.10008.1.2.9 (no such syntax), same length.
    const bytes = patchAscii(goodFile(), '1.2.840.10008.1.2.1\0', '1.2.840.10008.1.2.9\0');
    const error = caughtBonemetError(() => readDicomFile(bytes, 'rle.dcm'));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('1.2.840.10008.1.2.9 (unknown transfer syntax)');
    expect(error.issues[0]?.path).toEqual(['TransferSyntaxUID']);
  });

  it('a CT image given as PET: invalid_input on Modality', () => {
    const ct = readDicomFile(patchAscii(goodFile(), 'PT', 'CT'), 'ct.dcm');
    expect(ct.modality).toBe('CT');
    expect(ct.pet).toBeUndefined();
    const error = caughtBonemetError(() => petSuvVolume([ct]));
    expect(error.code).toBe('invalid_input');
    expect(error.issues[0]?.path).toEqual(['Modality']);
  });
});

describe('volume assembly refuses inconsistent geometry', () => {
  const slices = [0, 1, 2, 3].map((n) => readDicomFile(goodFile(n), `s${n}`));

  it('orders shuffled slices along the normal and keeps the 4 mm spacing', () => {
    const volume = assembleVolume([slices[2]!, slices[0]!, slices[3]!, slices[1]!]);
    expect(volume.slices.map((s) => s.source)).toEqual(['s0', 's1', 's2', 's3']);
    expect(volume.spacingMm).toEqual([4, 4, 4]);
    expect(volume.dimensions).toEqual([256, 256, 4]);
  });

  it('a missing slice (8 mm gap among 4 mm) is refused as uneven spacing', () => {
    const error = caughtBonemetError(() => assembleVolume([slices[0]!, slices[1]!, slices[3]!]));
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/uneven slice spacing/);
  });

  it('the same slice twice is refused', () => {
    const error = caughtBonemetError(() => assembleVolume([slices[0]!, slices[0]!]));
    expect(error.code).toBe('invalid_input');
  });

  it('a different orientation is refused', () => {
    const tilted = { ...slices[1]!, imageOrientationPatient: [1, 0, 0, 0, 0, -1] as const };
    const error = caughtBonemetError(() => assembleVolume([slices[0]!, tilted]));
    expect(error.code).toBe('invalid_input');
    expect(error.issues[0]?.path).toEqual([1, 'ImageOrientationPatient']);
  });

  it('another series is refused', () => {
    const other = { ...slices[1]!, seriesInstanceUid: '1.2.3' };
    expect(caughtBonemetError(() => assembleVolume([slices[0]!, other])).issues[0]?.path).toEqual([
      1,
      'SeriesInstanceUID',
    ]);
  });
});

describe('SUV refuses what it cannot convert, never defaulting', () => {
  // DRO_0_0 header values: 70 kg, 368.08 MBq F-18 at 10:00, series at 11:00, BQML, START.
  const base: PetSuvSlice = {
    units: 'BQML',
    decayCorrection: 'START',
    seriesDate: '20250101',
    seriesTime: '110000',
    acquisitionDate: '20250101',
    acquisitionTime: '110000',
    patientWeightKg: 70,
    patientSizeM: 1.75,
    patientSex: 'O',
    radionuclideTotalDoseBq: 368080000,
    radionuclideHalfLifeS: 6586.2,
    radiopharmaceuticalStartDateTime: '20250101100000',
  };
  const without = (key: keyof PetSuvSlice): PetSuvSlice =>
    Object.fromEntries(Object.entries(base).filter(([name]) => name !== key));

  it('the base header gives W/(D·2^(−3600/6586.2)) = 70000/(368.08e6·0.684633) = 2.77778e-4', () => {
    // Hand computation: 2^(−3600/6586.2) = 0.684633; 70000 / (368.08e6 × 0.684633) = 2.77778e-4
    // (the DRO was built so that 1 SUV is 3600 Bq/ml: 1/3600 = 2.77778e-4).
    expect(suvbwFactors([base]).factorsPerSlice[0]).toBeCloseTo(2.77778e-4, 9);
  });

  for (const [field, code] of [
    ['patientWeightKg', 'missing_data'],
    ['radionuclideTotalDoseBq', 'missing_data'],
    ['radionuclideHalfLifeS', 'missing_data'],
    ['radiopharmaceuticalStartDateTime', 'missing_data'],
    ['units', 'missing_data'],
    ['decayCorrection', 'missing_data'],
  ] as const) {
    it(`missing ${field}: ${code}`, () => {
      const error = caughtBonemetError(() => suvbwFactors([without(field)]));
      expect(error.code).toBe(code);
      expect(error.issues[0]?.path.at(-1)).toBe(
        field === 'radiopharmaceuticalStartDateTime' ? 'radiopharmaceuticalStartTime' : field,
      );
    });
  }

  it('missing series and acquisition times: missing_data', () => {
    const slice = Object.fromEntries(
      Object.entries(base).filter(([name]) => name !== 'seriesTime' && name !== 'acquisitionTime'),
    ) as PetSuvSlice;
    expect(caughtBonemetError(() => suvbwFactors([slice])).code).toBe('missing_data');
  });

  it('weight 0 counts as missing', () => {
    expect(caughtBonemetError(() => suvbwFactors([{ ...base, patientWeightKg: 0 }])).code).toBe('missing_data');
  });

  for (const units of ['CPS', 'PROPCNTS', 'PROPCPS', 'NONE']) {
    it(`Units ${units}: unsupported, naming the units`, () => {
      const error = caughtBonemetError(() => suvbwFactors([{ ...base, units }]));
      expect(error.code).toBe('unsupported');
      expect(error.message).toContain(units);
    });
  }

  it('Units CNTS without Philips factors: unsupported', () => {
    expect(caughtBonemetError(() => suvbwFactors([{ ...base, units: 'CNTS' }])).code).toBe('unsupported');
    expect(caughtBonemetError(() => suvbwFactors([{ ...base, units: 'CNTS', philipsSuvScaleFactor: 0 }])).code).toBe(
      'unsupported',
    );
  });

  it('Decay Correction other than START/ADMIN/NONE: unsupported', () => {
    expect(caughtBonemetError(() => suvbwFactors([{ ...base, decayCorrection: 'XYZ' }])).code).toBe('unsupported');
  });

  it('slices that disagree on the weight: invalid_input at the slice', () => {
    const error = caughtBonemetError(() => suvbwFactors([base, { ...base, patientWeightKg: 71 }]));
    expect(error.code).toBe('invalid_input');
    expect(error.issues[0]?.path).toEqual([1, 'patientWeightKg']);
  });

  it('wrong types and unknown fields: invalid_input by path', () => {
    const error = caughtBonemetError(() =>
      suvbwFactors([{ ...base, patientWeightKg: '70', colour: 'red' } as unknown as PetSuvSlice]),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['0.colour', '0.patientWeightKg']);
  });

  it('an unparseable time: invalid_input', () => {
    expect(caughtBonemetError(() => suvbwFactors([{ ...base, seriesTime: '25:00' }])).code).toBe('invalid_input');
  });

  it('an injection DateTime after the scan: invalid_input', () => {
    expect(
      caughtBonemetError(() => suvbwFactors([{ ...base, radiopharmaceuticalStartDateTime: '20250101120000' }])).code,
    ).toBe('invalid_input');
  });

  it('SUL Janmahasatian with sex O: unsupported (the formula defines M and F)', () => {
    expect(caughtBonemetError(() => sulJanmahasatianFactors([base])).code).toBe('unsupported');
  });

  it('SUL without height: missing_data', () => {
    expect(
      caughtBonemetError(() => sulJanmahasatianFactors([{ ...without('patientSizeM'), patientSex: 'F' }])).code,
    ).toBe('missing_data');
  });
});
