// `bonemet bonescan analyze` on the bone-scan phantom written as NM DICOM (ground truth known), on the real
// Secondary Capture scan (NEMA WG-04 NM1, packages/dicom/test-data/real-bonescan/SOURCE.md) and on bad input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBoneScanPhantom, writeBoneScanPhantom } from '@bonemet/phantoms';
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
}, 60_000);

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
  }, 60_000);

  it('text output carries the disclaimer, the QC, the hotspots and the sources', async () => {
    const run = await runCli(['bonescan', 'analyze', nmFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(DISCLAIMER);
    expect(run.stdout).toMatch(/Count quality/);
    expect(run.stdout).toMatch(/femur_right/);
    expect(run.stdout).toMatch(/Bone Scan Index/);
    expect(run.stdout).toMatch(/Sources:\n {2}\[1\]/);
  }, 60_000);

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
  }, 60_000);

  it('refuses a scan below 0.5 million counts per view: status 2 with the reason', async () => {
    const run = await runCli(['bonescan', 'analyze', lowCountFile]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/too few counts/);
    expect(run.stderr).toMatch(/below the 0\.5 million/);
  }, 60_000);
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
  }, 60_000);
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
  }, 60_000);
});
