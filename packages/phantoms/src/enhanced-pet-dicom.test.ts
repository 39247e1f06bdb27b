import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BonemetError } from '@bonemet/core';
import { petSuvVolume, readDicomDirectory, readDicomFile, type SuvVolume } from '@bonemet/dicom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEnhancedPetImage, type EncodedEnhancedPet } from './enhanced-pet-dicom.js';
import { generatePetCtPhantom } from './pet-ct-phantom.js';
import { encodePetSeries } from './phantom-dicom.js';

const root = mkdtempSync(join(tmpdir(), 'bonemet-enhanced-pet-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the phantom as one Enhanced PET Image Storage object', () => {
  const phantom = generatePetCtPhantom({ seed: 5 });
  let enhanced: EncodedEnhancedPet;
  let enhancedFile: string;
  let classicSuv: SuvVolume;
  let enhancedSuv: SuvVolume;

  beforeAll(async () => {
    enhanced = encodeEnhancedPetImage(phantom, 'siemens');
    enhancedFile = join(root, enhanced.fileName);
    writeFileSync(enhancedFile, enhanced.bytes);
    const classicDirectory = join(root, 'classic');
    mkdirSync(classicDirectory);
    for (const slice of encodePetSeries(phantom, 'siemens'))
      writeFileSync(join(classicDirectory, slice.fileName), slice.bytes);
    const classic = await readDicomDirectory(classicDirectory);
    classicSuv = petSuvVolume(classic.series[0]?.images ?? []);
    enhancedSuv = petSuvVolume([readDicomFile(enhanced.bytes, enhancedFile)]);
  });

  it('passes dciodvfy (Debian dicom3tools) without errors as an Enhanced PET Image', () => {
    const run = spawnSync('dciodvfy', [enhancedFile], { encoding: 'utf8' });
    expect(run.error, 'dciodvfy (Debian dicom3tools) must be installed: scripts/install-test-tools.sh').toBeUndefined();
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toMatch(/EnhancedPETImage/);
    expect(output.split('\n').filter((line) => line.includes('Error'))).toEqual([]);
  });

  it('reads as one object whose frames are the 48 slices', () => {
    const image = readDicomFile(enhanced.bytes, enhancedFile);
    expect(image.frames).toHaveLength(48);
    expect(enhanced.numberOfFrames).toBe(48);
    expect(image.frames?.[0]?.pet?.units).toBe('BQML');
    expect(image.frames?.[0]?.pet?.decayCorrection).toBe('START');
  });

  it('gives the same geometry as the classic series of the same phantom', () => {
    // The classic path is conformance-tested on the IBSI reference objects; the Enhanced one must agree with it.
    expect(enhancedSuv.volume.dimensions).toEqual(classicSuv.volume.dimensions);
    expect(enhancedSuv.volume.spacingMm).toEqual(classicSuv.volume.spacingMm);
    expect(enhancedSuv.volume.originMm).toEqual(classicSuv.volume.originMm);
    expect(enhancedSuv.volume.directions).toEqual(classicSuv.volume.directions);
    expect(enhancedSuv.volume.dimensions).toEqual([96, 96, 48]);
  });

  it('gives the same SUVbw voxel for voxel as the classic series (same stored values, slopes and times)', () => {
    expect(enhancedSuv.factors.factorsPerSlice).toEqual(classicSuv.factors.factorsPerSlice);
    expect(enhancedSuv.factors.details.join(' ')).toMatch(/SeriesDateTime/);
    let differing = 0;
    classicSuv.suv.forEach((value, n) => {
      if (enhancedSuv.suv[n] !== value) differing += 1;
    });
    expect(differing).toBe(0);
  });

  it('has the ground-truth SUVmax in every lesion, to 16-bit storage precision', () => {
    const [nx, ny] = enhancedSuv.volume.dimensions;
    for (const lesion of phantom.truth.lesions) {
      let suvmax = 0;
      let stepSuv = 0;
      phantom.lesionLabels.forEach((label, n) => {
        if (label !== lesion.label) return;
        const value = enhancedSuv.suv[n] ?? 0;
        if (value <= suvmax) return;
        suvmax = value;
        const k = Math.floor(n / (nx * ny));
        stepSuv = (enhancedSuv.volume.slices[k]?.rescaleSlope ?? 0) * (enhancedSuv.factors.factorsPerSlice[k] ?? 0);
      });
      // The phantom paints each lesion uniformly (no blur, no noise): its maximum is the true SUVbw within
      // half a storage step (round(value / slope)) plus float32 rounding.
      expect(Math.abs(suvmax - lesion.suvbw)).toBeLessThanOrEqual(stepSuv / 2 + 1e-6 * lesion.suvbw);
    }
  });

  it.each([
    ['JPEG 2000 lossless', '--j2k', '1.2.840.10008.1.2.4.90'],
    ['RLE lossless', '--rle', '1.2.840.10008.1.2.5'],
  ])('compressed by GDCM gdcmconv as %s, one fragment per frame, gives the same SUVbw', (_, option, syntax) => {
    const output = join(root, `compressed${option}.dcm`);
    const run = spawnSync('gdcmconv', ['--quiet', option, enhancedFile, output], { encoding: 'utf8' });
    expect(
      run.error,
      'gdcmconv (GDCM, Debian libgdcm-tools) must be installed: scripts/install-test-tools.sh',
    ).toBeUndefined();
    expect(run.status).toBe(0);
    const image = readDicomFile(readFileSync(output), output);
    expect(image.transferSyntaxUid).toBe(syntax);
    expect(image.frames).toHaveLength(48);
    const suv = petSuvVolume([image]);
    let differing = 0;
    enhancedSuv.suv.forEach((value, n) => {
      if (suv.suv[n] !== value) differing += 1;
    });
    expect(differing).toBe(0);
  });

  it('is refused with a typed error when two frames share a plane position (dynamic data)', () => {
    // Give frame 2 the Image Position (Patient) of frame 1: a repeated position is a second time point.
    const bytes = Buffer.from(enhanced.bytes);
    // Image Position (Patient) elements: tag (0020,0032) little-endian, then VR "DS".
    const header = Buffer.from([0x20, 0x00, 0x32, 0x00, 0x44, 0x53]);
    const positions: number[] = [];
    for (let at = bytes.indexOf(header); at >= 0; at = bytes.indexOf(header, at + 1)) positions.push(at);
    const first = positions[0] ?? 0;
    const second = positions[1] ?? 0;
    const length = bytes.readUInt16LE(first + 6);
    expect(bytes.readUInt16LE(second + 6)).toBe(length);
    bytes.copy(bytes, second + 8, first + 8, first + 8 + length);
    let thrown: unknown;
    try {
      readDicomFile(bytes, 'dynamic.dcm');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BonemetError);
    expect((thrown as BonemetError).code).toBe('unsupported');
    expect((thrown as BonemetError).message).toMatch(/48 frames hold more than one volume: 47 plane positions/);
  });
});
