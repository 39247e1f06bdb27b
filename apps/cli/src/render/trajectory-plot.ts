/**
 * The lesion-trajectory plot of `bonemet response --out`: each tracked lesion's measure over time (PET SULpeak,
 * bone-scan intensity ratio; one panel per measure), study dates on the time axis, therapy-line starts marked,
 * the disclaimer in the image. Drawn as SVG, rendered to PNG by resvg with the DejaVu Sans font loaded from its
 * file (system fonts are not searched, so the image is the same on every machine that has the file).
 */
import { BonemetError } from '@bonemet/core';
import type { LesionTrajectory } from '@bonemet/response';
import { Resvg } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';

/** The font file the plot is drawn with. */
export const PLOT_FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONT_FAMILY = 'DejaVu Sans';

export const TRAJECTORY_PLOT_LAYOUT = Object.freeze({
  widthPx: 1200,
  headerPx: 80,
  panelPx: 420,
  footerPx: 60,
});

export interface TrajectoryPlotInput {
  readonly patientId: string;
  readonly trajectories: readonly LesionTrajectory[];
  readonly therapyLines: readonly {
    readonly lineNumber: number;
    readonly regimen: string;
    readonly startDate: string;
  }[];
  readonly disclaimer: string;
}

// Colour-blind-safe palette (Okabe and Ito 2008), then a few darker tones.
const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C564B', '#7F7F7F'];

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}

