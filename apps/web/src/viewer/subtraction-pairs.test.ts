import { describe, expect, it } from 'vitest';
import type { AnalysisImage } from '../api/analysis-schemas.js';
import { subtractionPairs } from './subtraction-pairs.js';

const image = (name: string): AnalysisImage => ({
  name,
  title: name,
  widthPx: 256,
  heightPx: 1024,
  pixelSpacingMm: [2.4, 2.4],
  url: `/api/analyses/x/images/${name}.png`,
});

describe('subtractionPairs', () => {
  it('groups the anterior and posterior image of each pair of dates, earliest pair first', () => {
    const pairs = subtractionPairs([
      image('SUB-2026-04-01-2026-07-01-POST'),
      image('ANT'),
      image('SUB-2026-01-01-2026-04-01-ANT'),
      image('SUB-2026-04-01-2026-07-01-ANT'),
      image('SUB-2026-01-01-2026-04-01-POST'),
    ]);
    expect(pairs.map((pair) => [pair.earlierDate, pair.laterDate, pair.anterior?.name, pair.posterior?.name])).toEqual([
      ['2026-01-01', '2026-04-01', 'SUB-2026-01-01-2026-04-01-ANT', 'SUB-2026-01-01-2026-04-01-POST'],
      ['2026-04-01', '2026-07-01', 'SUB-2026-04-01-2026-07-01-ANT', 'SUB-2026-04-01-2026-07-01-POST'],
    ]);
  });

  it('leaves out names that are not subtraction images', () => {
    expect(subtractionPairs([image('MIP'), image('SUB-2026-01-01-ANT'), image('SUB-a-b-ANT')])).toEqual([]);
  });
});
