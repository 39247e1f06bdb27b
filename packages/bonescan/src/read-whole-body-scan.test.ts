import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BonemetError } from '@bonemet/core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { assessCountQuality } from './count-quality.js';
import { readWholeBodyScan } from './read-whole-body-scan.js';
import { anteriorCode, nmWholeBodyFile, posteriorCode } from './test-support/nm-object.js';

const realDir = fileURLToPath(new URL('../../dicom/test-data/real-bonescan/', import.meta.url));
const real = (name: string): { bytes: Uint8Array; source: string } => ({
  bytes: readFileSync(join(realDir, name)),
  source: name,
});

function dciodvfyErrors(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bonescan-'));
  try {
    const file = join(dir, 'nm.dcm');
    writeFileSync(file, bytes);
    let output: string;
    try {
      output = execFileSync('dciodvfy', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
    }
    return output.split('\n').filter((line) => line.startsWith('Error'));
  } catch (cause) {
    return [String(cause)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function thrown(run: () => unknown): Promise<BonemetError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BonemetError) return error;
    throw error;
  }
  throw new Error('expected a BonemetError');
}

/** A 4-column × 16-row frame whose pixel (row, column) holds base + 10 × column + row. */
function ramp(base: number): Uint16Array {
  return Uint16Array.from({ length: 64 }, (_, i) => base + 10 * (i % 4) + Math.floor(i / 4));
}

describe('the real whole-body bone scan (NEMA WG-04 NM1, SOURCE.md)', () => {
  for (const name of ['nm1-wholebody-uncompressed.dcm', 'nm1-wholebody-jpeg-extended.dcm']) {
    it(`${name}: one 256 × 1024 view at 2.26 mm, a capture without count QC`, () => {
      const scan = readWholeBodyScan([real(name)]);
      // dcmdump: Rows 1024, Columns 256, PixelSpacing 2.260000\2.260000; SOURCE.md: an anterior view.
      expect(scan.views).toHaveLength(1);
      const [view] = scan.views;
      expect(view?.rows).toBe(1024);
      expect(view?.columns).toBe(256);
      expect(view?.pixelSpacingMm).toEqual([2.26, 2.26]);
      expect(view?.view).toBe('anterior');
      expect(view?.viewBasis).toBe('layout-assumed');
      expect(view?.sourceKind).toBe('secondary-capture');
      expect(view?.countsAreCalibrated).toBe(false);
      // dcmdump: CountsAccumulated 3596452; ScanVelocity 1.671598 mm/s × 6 = 10.029588 cm/min.
      expect(view?.declaredTotalCounts).toBe(3596452);
      expect(scan.acquisition.scanSpeedCmPerMin).toBeCloseTo(10.029588, 5);
      expect(scan.acquisition.scanLengthMm).toBe(1899);
      expect(scan.warnings.some((w) => w.includes('taken as anterior'))).toBe(true);
      const quality = assessCountQuality(scan);
      expect(quality.views[0]?.status).toBe('not-assessable');
      expect(quality.views[0]?.message).toContain('Secondary Capture');
      expect(quality.quantifiable).toBe(false);
    });
  }

  it('splits a side-by-side capture made of the real view and its mirror image', () => {
    const scan = readWholeBodyScan([real('nm1-wholebody-uncompressed.dcm')]);
    const view = scan.views[0];
    if (view === undefined) throw new Error('no view');
    // Build a 2 × 256 + 16 gap image as a display would put anterior and posterior side by side.
    const width = 528;
    const wide = new Float32Array(1024 * width);
    for (let r = 0; r < 1024; r++) {
      for (let c = 0; c < 256; c++) {
        const value = view.counts[r * 256 + c] ?? 0;
        wide[r * width + c] = value;
        wide[r * width + 272 + (255 - c)] = value;
      }
    }
    return import('./split-side-by-side.js').then(({ detectSideBySide }) => {
      const layout = detectSideBySide(wide, 1024, width);
      expect(layout.layout).toBe('side-by-side');
      // The gap is columns 256–271; the split falls inside it.
      expect(layout.splitColumn).toBeGreaterThanOrEqual(256);
      expect(layout.splitColumn).toBeLessThanOrEqual(272);
    });
  });
});

describe('NM Image Storage whole-body objects built with the Part 10 writer', () => {
  const rows = 16;
  const columns = 4;

  it('reads a two-frame object: views from the detectors’ view codes, posterior mirrored; dciodvfy finds no error', () => {
    const bytes = nmWholeBodyFile(
      'two-frame',
      [
        { pixels: ramp(1000), viewCode: posteriorCode },
        { pixels: ramp(2000), viewCode: anteriorCode },
      ],
      rows,
      columns,
    );
    expect(dciodvfyErrors(bytes)).toEqual([]);
    const scan = readWholeBodyScan([{ bytes, source: 'two-frame.dcm' }]);
    const posterior = scan.views.find((v) => v.view === 'posterior');
    const anterior = scan.views.find((v) => v.view === 'anterior');
    expect(posterior?.viewBasis).toBe('view-code');
    expect(anterior?.orientation.mirroredLeftRight).toBe(false);
    expect(posterior?.orientation.mirroredLeftRight).toBe(true);
    expect(posterior?.orientation.basis).toBe('convention');
    // Anterior pixel (row 2, column 1) = 2000 + 10 + 2; the mirrored posterior's column 1 is stored column 2: 1000 + 20 + 2.
    expect(anterior?.counts[2 * columns + 1]).toBe(2012);
    expect(posterior?.counts[2 * columns + 1]).toBe(1022);
    expect(anterior?.pixelSpacingMm).toEqual([2.4, 2.4]);
    expect(anterior?.countsAreCalibrated).toBe(true);
    // ScanVelocity 2 mm/s = 12 cm/min; injection 09:00, acquisition 12:00 = 180 min; dose 740 MBq.
    expect(scan.acquisition.scanSpeedCmPerMin).toBe(12);
    expect(scan.acquisition.uptakeTimeMin).toBe(180);
    expect(scan.acquisition.administeredActivityMBq).toBe(740);
    expect(scan.acquisition.radiopharmaceutical).toBe('99mTc-HDP');
  });

  it('uses Image Orientation (Patient) when the detector gives it (feet at row 0 → flipped)', () => {
    // Row direction +x (towards patient left), column direction +z (towards the head): feet at row 0.
    const bytes = nmWholeBodyFile(
      'iop',
      [{ pixels: ramp(0), viewCode: anteriorCode, imageOrientationPatient: [1, 0, 0, 0, 0, 1] }],
      rows,
      columns,
    );
    const [view] = readWholeBodyScan([{ bytes, source: 'iop.dcm' }]).views;
    expect(view?.orientation).toMatchObject({
      flippedTopBottom: true,
      mirroredLeftRight: false,
      basis: 'image-orientation',
    });
    // Output row 0 is stored row 15: value 0 + 10 × 0 + 15.
    expect(view?.counts[0]).toBe(15);
  });

  it('reads single-frame files, one per view', () => {
    const ant = nmWholeBodyFile('single-ant', [{ pixels: ramp(5), viewCode: anteriorCode }], rows, columns);
    const post = nmWholeBodyFile(
      'single-post',
      [{ pixels: ramp(7), viewCode: ['R-10206', 'SRT', 'antero-posterior'] }],
      rows,
      columns,
    );
    expect(dciodvfyErrors(ant)).toEqual([]);
    const scan = readWholeBodyScan([
      { bytes: ant, source: 'ant.dcm' },
      { bytes: post, source: 'post.dcm' },
    ]);
    expect(scan.views.map((v) => v.view)).toEqual(['anterior', 'posterior']);
  });

  it('refuses missing view codes, wrong modality, a tomographic object and a truncated file', async () => {
    const noCodes = nmWholeBodyFile('no-codes', [{ pixels: ramp(0) }, { pixels: ramp(0) }], rows, columns);
    const missing = await thrown(() => readWholeBodyScan([{ bytes: noCodes, source: 'no-codes.dcm' }]));
    expect(missing.code).toBe('missing_data');
    expect(missing.message).toContain('View Code Sequence');
    const ct = nmWholeBodyFile('ct', [{ pixels: ramp(0), viewCode: anteriorCode }], rows, columns, { modality: 'CT' });
    expect((await thrown(() => readWholeBodyScan([{ bytes: ct, source: 'ct.dcm' }]))).code).toBe('invalid_input');
    const tomo = nmWholeBodyFile('tomo', [{ pixels: ramp(0), viewCode: anteriorCode }], rows, columns, {
      imageType3: 'TOMO',
    });
    expect((await thrown(() => readWholeBodyScan([{ bytes: tomo, source: 'tomo.dcm' }]))).code).toBe('unsupported');
    const good = nmWholeBodyFile('cut', [{ pixels: ramp(0), viewCode: anteriorCode }], rows, columns);
    const truncated = await thrown(() =>
      readWholeBodyScan([{ bytes: good.subarray(0, good.length - 40), source: 'cut.dcm' }]),
    );
    expect(truncated.code).toBe('malformed_input');
    const twice = await thrown(() =>
      readWholeBodyScan([
        { bytes: good, source: 'a.dcm' },
        { bytes: good, source: 'b.dcm' },
      ]),
    );
    expect(twice.code).toBe('invalid_input');
  });
});

describe('research images with a JSON sidecar', () => {
  const sidecar = {
    pixelSpacingMm: [2.2, 2.2],
    layout: 'side-by-side',
    views: ['anterior', 'posterior'],
    pixelValuesAreCounts: true,
    storedOrientation: [
      { headAtTop: true, patientLeftOn: 'image-right' },
      { headAtTop: true, patientLeftOn: 'image-left' },
    ],
  };
  const json = (value: unknown): { bytes: Uint8Array; source: string } => ({
    bytes: new TextEncoder().encode(JSON.stringify(value)),
    source: 'scan.json',
  });

  it('reads a 16-bit grey PNG encoded with pngjs, split by the sidecar', () => {
    const png = new PNG({ width: 8, height: 4, colorType: 0, inputColorType: 0, bitDepth: 16, inputHasAlpha: false });
    // Pixel (row, column) = 300 × column + row, above 255 so that 16-bit values are needed.
    const samples = Uint16Array.from({ length: 32 }, (_, i) => 300 * (i % 8) + Math.floor(i / 8));
    (png as unknown as { data: Uint16Array }).data = samples;
    const bytes = PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 16, inputHasAlpha: false });
    const scan = readWholeBodyScan([{ bytes, source: 'scan.png' }, json(sidecar)]);
    const [anterior, posterior] = scan.views;
    expect(anterior?.columns).toBe(4);
    // Anterior (row 1, column 3) = 300 × 3 + 1; posterior is columns 4–7 mirrored: its column 0 is stored column 7.
    expect(anterior?.counts[1 * 4 + 3]).toBe(901);
    expect(posterior?.counts[0]).toBe(2100);
    expect(posterior?.sourceKind).toBe('image-file');
  });

  it('reads a 16-bit TIFF and uses the declared totals when the values are not counts', () => {
    const width = 4;
    const height = 8;
    const header = 8;
    const entries = [
      [256, 3, 1, width],
      [257, 3, 1, height],
      [258, 3, 1, 16],
      [259, 3, 1, 1],
      [262, 3, 1, 1],
      [273, 4, 1, 0],
      [277, 3, 1, 1],
      [278, 3, 1, height],
      [279, 4, 1, width * height * 2],
    ];
    const ifdSize = 2 + entries.length * 12 + 4;
    const dataOffset = header + ifdSize;
    const bytes = new Uint8Array(dataOffset + width * height * 2);
    const view = new DataView(bytes.buffer);
    bytes.set([0x49, 0x49, 0x2a, 0x00]);
    view.setUint32(4, header, true);
    view.setUint16(header, entries.length, true);
    entries.forEach(([tagNumber = 0, type = 0, count = 0, value = 0], i) => {
      const at = header + 2 + i * 12;
      view.setUint16(at, tagNumber, true);
      view.setUint16(at + 2, type, true);
      view.setUint32(at + 4, count, true);
      if (tagNumber === 273) view.setUint32(at + 8, dataOffset, true);
      else if (type === 3) view.setUint16(at + 8, value, true);
      else view.setUint32(at + 8, value, true);
    });
    for (let i = 0; i < width * height; i++) view.setUint16(dataOffset + 2 * i, 1000 + i, true);
    const scan = readWholeBodyScan([
      { bytes, source: 'scan.tif' },
      json({
        pixelSpacingMm: [2.5, 2.5],
        layout: 'single',
        views: ['posterior'],
        pixelValuesAreCounts: false,
        totalCounts: [750000],
      }),
    ]);
    const [posterior] = scan.views;
    // Stored (row 0, column 3) = 1003 moves to column 0 under the posterior mirror convention.
    expect(posterior?.counts[0]).toBe(1003);
    const quality = assessCountQuality(scan);
    expect(quality.views[0]).toMatchObject({ status: 'low', totalCounts: 750000, countBasis: 'declared' });
  });

  it('refuses a sidecar with an unknown field, and a sidecar without an image', async () => {
    const png = PNG.sync.write(new PNG({ width: 2, height: 8 }));
    const unknown = await thrown(() =>
      readWholeBodyScan([{ bytes: png, source: 'scan.png' }, json({ ...sidecar, pixelSize: 2 })]),
    );
    expect(unknown.code).toBe('invalid_input');
    expect(unknown.issues.some((issue) => issue.path.includes('pixelSize'))).toBe(true);
    expect((await thrown(() => readWholeBodyScan([json(sidecar)]))).code).toBe('invalid_input');
  });
});