const dayOf = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/** Tick step of 1, 2 or 5 × 10^k giving about `count` ticks over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

const panelTitles: Readonly<Record<LesionTrajectory['measure'], { title: string; axis: string }>> = {
  SULpeak: { title: 'PET: SULpeak of each tracked lesion', axis: 'SULpeak (g/ml)' },
  'intensity ratio': {
    title: 'Bone scan: intensity ratio of each tracked hotspot',
    axis: 'Intensity ratio (hotspot / normal bone)',
  },
};

/** The plot as an SVG document. */
export function trajectoryPlotSvg(input: TrajectoryPlotInput): string {
  const { widthPx, headerPx, panelPx, footerPx } = TRAJECTORY_PLOT_LAYOUT;
  const measures = (['SULpeak', 'intensity ratio'] as const).filter((m) =>
    input.trajectories.some((t) => t.measure === m),
  );
  const heightPx = headerPx + Math.max(1, measures.length) * panelPx + footerPx;
  const dates = [...new Set(input.trajectories.flatMap((t) => t.points.map((p) => p.date)))].sort();
  const starts = input.therapyLines.filter((line) => dates.length > 0 && line.startDate <= (dates.at(-1) ?? ''));
  const allDays = [...dates, ...starts.map((line) => line.startDate)].map(dayOf);
  const firstDay = Math.min(...allDays);
  const lastDay = Math.max(...allDays);
  const padDays = Math.max(7, 0.05 * (lastDay - firstDay));
  const left = 110;
  const right = widthPx - 190;
  const x = (isoDate: string): number =>
    left + ((dayOf(isoDate) - (firstDay - padDays)) / (lastDay - firstDay + 2 * padDays)) * (right - left);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(widthPx)}" height="${String(heightPx)}" viewBox="0 0 ${String(widthPx)} ${String(heightPx)}" font-family="${FONT_FAMILY}">`,
    `<rect x="0" y="0" width="${String(widthPx)}" height="${String(heightPx)}" fill="#ffffff"/>`,
    `<text x="${String(widthPx / 2)}" y="34" font-size="24" text-anchor="middle" fill="#000000">Lesion trajectories, patient ${escapeXml(input.patientId)}</text>`,
    `<text x="${String(widthPx / 2)}" y="62" font-size="15" text-anchor="middle" fill="#333333">Each line is one tracked lesion; × on the axis: lesion not seen at that study. Dashed verticals: therapy-line starts.</text>`,
  ];
  if (measures.length === 0) {
    parts.push(
      `<text x="${String(widthPx / 2)}" y="${String(headerPx + panelPx / 2)}" font-size="20" text-anchor="middle" fill="#333333">No tracked lesion in the timeline</text>`,
    );
  }
  measures.forEach((measure, panelIndex) => {
    const top = headerPx + panelIndex * panelPx + 30;
    const bottom = top + panelPx - 120;
    const trajectories = input.trajectories.filter((t) => t.measure === measure);
    const values = trajectories.flatMap((t) => t.points.map((p) => p.value ?? 0));
    const step = niceStep(Math.max(...values, 1e-6) * 1.1, 5);
    const yMax = Math.ceil((Math.max(...values, 1e-6) * 1.1) / step) * step;
    const y = (value: number): number => bottom - (value / yMax) * (bottom - top);
    const titles = panelTitles[measure];
    parts.push(
      `<text x="${String(left)}" y="${String(top - 10)}" font-size="17" fill="#000000">${escapeXml(titles.title)}</text>`,
      `<line x1="${String(left)}" y1="${String(bottom)}" x2="${String(right)}" y2="${String(bottom)}" stroke="#000000" stroke-width="1.5"/>`,
      `<line x1="${String(left)}" y1="${String(top)}" x2="${String(left)}" y2="${String(bottom)}" stroke="#000000" stroke-width="1.5"/>`,
      `<text transform="translate(${String(left - 70)} ${String((top + bottom) / 2)}) rotate(-90)" font-size="15" text-anchor="middle" fill="#000000">${escapeXml(titles.axis)}</text>`,
    );
    for (let tick = 0; tick <= yMax + step / 2; tick += step) {
      const ty = y(tick);
      const text = step < 1 ? tick.toFixed(step < 0.1 ? 2 : 1) : tick.toFixed(0);
      parts.push(
        `<line x1="${String(left)}" y1="${ty.toFixed(1)}" x2="${String(right)}" y2="${ty.toFixed(1)}" stroke="#e0e0e0" stroke-width="1"/>`,
        `<text x="${String(left - 8)}" y="${(ty + 5).toFixed(1)}" font-size="13" text-anchor="end" fill="#000000">${text}</text>`,
      );
    }
    // The study dates of this panel; a label closer than 60 px to the one before it is left out.
    const panelDates = [...new Set(trajectories.flatMap((t) => t.points.map((p) => p.date)))].sort();
    let lastLabelX = Number.NEGATIVE_INFINITY;
    for (const date of panelDates) {
      const tx = x(date);
      parts.push(
        `<line x1="${tx.toFixed(1)}" y1="${String(bottom)}" x2="${tx.toFixed(1)}" y2="${String(bottom + 6)}" stroke="#000000" stroke-width="1.5"/>`,
      );
      if (tx - lastLabelX >= 60) {
        lastLabelX = tx;
        parts.push(
          `<text transform="translate(${tx.toFixed(1)} ${String(bottom + 20)}) rotate(-30)" font-size="13" text-anchor="end" fill="#000000">${date}</text>`,
        );
      }
    }
    parts.push(
      `<text x="${String((left + right) / 2)}" y="${String(bottom + 78)}" font-size="15" text-anchor="middle" fill="#000000">Study date</text>`,
    );
    for (const line of starts) {
      const lx = x(line.startDate);
      parts.push(
        `<line x1="${lx.toFixed(1)}" y1="${String(top)}" x2="${lx.toFixed(1)}" y2="${String(bottom)}" stroke="#555555" stroke-width="1.5" stroke-dasharray="6 4"/>`,
        `<text x="${(lx + 4).toFixed(1)}" y="${String(top + 14)}" font-size="12" fill="#555555">Line ${String(line.lineNumber)}: ${escapeXml(line.regimen.slice(0, 40))} (${line.startDate})</text>`,
      );
    }
    trajectories.forEach((trajectory, index) => {
      const colour = palette[index % palette.length] ?? '#000000';
      let previous: { px: number; py: number; seen: boolean } | null = null;
      for (const point of trajectory.points) {
        const px = x(point.date);
        const seen = point.value !== null;
        const py = y(point.value ?? 0);
        if (previous !== null)
          parts.push(
            `<line x1="${previous.px.toFixed(1)}" y1="${previous.py.toFixed(1)}" x2="${px.toFixed(1)}" y2="${py.toFixed(1)}" stroke="${colour}" stroke-width="2.5"${seen && previous.seen ? '' : ' stroke-dasharray="4 4"'}/>`,
          );
        parts.push(
          seen
            ? `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="5" fill="${colour}"/>`
            : `<path d="M ${(px - 6).toFixed(1)} ${(py - 6).toFixed(1)} L ${(px + 6).toFixed(1)} ${(py + 6).toFixed(1)} M ${(px - 6).toFixed(1)} ${(py + 6).toFixed(1)} L ${(px + 6).toFixed(1)} ${(py - 6).toFixed(1)}" stroke="${colour}" stroke-width="2.5"/>`,
        );
        previous = { px, py, seen };
      }
      const legendY = top + 10 + index * 20;
      parts.push(
        `<line x1="${String(right + 15)}" y1="${String(legendY)}" x2="${String(right + 40)}" y2="${String(legendY)}" stroke="${colour}" stroke-width="3"/>`,
        `<text x="${String(right + 46)}" y="${String(legendY + 5)}" font-size="13" fill="#000000">${escapeXml(trajectory.label.slice(0, 18))}</text>`,
      );
    });
  });
  parts.push(
    `<text x="${String(widthPx / 2)}" y="${String(heightPx - 24)}" font-size="15" text-anchor="middle" fill="#000000">${escapeXml(input.disclaimer)}</text>`,
    '</svg>',
  );
  return parts.join('\n');
}

/** The plot as PNG bytes. Throws `missing_data` when the font file is not there. */
export function trajectoryPlotPng(input: TrajectoryPlotInput, fontFile: string = PLOT_FONT_FILE): Uint8Array {
  if (!existsSync(fontFile)) {
    throw new BonemetError('missing_data', `the plot font ${fontFile} is missing`, {
      issues: [
        {
          path: ['--out'],
          message: `the lesion-trajectory plot is drawn with DejaVu Sans from ${fontFile}, which is not there`,
          hint: 'install the DejaVu fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core)',
        },
      ],
    });
  }
  const rendered = new Resvg(trajectoryPlotSvg(input), {
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    background: '#ffffff',
    fitTo: { mode: 'original' },
  }).render();
  return new Uint8Array(rendered.asPng());
}
