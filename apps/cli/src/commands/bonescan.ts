/**
 * `bonemet bonescan analyze`: whole-body bone scan files (NM DICOM, Secondary Capture, or PNG/TIFF with a
 * JSON sidecar) → count quality → skeleton segmentation → superscan check → hotspots with labels and
 * reasons → Bone Scan Index, and with --edits the reader-edited result next to the automatic one.
 */
import { stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  analyzeWholeBodyScan,
  encodeRgbaPng,
  renderBoneScanOverlay,
  type BoneScanIndexResult,
  type BoneScanReport,
  type WholeBodyScanAnalysis,
} from '@bonemet/bonescan';
import { BonemetError, RESEARCH_USE_DISCLAIMER } from '@bonemet/core';
import { readJsonInput, write, type CliIo } from '../io.js';
import { CitationList } from '../render/citations.js';
import { usageError } from '../usage.js';
import { BONESCAN_PHANTOM_USAGE, bonescanPhantom } from './bonescan-phantom.js';
import { readScanFile } from './read-scan-file.js';

export type { BoneScanReport } from '@bonemet/bonescan';

export const BONESCAN_USAGE = `bonemet bonescan analyze <files...> [--edits <edits.json|->] [--overlay <out.png>] [--json]
  Planar whole-body bone scan: the files are NM DICOM or Secondary Capture objects (both views in one
  object, or one file per view), or one PNG/TIFF image with its JSON sidecar. Reports count quality
  (quantification is refused below 0.5 million counts per view), the skeleton segmentation and its
  warnings, the superscan check, every hotspot with its label and reason, and the Bone Scan Index in
  total and per region. --edits applies reader edits ({"edits": [...]}: relabel, delete, add) and reports
  the edited result next to the automatic one, which edits never change. In the JSON, \`hotspots\` gives
  each automatic hotspot's centre as x (column) and y (row) in pixels of the stored frame.
  --overlay writes a PNG: the anterior view on the left and the posterior on the right, both in the
  reading orientation (head up, the patient's left on image right, so the posterior view is mirrored
  from its stored frame), high counts dark, each skeleton region tinted with one fixed colour per region,
  each hotspot a ring at its centre: metastasis red, benign green; with --edits, a relabelled hotspot has
  a dashed ring, one the reader added a double ring, a deleted one a dashed grey ring. Picture pixels are
  2 × 2 per image pixel; the views are 8 pixels apart.

${BONESCAN_PHANTOM_USAGE}`;

export async function bonescanCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'analyze') return bonescanAnalyze(rest, io);
  if (sub === 'phantom') return bonescanPhantom(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    write(io.stdout, `${BONESCAN_USAGE}\n\n${RESEARCH_USE_DISCLAIMER}`);
    return 0;
  }
  throw usageError(`unknown bonescan command "${sub}" (available: analyze, phantom)`);
}

async function bonescanAnalyze(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { edits: { type: 'string' }, overlay: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) {
    throw usageError('bonescan analyze needs the scan files: DICOM objects, or an image and its .json sidecar');
  }
  const files = await Promise.all(
    positionals.map((path) =>
      readScanFile(path, (reason) => ({
        path: [path],
        message: reason,
        hint: 'give the scan’s DICOM files, or an image and its sidecar',
      })),
    ),
  );
  // Checked before the analysis, so that a wrong path fails at once rather than after it.
  if (values.overlay !== undefined) await checkOverlayDirectory(values.overlay);
  const edits = values.edits === undefined ? undefined : await readJsonInput(values.edits, io);
  const analysis = analyzeWholeBodyScan(files, {
    fileNames: positionals,
    ...(edits === undefined ? {} : { edits }),
  });
  const { report } = analysis;
  if (values.overlay !== undefined) await writeOverlay(analysis, values.overlay);
  const text = values.json ? JSON.stringify(report, null, 2) : renderBoneScanReport(report);
  write(io.stdout, values.overlay === undefined || values.json ? text : `${text}\n\nOverlay: ${values.overlay}`);
  return 0;
}

function overlayError(path: string, reason: string, cause?: unknown): BonemetError {
  return new BonemetError('io_error', `cannot write the overlay ${path}: ${reason}`, {
    issues: [{ path: ['--overlay'], message: reason, hint: 'give a writable .png path in an existing directory' }],
    cause,
  });
}

