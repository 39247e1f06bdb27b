import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patientMmToIndex, petSuvVolume, readDicomDirectory, readNifti, type SuvVolume } from '@bonemet/dicom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePetCtPhantom, type PetCtPhantom } from './pet-ct-phantom.js';
import { encodePetSeries } from './phantom-dicom.js';
import { vendorStyles, type VendorStyle } from './vendor-styles.js';
import { writePetCtPhantom, type WrittenPhantom } from './write-phantom.js';

const root = mkdtempSync(join(tmpdir(), 'bonemet-phantom-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** SUV volume and the voxel index of a patient point. */
async function readPet(directory: string): Promise<SuvVolume> {
  const read = await readDicomDirectory(directory);
  const series = read.series.find((s) => s.modality === 'PT');
  if (series === undefined) throw new Error('no PT series');
  return petSuvVolume(series.images);
}

function voxelAt(suv: SuvVolume, pointMm: readonly [number, number, number]): { n: number; k: number } {
  const [i, j, k] = patientMmToIndex(suv.volume, pointMm).map(Math.round) as [number, number, number];
  const [nx, ny] = suv.volume.dimensions;
  return { n: i + nx * (j + ny * k), k };
}

describe('PET/CT phantom written as DICOM, noise-free and blur-free', () => {
  const phantom = generatePetCtPhantom({ seed: 5 });
  const written = new Map<VendorStyle, WrittenPhantom>();
  const suvByVendor = new Map<VendorStyle, SuvVolume>();

  beforeAll(async () => {
    for (const vendor of vendorStyles) {
      const files = await writePetCtPhantom(phantom, join(root, vendor), vendor);
      written.set(vendor, files);
      suvByVendor.set(vendor, await readPet(files.petDirectory));
    }
  });

  it.each(vendorStyles)('passes dciodvfy without errors on a PET and a CT slice (%s style)', (vendor) => {
    const files = written.get(vendor);
    const middle = Math.floor(phantom.geometry.dimensions[2] / 2);
    for (const file of [files?.petFiles[middle], files?.ctFiles[middle]]) {
      const run = spawnSync('dciodvfy', [file ?? ''], { encoding: 'utf8' });
      expect(
        run.error,
        'dciodvfy (Debian dicom3tools) must be installed: scripts/install-test-tools.sh',
      ).toBeUndefined();
      const output = `${run.stdout}${run.stderr}`;
      expect(output).toMatch(/PETImage|CTImage/);
      expect(output.split('\n').filter((line) => line.includes('Error'))).toEqual([]);
    }
  });

  it.each(vendorStyles)(
    'reads back SUVbw = truth at every lesion centre, to 16-bit storage precision (%s)',
    (vendor) => {
      const suv = suvByVendor.get(vendor);
      if (suv === undefined) throw new Error('not read');
      expect(suv.volume.dimensions).toEqual([96, 96, 48]);
      expect(suv.volume.spacingMm).toEqual([4, 4, 4]);
      expect(suv.volume.originMm).toEqual(phantom.geometry.originMm);
      for (const lesion of phantom.truth.lesions) {
        const { n, k } = voxelAt(suv, lesion.centreMm);
        // Stored values are round(value / slope) with a per-slice slope: the error is at most half a step,
        // slope × SUV factor / 2, plus float32 rounding of the volume (6e-8 relative).
        const stepSuv = (suv.volume.slices[k]?.rescaleSlope ?? 0) * (suv.factors.factorsPerSlice[k] ?? 0);
        expect(Math.abs((suv.suv[n] ?? 0) - lesion.suvbw)).toBeLessThanOrEqual(stepSuv / 2 + 1e-6 * lesion.suvbw);
        // 32767 levels per slice maximum: a relative error below 1 / 32767 × (slice max / lesion SUV) ≤ 1e-3 here.
        expect(Math.abs((suv.suv[n] ?? 0) / lesion.suvbw - 1)).toBeLessThan(1e-3);
      }
    },
  );

  it('gives the same SUVbw in the three vendor styles (1e-4 relative)', () => {
    const siemens = suvByVendor.get('siemens');
    expect(siemens?.factors.details.join(' ')).toMatch(/BQML/);
    expect(suvByVendor.get('ge')?.factors.details.join(' ')).toMatch(/GEPrivateScanDateTime/);
    expect(suvByVendor.get('philips')?.factors.details.join(' ')).toMatch(/7053,1000/);
    for (const vendor of ['ge', 'philips'] as const) {
      const other = suvByVendor.get(vendor);
      let worst = 0;
      siemens?.suv.forEach((value, n) => {
        const difference = Math.abs(value - (other?.suv[n] ?? Number.NaN));
        worst = Math.max(worst, difference / Math.max(Math.abs(value), 1e-3));
      });
      expect(worst).toBeLessThan(1e-4);
    }
  });

  it('writes the lesion masks as NIfTI in the same space, and a synthetic ground truth', () => {
    const files = written.get('siemens');
    const nifti = readNifti(readFileSync(files?.lesionLabelsFile ?? ''));
    expect(nifti.dimensions).toEqual([96, 96, 48]);
    const [x0, y0, z0] = phantom.geometry.originMm;
    // indexToLpsMm row r = [direction·spacing..., origin]: axial 4 mm grid.
    const affine = nifti.indexToLpsMm.map((row) => row.map((value) => value + 0)); // −0 → 0
    expect(affine).toEqual([
      [4, 0, 0, x0],
      [0, 4, 0, y0],
      [0, 0, 4, z0],
    ]);
    for (const lesion of phantom.truth.lesions) {
      expect(nifti.voxels.filter((value) => value === lesion.label).length).toBe(lesion.maskVoxelCount);
    }
    const truth = JSON.parse(readFileSync(files?.groundTruthFile ?? '', 'utf8')) as {
      synthetic: boolean;
      lesions: unknown[];
    };
    expect(truth.synthetic).toBe(true);
    expect(truth.lesions).toHaveLength(16);
    const firstFile = readFileSync(files?.petFiles[0] ?? '').toString('latin1');
    expect(firstFile).toContain('SYNTHETIC^PHANTOM');
  });

  it('reads the CT back in HU on the same grid', async () => {
    const read = await readDicomDirectory(written.get('ge')?.ctDirectory ?? '');
    const ct = read.series[0];
    expect(ct?.modality).toBe('CT');
    const { assembleVolume } = await import('@bonemet/dicom');
    const volume = assembleVolume(ct?.images ?? []);
    const blastic = phantom.truth.lesions.find((l) => l.ctAppearance === 'blastic');
    if (blastic === undefined) throw new Error('no blastic lesion');
    const [i, j, k] = patientMmToIndex(volume, blastic.centreMm).map(Math.round) as [number, number, number];
    expect(volume.voxels[i + 96 * (j + 96 * k)]).toBe(1100);
  });
});

/** CDF of the distance from the origin of a 3-D standard normal (chi distribution, 3 degrees of freedom). */
function chi3Cdf(r: number): number {
  return erf(r / Math.SQRT2) - Math.sqrt(2 / Math.PI) * r * Math.exp((-r * r) / 2);
}

/** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return Math.sign(x) * (1 - poly * Math.exp(-x * x));
}

describe('PET/CT phantom with blur and noise', () => {
  const fwhmMm = 8;
  const noiseCv = 0.05;
  let phantom: PetCtPhantom;
  let suv: SuvVolume;

  beforeAll(async () => {
    phantom = generatePetCtPhantom({ seed: 9, blurFwhmMm: fwhmMm, noiseCv });
    const files = await writePetCtPhantom(phantom, join(root, 'blurred'), 'siemens');
    suv = await readPet(files.petDirectory);
  });

  it('has sphere centres at the analytic recovery of a blurred sphere, within noise', () => {
    // A uniform sphere of radius R (contrast C over background B) blurred by an isotropic Gaussian of σ has, at
    // its centre, B + (C − B)·P(|X| ≤ R) with X ~ N(0, σ²I): the chi-3 CDF at R/σ. Partial-volume voxels add
    // at most a box of one voxel (variance s²/12 per axis), so σ lies between FWHM/2.3548 and
    // sqrt(σ² + 4²/12); noise SD at the centre is cv·sqrt(c·B) (the documented model): allow 5 SD and 1 %.
    const sigmaMm = fwhmMm / 2.3548200450309493;
    const sigmaHighMm = Math.sqrt(sigmaMm ** 2 + 16 / 12);
    for (const lesion of phantom.truth.lesions.filter((l) => l.kind === 'hot-sphere')) {
      const contrastSuv = lesion.suvbw - 1;
      const radiusMm = lesion.diameterMm / 2;
      const highest = 1 + contrastSuv * chi3Cdf(radiusMm / sigmaMm);
      const lowest = 1 + contrastSuv * chi3Cdf(radiusMm / sigmaHighMm);
      const noiseSd = noiseCv * Math.sqrt(highest);
      const { n } = voxelAt(suv, lesion.centreMm);
      const value = suv.suv[n] ?? 0;
      expect(value).toBeGreaterThan(lowest - 5 * noiseSd - 0.01 * contrastSuv);
      expect(value).toBeLessThan(highest + 5 * noiseSd + 0.01 * contrastSuv);
    }
  });

  it('has the background noise of the model: SD = cv × background in soft tissue far from lesions', () => {
    const [nx, ny, nz] = phantom.geometry.dimensions;
    const values: number[] = [];
    for (let k = 8; k < nz - 8; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) {
          const n = i + nx * (j + ny * k);
          // Soft tissue with nothing else within 3 voxels (12 mm = 3.5 σ: blur adds nothing there).
          let clear = true;
          for (let dk = -3; dk <= 3 && clear; dk++)
            for (let dj = -3; dj <= 3 && clear; dj++)
              for (let di = -3; di <= 3 && clear; di++) {
                const m = n + di + nx * (dj + ny * dk);
                if (i + di < 0 || i + di >= nx || phantom.tissueLabels[m] !== 1 || (phantom.lesionLabels[m] ?? 0) !== 0)
                  clear = false;
              }
          if (clear) values.push(suv.suv[n] ?? 0);
        }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(values.length).toBeGreaterThan(10000);
    expect(mean).toBeCloseTo(1, 2);
    expect(Math.abs(sd - noiseCv)).toBeLessThan(0.05 * noiseCv);
  });
});

describe('determinism', () => {
  it('gives byte-identical files for the same seed and different pixel data for another seed', () => {
    const options = { seed: 21, blurFwhmMm: 6, noiseCv: 0.1, ctNoiseSdHu: 10 };
    const a = encodePetSeries(generatePetCtPhantom(options), 'philips');
    const b = encodePetSeries(generatePetCtPhantom(options), 'philips');
    const c = encodePetSeries(generatePetCtPhantom({ ...options, seed: 22 }), 'philips');
    expect(a.length).toBe(48);
    a.forEach((slice, index) => expect(Buffer.from(slice.bytes).equals(Buffer.from(b[index]?.bytes ?? []))).toBe(true));
    // Pixel data are the last 96·96·2 bytes of each file.
    const pixels = (bytes: Uint8Array | undefined): Buffer =>
      Buffer.from((bytes ?? new Uint8Array()).subarray(-96 * 96 * 2));
    expect(pixels(a[20]?.bytes).equals(pixels(c[20]?.bytes))).toBe(false);
  });
});
