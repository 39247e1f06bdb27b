import type { ReactElement } from 'react';
import { dayNumber, timeAxis, timelineLanes, type TimelineItem } from '../timeline/timeline-events.js';

const WIDTH = 900;
const LABEL_WIDTH = 190;
const LANE_HEIGHT = 30;
const AXIS_HEIGHT = 24;

/** Every record of the patient on one time axis, one lane per kind; the list below repeats it as text. */
export function TimelineView({ items }: { readonly items: readonly TimelineItem[] }): ReactElement {
  const { startDay, endDay } = timeAxis(items);
  const plotWidth = WIDTH - LABEL_WIDTH - 10;
  const x = (isoDate: string): number =>
    LABEL_WIDTH + ((dayNumber(isoDate) - startDay) / (endDay - startDay)) * plotWidth;
  const height = timelineLanes.length * LANE_HEIGHT + AXIS_HEIGHT;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction) => {
    const day = Math.round(startDay + fraction * (endDay - startDay));
    return new Date(day * 86_400_000).toISOString().slice(0, 10);
  });
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <svg
        className="timeline"
        viewBox={`0 0 ${String(WIDTH)} ${String(height)}`}
        role="img"
        aria-labelledby="timeline-heading"
      >
        {timelineLanes.map((lane, index) => (
          <g key={lane.id}>
            <rect
              x={0}
              y={index * LANE_HEIGHT}
              width={WIDTH}
              height={LANE_HEIGHT}
              className={index % 2 === 0 ? 'lane even' : 'lane'}
            />
            <text x={6} y={index * LANE_HEIGHT + 19} className="lane-label">
              {lane.label}
            </text>
          </g>
        ))}
        {items.map((item, index) => {
          const lane = timelineLanes.findIndex((candidate) => candidate.id === item.lane);
          const y = lane * LANE_HEIGHT + LANE_HEIGHT / 2;
          const start = x(item.date);
          const title = `${item.date}${item.endDate === undefined ? '' : ` to ${item.endDate}`}: ${item.label}`;
          return item.endDate === undefined && item.lane !== 'systemic' ? (
            <circle key={index} cx={start} cy={y} r={5} className={`mark ${item.lane}`}>
              <title>{title}</title>
            </circle>
          ) : (
            <rect
              key={index}
              x={start}
              y={y - 6}
              width={Math.max(4, x(item.endDate ?? ticks[4] ?? item.date) - start)}
              height={12}
              rx={3}
              className={`mark ${item.lane}`}
            >
              <title>{title}</title>
            </rect>
          );
        })}
        {ticks.map((tick, index) => (
          <text
            key={tick}
            x={x(tick)}
            y={height - 6}
            className="tick"
            textAnchor={index === 0 ? 'start' : index === ticks.length - 1 ? 'end' : 'middle'}
          >
            {tick}
          </text>
        ))}
      </svg>
      <details>
        <summary>All {items.length} timeline entries as a list</summary>
        <ol className="timeline-list" data-testid="timeline-list">
          {items.map((item, index) => (
            <li key={index}>
              <time dateTime={item.date}>{item.date}</time>
              {item.endDate === undefined ? '' : ` to ${item.endDate}`} ·{' '}
              {timelineLanes.find((lane) => lane.id === item.lane)?.label}: {item.label}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
