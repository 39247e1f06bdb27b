import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latestMapState, MAP_STATE_COLOURS, mapStateOfTrackState, mapStates } from './track-states.js';

describe('track states on the skeleton map', () => {
  it('groups lesion states as the board reads them', () => {
    expect(mapStateOfTrackState('new')).toBe('new');
    expect(mapStateOfTrackState('increased')).toBe('progressing');
    expect(mapStateOfTrackState('decreased')).toBe('responding');
    expect(mapStateOfTrackState('resolved')).toBe('responding');
    expect(mapStateOfTrackState('stable')).toBe('stable');
    expect(mapStateOfTrackState('baseline')).toBe('stable');
    expect(mapStateOfTrackState(undefined)).toBe('unknown');
  });

  it('takes the latest time point whatever the order given', () => {
    expect(
      latestMapState([
        { studyDate: '2026-05-01', state: 'increased' },
        { studyDate: '2026-01-10', state: 'baseline' },
        { studyDate: '2026-03-02', state: 'stable' },
      ]),
    ).toBe('progressing');
    expect(latestMapState([])).toBe('unknown');
  });

  it('gives each state its own colour', () => {
    const colours = mapStates.map((state) => MAP_STATE_COLOURS[state]);
    expect(new Set(colours).size).toBe(mapStates.length);
    for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('draws the map with the same colours as the legend values (styles.css .state-* fills)', () => {
    const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
    for (const state of mapStates) {
      const rule = new RegExp(`\\.state-${state} \\{\\s*fill: (#[0-9a-f]{6});`).exec(css);
      expect(rule?.[1], state).toBe(MAP_STATE_COLOURS[state]);
    }
  });
});
