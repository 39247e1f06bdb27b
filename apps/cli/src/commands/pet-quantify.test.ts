import { petSuvVolume, readDicomDirectory } from '@bonemet/dicom';
import { generatePetCtPhantom, writePetCtPhantom, type PetCtPhantom } from '@bonemet/phantoms';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISCLAIMER, runCli } from '../test-support.js';

// Phantom defaults: 96 × 96 × 48 voxels of 4 mm, no blur, no noise; background SUVbw 1, liver 2.2, marrow
// 1.6; hot spheres 10–37 mm at 4:1 and 8:1 (SUVbw 4 and 8); partial volume at sphere edges by 5³
// sub-samples per voxel. With the liver sphere in the (uniform) liver, PERCIST threshold = 1.5 × 2.2 + 2 × 0
// = 3.3 SUVbw.
const voxelMm = 4;
const voxelMl = 0.064;

interface Lesion {
  centroidMm: [number, number, number];
  suvmax: number;
  suvpeakGlobal: number;
  suvpeakLocal: number;
  suvmean: number;
  mtvMl: number;
  tlg: number;
  osseous: boolean | null;
}
interface Report {
  disclaimer: string;
  quantity: string;
  liver: { sulMean: number | null; sulSd: number | null };
  threshold: { suvbw: number };
  lesions: Lesion[];
  definitions: Record<string, string>;
  parameters: { peakSphereRadiusMm: number };
  notes: string[];
  sources: { id: string }[];
}

let root = '';
let phantom: PetCtPhantom;
let liver = '';
let suvbw: Float32Array = new Float32Array(0);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bonemet-quantify-'));
  phantom = generatePetCtPhantom({});
  await writePetCtPhantom(phantom, join(root, 'baseline'), 'siemens');
  await writePetCtPhantom(generatePetCtPhantom({ scanDate: '20240315' }), join(root, 'follow-up'), 'ge');
  // Two PET series in one folder: the baseline's and another phantom's (other seed, other UIDs).
  await writePetCtPhantom(generatePetCtPhantom({ seed: 2 }), join(root, 'other'), 'siemens');
  await mkdir(join(root, 'mixed'));
  await cp(join(root, 'baseline', 'pet'), join(root, 'mixed', 'a'), { recursive: true });
  await cp(join(root, 'other', 'pet'), join(root, 'mixed', 'b'), { recursive: true });
  liver = phantom.truth.tissues.liver.centreMm.join(',');
  const series = (await readDicomDirectory(join(root, 'baseline', 'pet'))).series[0];
  suvbw = series === undefined ? suvbw : petSuvVolume(series.images).suv;
}, 60_000);