async function checkOverlayDirectory(path: string): Promise<void> {
  const directory = dirname(path);
  const info = await stat(directory).catch(() => undefined);
  if (info === undefined) throw overlayError(path, `no such directory ${directory}`);
  if (!info.isDirectory()) throw overlayError(path, `${directory} is not a directory`);
}

async function writeOverlay(analysis: WholeBodyScanAnalysis, path: string): Promise<void> {
  const png = encodeRgbaPng(renderBoneScanOverlay(analysis).image);
  try {
    await writeFile(path, png);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'is a directory' : String(cause);
    throw overlayError(path, reason, cause);
  }
}

function renderBsi(bsi: BoneScanIndexResult, lines: string[]): void {
  lines.push(
    `  BSI ${bsi.percent.toFixed(2)} % of skeletal mass, ${String(bsi.metastasisCount)} metastasis hotspot(s)`,
  );
  for (const [region, percent] of Object.entries(bsi.byRegion)) lines.push(`    ${region}: ${percent.toFixed(2)} %`);
}

/** The report as text: disclaimer, quality, segmentation, superscan, hotspots, BSI, sources. */
export function renderBoneScanReport(report: BoneScanReport): string {
  const refs = new CitationList();
  const lines = [
    `Bone scan analysis (${report.method}): ${report.views.map((v) => `${v.view} from ${v.source} (${v.sourceKind})`).join(', ')}`,
    report.disclaimer,
    '',
  ];
  for (const warning of report.readWarnings) lines.push(`! ${warning}`);
  lines.push(`Count quality ${refs.mark(report.countQuality.citations)}:`);
  for (const v of report.countQuality.views) lines.push(`  ${v.status}: ${v.message}`);
  if (!report.countQualityAssessable) {
    lines.push(
      '  Count quality NOT ASSESSABLE: the Bone Scan Index below is not validated for this input; read it as indicative only.',
    );
  }
  lines.push('', `Skeleton segmentation${report.segmentation.doubtful ? ' (DOUBTFUL)' : ''}:`);
  for (const v of report.segmentation.views) {
    lines.push(
      `  ${v.view}: ${(100 * v.boneCoverage).toFixed(0)} % of the bone signal labelled, ${(100 * v.labelsOnBone).toFixed(0)} % of labels on bone`,
    );
  }
  for (const warning of report.segmentation.warnings) lines.push(`  ! ${warning}`);
  lines.push('', `Superscan ${refs.mark(report.superscan.citations)}: ${report.superscan.message}`, '');
  const hotspots = report.automatic.hotspots;
  lines.push(`Hotspots (automatic): ${String(hotspots.length)}`);
  for (const h of hotspots) {
    const pair = h.otherViewId === null ? '' : `, with ${h.otherViewId}`;
    lines.push(
      `  ${h.id} ${h.region ?? 'off skeleton'} [${h.columnPx.toFixed(0)}, ${h.rowPx.toFixed(0)}] px, ${h.areaMm2.toFixed(0)} mm², ${h.ratioMax.toFixed(2)}× normal bone${pair}: ${h.label} (score ${h.score.toFixed(2)}, ${h.rule}): ${h.reason}`,
    );
  }
  lines.push('', `Bone Scan Index (automatic) ${refs.mark(report.automatic.bsi.citations)}:`);
  renderBsi(report.automatic.bsi, lines);
  lines.push(`  ${report.automatic.bsi.method}`);
  if (report.edited !== null) {
    const edited = report.edited;
    lines.push('', `Reader-edited result (${String(edited.edits.length)} edit(s)):`);
    for (const h of edited.hotspots) {
      const change =
        h.source === 'reader'
          ? 'added by the reader'
          : h.automaticLabel === h.label
            ? 'unchanged'
            : `was ${h.automaticLabel ?? 'none'}`;
      lines.push(`  ${h.id} ${h.region ?? 'off skeleton'}: ${h.label} (${change})`);
    }
    if (edited.deletedIds.length > 0) lines.push(`  deleted: ${edited.deletedIds.join(', ')}`);
    renderBsi(edited.bsi, lines);
  }
  const others = report.citations.filter(
    (c) =>
      !report.countQuality.citations.some((q) => q.id === c.id) &&
      !report.superscan.citations.some((q) => q.id === c.id) &&
      !report.automatic.bsi.citations.some((q) => q.id === c.id),
  );
  if (others.length > 0) lines.push('', `Hotspot rules ${refs.mark(others)}`);
  lines.push('', 'Sources:', ...refs.lines());
  return lines.join('\n');
}
