// `bonemet bonescan analyze` on the bone-scan phantom written as NM DICOM (ground truth known), on the real
// Secondary Capture scan (NEMA WG-04 NM1, packages/dicom/test-data/real-bonescan/SOURCE.md) and on bad input.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hotspotRingColours, regionColour, regionTintAlpha } from '@bonemet/bonescan';
import { generateBoneScanPhantom, writeBoneScanPhantom } from '@bonemet/phantoms';
import { decodePng } from '@bonemet/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCLAIMER, runCli } from '../test-support.js';
import type { BoneScanReport } from './bonescan.js';

const realScan = fileURLToPath(
  new URL('../../../../packages/dicom/test-data/real-bonescan/nm1-wholebody-uncompressed.dcm', import.meta.url),
);

const root = mkdtempSync(join(tmpdir(), 'bonemet-cli-bonescan-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

// One hot metastasis of 30 mm at 5× normal bone in the right femur and nothing else that could be hot
// on bone: no random findings, no degenerative joints, no superscan; 2 million counts per view.
const phantom = generateBoneScanPhantom({
  seed: 11,
  totalCountsPerView: 2_000_000,
  metastases: 0,
  lyticMetastases: 0,
  ribFractures: 0,
  degenerativeJoints: false,
  superscan: false,
  lesions: [{ kind: 'metastasis', part: 'femur_right', diameterMm: 30, contrast: 5 }],
});
let nmFile = '';
let lowCountFile = '';

beforeAll(async () => {
  nmFile = (await writeBoneScanPhantom(phantom, join(root, 'study'))).nmFile;
  const low = generateBoneScanPhantom({ seed: 12, totalCountsPerView: 400_000, metastases: 0 });
  lowCountFile = (await writeBoneScanPhantom(low, join(root, 'low'))).nmFile;
}, 120_000);

describe('bonemet bonescan analyze on the phantom (NM DICOM, truth known)', () => {
  it('finds the femur metastasis, no superscan, a positive BSI in the femur', async () => {
    const run = await runCli(['bonescan', 'analyze', nmFile, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as BoneScanReport;
    expect(report.disclaimer).toContain(DISCLAIMER);
    // Truth: both views in one NM object, 2 million expected counts each (≥ 1 million: adequate).
    expect(report.views.map((v) => v.view).sort()).toEqual(['anterior', 'posterior']);
    expect(report.countQuality.views.map((v) => v.status)).toEqual(['adequate', 'adequate']);
    expect(report.countQualityAssessable).toBe(true);
    expect(report.superscan.superscan).toBe(phantom.superscan);
    const femur = report.automatic.hotspots.filter((h) => h.region === 'femur_right' && h.label === 'metastasis');
    expect(femur.length).toBeGreaterThanOrEqual(1);
    for (const h of femur) expect(h.reason.length).toBeGreaterThan(0);
    // The phantom's true BSI holds only the femur lesion; the measured femur share must be positive.
    expect(phantom.truth.bsi.percent).toBeGreaterThan(0);
    expect(report.automatic.bsi.byRegion.femur).toBeGreaterThan(0);
    expect(report.edited).toBeNull();
  }, 120_000);

  it('text output carries the disclaimer, the QC, the hotspots and the sources', async () => {
    const run = await runCli(['bonescan', 'analyze', nmFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(DISCLAIMER);
    expect(run.stdout).toMatch(/Count quality/);
    expect(run.stdout).toMatch(/femur_right/);
    expect(run.stdout).toMatch(/Bone Scan Index/);
    expect(run.stdout).toMatch(/Sources:\n {2}\[1\]/);
  }, 120_000);

  it('--edits: deleting every metastasis gives an edited BSI of 0, the automatic one unchanged', async () => {
    const automatic = JSON.parse((await runCli(['bonescan', 'analyze', nmFile, '--json'])).stdout) as BoneScanReport;
    const metastases = automatic.automatic.hotspots.filter((h) => h.label === 'metastasis');
    const editsFile = join(root, 'edits.json');
    writeFileSync(
      editsFile,
      JSON.stringify({ edits: metastases.map((h) => ({ action: 'delete', hotspotId: h.id, by: 'reader 1' })) }),
    );
    const run = await runCli(['bonescan', 'analyze', nmFile, '--edits', editsFile, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as BoneScanReport;
    expect(report.automatic.bsi.percent).toBe(automatic.automatic.bsi.percent);
    // No metastasis left: the BSI, a sum over metastasis pixels only, is 0 by definition.
    expect(report.edited?.bsi.percent).toBe(0);
    expect(report.edited?.deletedIds.slice().sort()).toEqual(metastases.map((h) => h.id).sort());
  }, 120_000);

  it('refuses a scan below 0.5 million counts per view: status 2 with the reason', async () => {
    const run = await runCli(['bonescan', 'analyze', lowCountFile]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/too few counts/);
    expect(run.stderr).toMatch(/below the 0\.5 million/);
  }, 120_000);
});

describe('bonemet bonescan analyze on the real Secondary Capture scan', () => {
  it('says the count quality is not assessable and still reports the analysis', async () => {
    const run = await runCli(['bonescan', 'analyze', realScan, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as BoneScanReport;
    // SOURCE.md: one anterior view, 256 × 1024, stored as Secondary Capture.
    expect(report.views).toHaveLength(1);
    expect(report.views[0]).toMatchObject({ view: 'anterior', sourceKind: 'secondary-capture', columns: 256 });
    expect(report.countQuality.views[0]?.status).toBe('not-assessable');
    expect(report.countQualityAssessable).toBe(false);
    const text = await runCli(['bonescan', 'analyze', realScan]);
    expect(text.stdout).toMatch(/NOT ASSESSABLE/);
    expect(text.stdout).toContain(DISCLAIMER);
  }, 120_000);
});

describe('bonemet bonescan: bad input (status 2, nothing on standard output)', () => {
  it.each([
    [['bonescan', 'analyze']],
    [['bonescan', 'analyse', 'x.dcm']],
    [['bonescan', 'analyze', join(root, 'missing.dcm')]],
    [['bonescan', 'analyze', '--nope', 'x.dcm']],
  ])('%j', async (argv) => {
    const run = await runCli(argv);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bonemet: /);
  });

  it('a file that is no scan names the file', async () => {
    const file = join(root, 'notes.txt');
    writeFileSync(file, 'hello');
    const run = await runCli(['bonescan', 'analyze', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('notes.txt');
  });

  it('invalid edits are reported by path', async () => {
    const file = join(root, 'bad-edits.json');
    writeFileSync(file, JSON.stringify({ edits: [{ action: 'relabel', hotspotId: 'ANT-1', label: 'maybe' }] }));
    const run = await runCli(['bonescan', 'analyze', nmFile, '--edits', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/edits/);
  }, 120_000);
});

/** The pixel deepest inside a label of a map (the last to go when the label is eroded with 4-neighbours). */
function deepestPixel(labels: Uint8Array, columns: number, rows: number, label: number): [number, number] {
  let mask = Uint8Array.from(labels, (v) => (v === label ? 1 : 0));
  for (;;) {
    const next = new Uint8Array(mask.length);
    let left = 0;
    for (let r = 1; r < rows - 1; r++) {
      for (let c = 1; c < columns - 1; c++) {
        const i = r * columns + c;
        if (mask[i] && mask[i - 1] && mask[i + 1] && mask[i - columns] && mask[i + columns]) {
          next[i] = 1;
          left += 1;
        }
      }
    }
    if (left === 0) break;
    mask = next;
  }
  const index = mask.indexOf(1);
  return [index % columns, Math.floor(index / columns)];
}

describe('bonemet bonescan analyze --overlay', () => {
  it('draws the femur metastasis as a red ring at its true centre and tints the regions where the truth has them', async () => {
    const overlay = join(root, 'overlay.png');
    const run = await runCli(['bonescan', 'analyze', nmFile, '--overlay', overlay, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const png = decodePng(readFileSync(overlay));
    // Usage text: anterior then posterior, 2 × 2 picture pixels per image pixel, 8 pixels apart.
    expect([png.width, png.height]).toEqual([2 * (2 * phantom.columns) + 8, 2 * phantom.rows]);
    const colour = (x: number, y: number): number[] => [
      ...png.rgba.subarray(4 * (y * png.width + x), 4 * (y * png.width + x) + 3),
    ];
    // Truth: the femur metastasis's centre in the anterior view (stored = reading orientation for the anterior
    // head); image pixel (c, r) is centred at picture (2c + 0.5, 2r + 0.5).
    const femur = phantom.truth.findings.find((f) => f.part === 'femur_right');
    expect(femur).toBeDefined();
    const [column, row] = femur!.centrePx.anterior;
    const cx = 2 * column + 0.5;
    const cy = 2 * row + 0.5;
    const red = hotspotRingColours.metastasis;
    let sumX = 0;
    let sumY = 0;
    let n = 0;
    for (let y = Math.floor(cy - 40); y <= cy + 40; y++) {
      for (let x = Math.max(0, Math.floor(cx - 40)); x <= cx + 40; x++) {
        const [r, g, b] = colour(x, y);
        if (r !== red[0] || g !== red[1] || b !== red[2]) continue;
        sumX += x;
        sumY += y;
        n += 1;
      }
    }
    // A 30 mm lesion: a ring of radius ≥ 12 picture pixels, 3 thick, is well over 100 pixels.
    expect(n).toBeGreaterThan(100);
    // The ring is centred on the lesion (within 2 image pixels) and is a ring, not a disc: the centre is not red.
    expect(Math.hypot(sumX / n - cx, sumY / n - cy)).toBeLessThan(4);
    expect(colour(Math.round(cx), Math.round(cy))).not.toEqual([...red]);
    // Region tint: the pixel deepest inside the truth's left femur (label 23 of skeleton-parts.ts) is drawn in a
    // colour that a grey level blended with the left femur's colour explains better than any other region's.
    const [fc, fr] = deepestPixel(phantom.views[0].labels, phantom.columns, phantom.rows, 23);
    const seen = colour(2 * fc, 2 * fr);
    const misfit = (label: number): number => {
      const tint = regionColour(label);
      let best = Infinity;
      for (let grey = 0; grey <= 255; grey++) {
        const d = tint.reduce(
          (sum, t, k) =>
            sum + Math.abs(Math.round((1 - regionTintAlpha) * grey + regionTintAlpha * t) - (seen[k] ?? 0)),
          0,
        );
        best = Math.min(best, d);
      }
      return best;
    };
    const misfits = Array.from({ length: 29 }, (_, i) => misfit(i + 1));
    expect(misfits.indexOf(Math.min(...misfits)) + 1).toBe(23);
    expect(misfit(23)).toBeLessThanOrEqual(3);
  }, 120_000);

  it('an overlay path that cannot be written: status 2, nothing on standard output', async () => {
    const run = await runCli(['bonescan', 'analyze', nmFile, '--overlay', join(root, 'no-such-dir', 'o.png')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cannot write the overlay/);
  }, 120_000);
});

describe('bonemet bonescan analyze: files that are not a whole-body bone scan (status 2, typed error)', () => {
  const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');
  /** The phantom's NM object with every occurrence of `from` replaced by `to` (same length). */
  function patched(name: string, from: string, to: string): string {
    expect(to.length).toBe(from.length);
    const bytes = readFileSync(nmFile);
    let index = bytes.indexOf(ascii(from));
    expect(index).toBeGreaterThanOrEqual(0);
    while (index >= 0) {
      ascii(to).copy(bytes, index);
      index = bytes.indexOf(ascii(from), index + 1);
    }
    const file = join(root, name);
    writeFileSync(file, bytes);
    return file;
  }

  it('a CT object (SOP Class CT Image Storage): not NM or Secondary Capture', async () => {
    // CT Image Storage 1.2.840.10008.5.1.4.1.1.2 is 25 characters: a UI value is padded with NUL to 26.
    const file = patched('ct.dcm', '1.2.840.10008.5.1.4.1.1.20', '1.2.840.10008.5.1.4.1.1.2\0');
    const run = await runCli(['bonescan', 'analyze', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    // The general DICOM reader refuses it first (a multi-frame CT is not read), naming the file and the SOP Class.
    expect(run.stderr).toMatch(/^bonemet: .*ct\.dcm: .*SOP Class 1\.2\.840\.10008\.5\.1\.4\.1\.1\.2\b/);
  }, 120_000);

  it('an NM tomographic object (Image Type RECON TOMO): no planar whole-body view', async () => {
    const file = patched('tomo.dcm', 'WHOLE BODY', 'RECON TOMO');
    const run = await runCli(['bonescan', 'analyze', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/RECON TOMO: not a planar whole-body view/);
  }, 120_000);

  it('a truncated file (the first half of the NM object)', async () => {
    const bytes = readFileSync(nmFile);
    const file = join(root, 'truncated.dcm');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const run = await runCli(['bonescan', 'analyze', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^bonemet: .*truncated\.dcm/);
  }, 120_000);

  it('a missing file: not found, named', async () => {
    const run = await runCli(['bonescan', 'analyze', join(root, 'nowhere.dcm')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cannot read .*nowhere\.dcm: no such file/);
    expect(existsSync(join(root, 'nowhere.dcm'))).toBe(false);
  });
});