async function quantifyJson(...extra: string[]): Promise<Report> {
  const run = await runCli(['pet', 'quantify', join(root, 'baseline'), `--liver=${liver}`, '--json', ...extra]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

const distance = (a: readonly number[], b: readonly number[]): number =>
  Math.hypot((a[0] ?? 0) - (b[0] ?? 0), (a[1] ?? 0) - (b[1] ?? 0), (a[2] ?? 0) - (b[2] ?? 0));

/**
 * Voxels the sphere surface may cross: centres within half a voxel diagonal (2√3 mm) of the surface. Only
 * these are partly filled. A voxel filled to f is in the lesion when 1 + 7f ≥ 3.3 (f ≥ 0.329), so each adds
 * at most 1 − 0.329 = 0.671 voxel too much or 0.329 too little: |MTV − sphere volume| ≤ 0.671 × count × 0.064 ml.
 */
function voxelisationBoundMl(diameterMm: number): number {
  const r = diameterMm / 2;
  const half = Math.sqrt(3) * (voxelMm / 2);
  const reach = Math.ceil((r + half) / voxelMm);
  let count = 0;
  for (let a = -reach; a <= reach; a++)
    for (let b = -reach; b <= reach; b++)
      for (let c = -reach; c <= reach; c++) if (Math.abs(voxelMm * Math.hypot(a, b, c) - r) <= half) count++;
  return 0.671 * count * voxelMl;
}

/**
 * The IBSI local SUVpeak of a hot sphere computed by brute force from the stored SUVbw volume: the voxels of
 * highest value within the sphere's radius; for each, the mean over all voxel centres within 6.2035 mm (a
 * 1 ml sphere); the highest of those means (IBSI tie rule).
 */
function bruteForceLocalPeak(centreMm: readonly number[], radiusMm: number): number {
  const [nx, ny, nz] = phantom.geometry.dimensions;
  const origin = phantom.geometry.originMm;
  const at = (i: number, j: number, k: number): number => suvbw[i + nx * (j + ny * k)] ?? Number.NaN;
  const mm = (index: number, axis: 0 | 1 | 2): number => origin[axis] + index * voxelMm;
  let max = -Infinity;
  const maxima: [number, number, number][] = [];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (distance([mm(i, 0), mm(j, 1), mm(k, 2)], centreMm) > radiusMm) continue;
        const value = at(i, j, k);
        if (value > max) maxima.length = 0;
        if (value >= max) {
          max = value;
          maxima.push([i, j, k]);
        }
      }
  let best = -Infinity;
  for (const [ci, cj, ck] of maxima) {
    let sum = 0;
    let count = 0;
    // Voxel centres within 6.2035 mm lie within ⌈6.2035 / 4⌉ = 2 voxels along each axis.
    for (let k = Math.max(0, ck - 2); k <= Math.min(nz - 1, ck + 2); k++)
      for (let j = Math.max(0, cj - 2); j <= Math.min(ny - 1, cj + 2); j++)
        for (let i = Math.max(0, ci - 2); i <= Math.min(nx - 1, ci + 2); i++) {
          if (voxelMm * Math.hypot(i - ci, j - cj, k - ck) > 6.2035) continue;
          sum += at(i, j, k);
          count++;
        }
    best = Math.max(best, sum / count);
  }
  return best;
}

describe('bonemet pet quantify on a noise-free, blur-free PET/CT phantom', () => {
  it('finds every 8:1 sphere of 17 mm or more, within one voxel of its centre, with exact SUVmax and SUVpeak', async () => {
    const report = await quantifyJson();
    expect(report.disclaimer).toContain(DISCLAIMER);
    expect(report.quantity).toBe('SUVbw');
    expect(report.threshold.suvbw).toBeCloseTo(3.3, 3);
    const spheres = phantom.truth.lesions.filter(
      (lesion) => lesion.kind === 'hot-sphere' && lesion.contrast === 8 && lesion.diameterMm >= 17,
    );
    expect(spheres).toHaveLength(4);
    for (const sphere of spheres) {
      const found = report.lesions.find((lesion) => distance(lesion.centroidMm, sphere.centreMm) <= voxelMm);
      expect(found, `sphere of ${String(sphere.diameterMm)} mm at ${sphere.centreMm.join(', ')}`).toBeDefined();
      if (found === undefined) continue;
      found.centroidMm.forEach((value, axis) => {
        expect(Math.abs(value - (sphere.centreMm[axis] ?? Number.NaN))).toBeLessThanOrEqual(voxelMm);
      });
      // Sphere centres are voxel centres. A voxel whose centre is d from the sphere centre is wholly inside
      // when its farthest sub-sample, d + √3 × 1.6 mm, is within the radius. The centre voxel (d = 0) and the
      // 19 voxels of the 6.2035 mm peak sphere (d ≤ 4√2 = 5.66 mm; 5.66 + 2.77 = 8.43 ≤ 8.5 mm for 17 mm) are
      // wholly inside: SUVmax = SUVpeak (global and local) = 8, the true value, up to the int16 storage of
      // the DICOM pixel values (relative step < 1e-4).
      expect(found.suvmax).toBeCloseTo(sphere.suvbw, 2);
      expect(found.suvpeakGlobal).toBeCloseTo(sphere.suvbw, 2);
      // The local peak is centred on the maximum voxel, whose place depends on each slice's int16 step
      // (slices that also hold hotter tissue are stored more coarsely): computed here by brute force.
      expect(found.suvpeakLocal).toBeCloseTo(bruteForceLocalPeak(sphere.centreMm, sphere.diameterMm / 2), 9);
      expect(found.suvpeakLocal).toBeLessThanOrEqual(found.suvpeakGlobal + 1e-9);
      expect(Math.abs(found.mtvMl - sphere.sphereVolumeMl)).toBeLessThanOrEqual(voxelisationBoundMl(sphere.diameterMm));
      expect(found.tlg).toBeCloseTo(found.suvmean * found.mtvMl, 6);
      expect(found.osseous).toBe(false);
    }
  });

  it('places the liver sphere automatically in the liver (uniform SUVbw 2.2), not in the uniform background (1.0)', async () => {
    const given = await quantifyJson();
    const run = await runCli(['pet', 'quantify', join(root, 'baseline'), '--json']);
    expect(run.status, run.stderr).toBe(0);
    const automatic = JSON.parse(run.stdout) as Report;
    // PERCIST threshold from a liver of 2.2 ± 0: 1.5 × 2.2 + 2 × 0 = 3.3 SUVbw.
    expect(automatic.threshold.suvbw).toBeCloseTo(3.3, 2);
    expect(automatic.liver.sulMean).toBeCloseTo(given.liver.sulMean ?? Number.NaN, 3);
  });

  it('reports the liver in SUL and SUVbw and every lesion field the issue names, with definitions and sources', async () => {
    const report = await quantifyJson();
    // Liver SUVbw 2.2 uniform: SD 0 up to the int16 storage step of each slice; SUL = SUVbw × LBM/weight > 0 for the default female patient.
    expect(report.liver.sulSd).toBeLessThan(1e-3);
    expect(report.liver.sulMean).toBeGreaterThan(0);
    expect(report.liver.sulMean).toBeLessThan(2.2);
    for (const key of ['centroidMm', 'suvmax', 'suvpeakGlobal', 'suvpeakLocal', 'suvmean', 'mtvMl', 'tlg', 'osseous']) {
      expect(report.lesions[0]).toHaveProperty(key);
    }
    expect(report.definitions.suvpeakGlobal).toContain('6.2035 mm');
    expect(report.parameters.peakSphereRadiusMm).toBe(6.2035);
    expect(report.sources.map((source) => source.id)).toContain('wahl-2009-percist');
    expect(report.notes.join(' ')).toContain('on the PET grid: used for the osseous test');
  });

  it('the osseous spheres (spine, pelvis) are osseous from the CT', async () => {
    const report = await quantifyJson();
    // The lesions sit inside vertebral bodies and the pelvic ring (HU 400 ≥ 150 around them).
    for (const truth of phantom.truth.lesions.filter((lesion) => lesion.kind === 'osseous' && lesion.suvbw >= 5)) {
      const found = report.lesions.find((lesion) => distance(lesion.centroidMm, truth.centreMm) <= 2 * voxelMm);
      expect(found, `osseous lesion at ${truth.centreMm.join(', ')}`).toBeDefined();
      expect(found?.osseous).toBe(true);
    }
  });

  it('--sul reports SUL values, labelled: SULmax of the 8:1 spheres = 8 × liver SUL / 2.2', async () => {
    const report = await quantifyJson('--sul');
    expect(report.quantity).toBe('SULjanmahasatian');
    const ratio = (report.liver.sulMean ?? Number.NaN) / 2.2;
    const big = phantom.truth.lesions.find((lesion) => lesion.contrast === 8 && lesion.diameterMm === 37);
    const found = report.lesions.find((lesion) => distance(lesion.centroidMm, big?.centreMm ?? []) <= voxelMm);
    expect(found?.suvmax).toBeCloseTo(8 * ratio, 2);
    expect(big?.sulJanmahasatian).toBeCloseTo(8 * ratio, 2);
    expect(report.notes.join(' ')).toContain('lesion values are SUL');
  });

  it('--csv prints the disclaimer as a comment, a header and one row per lesion', async () => {
    const json = await quantifyJson();
    const run = await runCli(['pet', 'quantify', join(root, 'baseline'), `--liver=${liver}`, '--csv']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`# ${json.disclaimer}`);
    expect(lines[1]).toBe(
      'rank,centroid_x_mm,centroid_y_mm,centroid_z_mm,suvmax,suvpeak_global,suvpeak_local,suvmean,mtv_ml,tlg_suvbw_ml,osseous,bone_fraction,skeletal_region,skeletal_region_confidence',
    );
    expect(lines).toHaveLength(2 + json.lesions.length);
    expect(lines[2]?.split(',')).toHaveLength(14);
    expect(Number(lines[2]?.split(',')[4])).toBe(json.lesions[0]?.suvmax);
  });

  it('prints a readable table by default', async () => {
    const run = await runCli(['pet', 'quantify', join(root, 'baseline'), `--liver=${liver}`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(DISCLAIMER);
    expect(run.stdout).toMatch(/SUVbwmax\s+SUVbwpeak glob/);
    expect(run.stdout).toContain('Liver reference (given');
  });

  it('--time-point twice, then compare: identical uptake at both dates is stable metabolic disease', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bonemet-time-points-'));
    const files: string[] = [];
    for (const study of ['baseline', 'follow-up']) {
      const run = await runCli(['pet', 'quantify', join(root, study), `--liver=${liver}`, '--time-point']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const timePoint = JSON.parse(run.stdout) as {
        studyDate: string;
        uptakeTimeMin: number;
        liver: { sulMean: number };
        lesions: { id: string; organ: string; sulPeak: number }[];
      };
      // The phantom's scan date and 60 min uptake (injection to scan start).
      expect(timePoint.studyDate).toBe(study === 'baseline' ? '2024-01-15' : '2024-03-15');
      expect(timePoint.uptakeTimeMin).toBeCloseTo(60, 6);
      expect(timePoint.lesions[0]?.id).toBe('L1');
      expect(['bone', 'soft tissue']).toContain(timePoint.lesions[0]?.organ);
      const file = join(dir, `${study}.json`);
      await writeFile(file, run.stdout);
      files.push(file);
    }
    const compare = await runCli(['pet', 'compare', files[0] ?? '', files[1] ?? '', '--json']);
    expect(compare.stderr).toBe('');
    expect(compare.status).toBe(0);
    expect((JSON.parse(compare.stdout) as { percist: { category: string } }).percist.category).toBe('SMD');
  });

  it('--series chooses one PET series in a folder that holds two', async () => {
    const uid = (await readDicomDirectory(join(root, 'baseline', 'pet'))).series[0]?.seriesInstanceUid ?? '';
    const run = await runCli(['pet', 'quantify', join(root, 'mixed'), '--threshold', '2.5', '--series', uid, '--json']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { source: { petSeriesInstanceUid: string } }).source.petSeriesInstanceUid).toBe(
      uid,
    );
  });
});

describe('bonemet pet quantify: bad input exits 2 with nothing on stdout', () => {
  async function refused(args: string[], expected: RegExp): Promise<void> {
    const run = await runCli(['pet', 'quantify', ...args]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(expected);
  }

  it('a folder without PET (the CT alone)', async () => {
    await refused([join(root, 'baseline', 'ct')], /no PET series in .*\n.*\(CT\)/);
  });

  it('two PET series without --series', async () => {
    await refused([join(root, 'mixed')], /2 PET series in .*: choose one with --series/);
  });

  it('an unknown threshold', async () => {
    await refused([join(root, 'baseline'), '--threshold', '40'], /--threshold: unknown threshold "40"/);
  });

  it('bad --liver and --blood-pool coordinates and a negative minimum volume, all listed', async () => {
    const run = await runCli([
      'pet',
      'quantify',
      join(root, 'baseline'),
      '--liver',
      '1,2',
      '--blood-pool',
      'a,b,c',
      '--min-volume-ml=-1',
    ]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--liver: "1,2" is not three numbers/);
    expect(run.stderr).toMatch(/--blood-pool: "a,b,c" is not three numbers/);
    expect(run.stderr).toMatch(/--min-volume-ml: "-1" is not a volume/);
  });

  it('a liver centre outside the image', async () => {
    await refused([join(root, 'baseline'), '--liver', '0,0,5000'], /--liver: .*outside the image/);
  });

  it('two output formats', async () => {
    await refused([join(root, 'baseline'), '--json', '--csv'], /choose one output: --json, --csv/);
  });

  it('a missing folder and a missing argument', async () => {
    await refused([join(root, 'nowhere')], /cannot read/);
    await refused([], /<dir\|file>: a PET directory or DICOM file is needed/);
  });
});
