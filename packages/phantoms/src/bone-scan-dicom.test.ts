import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BonemetError } from '@bonemet/core';
import { assessCountQuality, readWholeBodyScan, type WholeBodyView } from '@bonemet/bonescan';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBoneScanNm, encodeBoneScanNmPerView } from './bone-scan-dicom.js';
import { generateBoneScanPhantom } from './bone-scan-phantom.js';
import { writeBoneScanPhantom } from './bone-scan-write.js';

const root = mkdtempSync(join(tmpdir(), 'bonemet-bonescan-phantom-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dciodvfyErrors(bytes: Uint8Array, name: string): string[] {
  const file = join(root, name);
  writeFileSync(file, bytes);
  const run = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
  expect(run.error, 'dciodvfy (Debian dicom3tools) must be installed: scripts/install-test-tools.sh').toBeUndefined();
  const output = `${run.stdout}${run.stderr}`;
  expect(output).toMatch(/NMImage/);
  return output.split('\n').filter((line) => line.startsWith('Error'));
}

/** The stored posterior mirrored left-right: the reader's convention (patient's left on image right). */
function mirrored(counts: Uint16Array, columns: number, rows: number): Float32Array {
  const out = new Float32Array(counts.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) out[r * columns + c] = counts[r * columns + columns - 1 - c] ?? 0;
  return out;
}

/** Exact equality of two float arrays, byte by byte (a deep equality over 262 144 elements is slow). */
function same(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const viewOf = (views: readonly WholeBodyView[], name: 'anterior' | 'posterior'): WholeBodyView => {
  const view = views.find((v) => v.view === name);
  if (view === undefined) throw new Error(`no ${name} view`);
  return view;
};

describe('bone-scan phantom as NM Image Storage', () => {
  const phantom = generateBoneScanPhantom({
    seed: 2024,
    metastases: 4,
    lyticMetastases: 1,
    degenerativeJoints: true,
    ribFractures: 2,
  });
  const { columns, rows } = phantom;
  const [anterior, posterior] = phantom.views;

  it('passes dciodvfy without errors, two-frame and per-view objects', () => {
    expect(dciodvfyErrors(encodeBoneScanNm(phantom), 'both.dcm')).toEqual([]);
    const perView = encodeBoneScanNmPerView(phantom);
    expect(dciodvfyErrors(perView.anterior, 'ant.dcm')).toEqual([]);
    expect(dciodvfyErrors(perView.posterior, 'post.dcm')).toEqual([]);
  });

  it('reads back through readWholeBodyScan: the counts exactly, views by code, posterior mirrored', () => {
    const scan = readWholeBodyScan([{ bytes: encodeBoneScanNm(phantom), source: 'phantom.dcm' }]);
    expect(scan.views.map((v) => v.view)).toEqual(['anterior', 'posterior']);
    const ant = viewOf(scan.views, 'anterior');
    const post = viewOf(scan.views, 'posterior');
    for (const view of [ant, post]) {
      expect(view.viewBasis).toBe('view-code');
      expect(view.orientation.basis).toBe('image-orientation');
      expect(view.orientation.flippedTopBottom).toBe(false);
      expect([view.rows, view.columns]).toEqual([rows, columns]);
      // Pixel Spacing is written as a Decimal String of up to 16 characters.
      expect(view.pixelSpacingMm[0]).toBeCloseTo(phantom.pixelSizeMm, 10);
      expect(view.sourceKind).toBe('nm');
      expect(view.countsAreCalibrated).toBe(true);
    }
    expect(ant.orientation.mirroredLeftRight).toBe(false);
    expect(post.orientation.mirroredLeftRight).toBe(true);
    expect(same(ant.counts, Float32Array.from(anterior.counts))).toBe(true);
    expect(same(post.counts, mirrored(posterior.counts, columns, rows))).toBe(true);
    // After reading, a finding lies in the same column of both views (the same side of the patient).
    for (const finding of phantom.truth.findings) {
      const [c, r] = finding.centrePx.posterior;
      expect(post.counts[r * columns + (columns - 1 - c)]).toBe(posterior.counts[r * columns + c]);
      expect(columns - 1 - c).toBe(finding.centrePx.anterior[0]);
    }
    // Acquisition header: 12 cm/min default speed, 180 min uptake, 740 MBq.
    expect(scan.acquisition.scanSpeedCmPerMin).toBeCloseTo(12, 6);
    expect(scan.acquisition.uptakeTimeMin).toBe(180);
    expect(scan.acquisition.administeredActivityMBq).toBe(740);
    const quality = assessCountQuality(scan);
    expect(quality.views.map((v) => v.totalCounts)).toEqual([anterior.totalCounts, posterior.totalCounts]);
  });

  it('reads back one file per view with each view’s declared total', () => {
    const perView = encodeBoneScanNmPerView(phantom);
    const scan = readWholeBodyScan([
      { bytes: perView.posterior, source: 'post.dcm' },
      { bytes: perView.anterior, source: 'ant.dcm' },
    ]);
    const ant = viewOf(scan.views, 'anterior');
    const post = viewOf(scan.views, 'posterior');
    expect(same(ant.counts, Float32Array.from(anterior.counts))).toBe(true);
    expect(same(post.counts, mirrored(posterior.counts, columns, rows))).toBe(true);
    expect(ant.declaredTotalCounts).toBe(anterior.totalCounts);
    expect(post.declaredTotalCounts).toBe(posterior.totalCounts);
  });

  it('writes the objects, ground truth and label maps to a directory', async () => {
    const written = await writeBoneScanPhantom(phantom, join(root, 'study'), { perView: true });
    const truth = JSON.parse(readFileSync(written.groundTruthFile, 'utf8')) as {
      notice: string;
      bsi: { percent: number };
      findings: unknown[];
      image: { columns: number; rows: number };
      totalCounts: { anterior: number };
    };
    expect(truth.notice).toMatch(/SYNTHETIC/);
    expect(truth.bsi.percent).toBe(phantom.truth.bsi.percent);
    expect(truth.findings).toHaveLength(phantom.truth.findings.length);
    expect(truth.image).toMatchObject({ columns, rows });
    expect(truth.totalCounts.anterior).toBe(anterior.totalCounts);
    expect(readFileSync(written.labelFiles.posterior).equals(Buffer.from(posterior.labels))).toBe(true);
    expect(readFileSync(written.nmFile).length).toBeGreaterThan(2 * rows * columns * 2);
    expect(written.perViewFiles).toBeDefined();
  });

  it('reports an unwritable directory as io_error', async () => {
    const file = join(root, 'not-a-directory');
    writeFileSync(file, 'x');
    const error = await writeBoneScanPhantom(phantom, join(file, 'below')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BonemetError);
    expect((error as BonemetError).code).toBe('io_error');
  });
});
