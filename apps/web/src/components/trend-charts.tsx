import type { ReactElement } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalysisListItem } from '../api/analysis-schemas.js';
import type { LabAnalyte, LabRecord } from '../api/schemas.js';
import { analysisTrends } from '../trends/analysis-trends.js';

export interface PainPoint {
  readonly date: string;
  readonly worstPain: number;
  readonly omeMgPerDay: number | undefined;
}

const CHART_WIDTH = 440;
const CHART_HEIGHT = 220;

function LabChart({
  labs,
  analyte,
  title,
}: {
  readonly labs: readonly LabRecord[];
  readonly analyte: LabAnalyte;
  readonly title: string;
}): ReactElement {
  const points = labs
    .filter((lab) => lab.analyte === analyte)
    .map((lab) => ({ date: lab.sampledOn, value: lab.quantity.value, unit: lab.quantity.unit }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const units = [...new Set(points.map((point) => point.unit))];
  return (
    <figure className="chart">
      <figcaption>
        {title}
        {units.length > 0 ? ` (${units.join(', ')})` : ''}
      </figcaption>
      {points.length === 0 ? (
        <p>No values recorded.</p>
      ) : units.length > 1 ? (
        <p>Values are recorded in more than one unit ({units.join(', ')}); not drawn on one axis.</p>
      ) : (
        <LineChart width={CHART_WIDTH} height={CHART_HEIGHT} data={points}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" />
          <YAxis domain={['auto', 'auto']} />
          <Tooltip />
          <Line type="monotone" dataKey="value" name={title} stroke="#1f5fa8" isAnimationActive={false} />
        </LineChart>
      )}
    </figure>
  );
}

/** BSI (automatic and after reader edits), hottest SULpeak and lesion counts by study date. */
export function AnalysisCharts({
  analyses,
  widthPx = CHART_WIDTH,
  heightPx = CHART_HEIGHT,
}: {
  readonly analyses: readonly AnalysisListItem[];
  readonly widthPx?: number;
  readonly heightPx?: number;
}): ReactElement {
  const trends = analysisTrends(analyses);
  return (
    <>
      <figure className="chart" data-testid="chart-bsi">
        <figcaption>Bone Scan Index (%)</figcaption>
        {trends.bsi.length === 0 ? (
          <p>No bone-scan analyses yet.</p>
        ) : (
          <LineChart width={widthPx} height={heightPx} data={[...trends.bsi]}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" />
            <YAxis domain={[0, 'auto']} />
            <Tooltip />
            <Legend />
            <Line dataKey="bsiAutomatic" name="Automatic" stroke="#1f5fa8" isAnimationActive={false} />
            <Line
              dataKey="bsiReviewed"
              name="After reader edits"
              stroke="#b3261e"
              strokeDasharray="5 3"
              isAnimationActive={false}
            />
          </LineChart>
        )}
      </figure>
      <figure className="chart" data-testid="chart-sulpeak">
        <figcaption>Hottest lesion SULpeak</figcaption>
        {trends.pet.length === 0 ? (
          <p>No PET analyses yet.</p>
        ) : (
          <LineChart width={widthPx} height={heightPx} data={[...trends.pet]}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" />
            <YAxis domain={[0, 'auto']} />
            <Tooltip />
            <Line dataKey="hottestSulPeak" name="SULpeak" stroke="#6b4fa0" isAnimationActive={false} />
          </LineChart>
        )}
      </figure>
      <figure className="chart" data-testid="chart-lesions">
        <figcaption>Lesion count</figcaption>
        {trends.lesionCounts.length === 0 ? (
          <p>No imaging analyses yet.</p>
        ) : (
          <LineChart width={widthPx} height={heightPx} data={[...trends.lesionCounts]}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" />
            <YAxis allowDecimals={false} domain={[0, 'auto']} />
            <Tooltip />
            <Legend />
            <Line
              dataKey="boneScanMetastases"
              name="Bone-scan metastasis hotspots"
              stroke="#d26a00"
              connectNulls
              isAnimationActive={false}
            />
            <Line dataKey="petLesions" name="PET lesions" stroke="#00838f" connectNulls isAnimationActive={false} />
          </LineChart>
        )}
      </figure>
    </>
  );
}

/** Pain and opioid dose, calcium and creatinine over time, and the imaging analyses. */
export function TrendCharts({
  pain,
  labs,
  analyses,
}: {
  readonly pain: readonly PainPoint[];
  readonly labs: readonly LabRecord[];
  readonly analyses: readonly AnalysisListItem[] | undefined;
}): ReactElement {
  const painPoints = [...pain].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section className="panel" aria-labelledby="trends-heading">
      <h2 id="trends-heading">Trends</h2>
      <div className="charts">
        <figure className="chart">
          <figcaption>Worst pain (0–10) and oral morphine equivalent (mg/day)</figcaption>
          {painPoints.length === 0 ? (
            <p>No pain scores recorded.</p>
          ) : (
            <LineChart width={CHART_WIDTH} height={CHART_HEIGHT} data={painPoints}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="date" />
              <YAxis yAxisId="pain" domain={[0, 10]} />
              <YAxis yAxisId="ome" orientation="right" />
              <Tooltip />
              <Legend />
              <Line yAxisId="pain" dataKey="worstPain" name="Worst pain" stroke="#b3261e" isAnimationActive={false} />
              <Line yAxisId="ome" dataKey="omeMgPerDay" name="OME mg/day" stroke="#6b4fa0" isAnimationActive={false} />
            </LineChart>
          )}
        </figure>
        <LabChart labs={labs} analyte="total_calcium" title="Total calcium" />
        <LabChart labs={labs} analyte="serum_creatinine" title="Serum creatinine" />
        {analyses === undefined ? (
          <figure className="chart">
            <figcaption>Bone Scan Index, hottest SULpeak and lesion count</figcaption>
            <p>The analyses could not be loaded.</p>
          </figure>
        ) : (
          <AnalysisCharts analyses={analyses} />
        )}
      </div>
    </section>
  );
}
