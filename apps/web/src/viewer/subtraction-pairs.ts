import type { AnalysisImage } from '../api/analysis-schemas.js';

/** The temporal subtraction images of one pair of consecutive bone scans. */
export interface SubtractionPair {
  readonly earlierDate: string;
  readonly laterDate: string;
  readonly anterior: AnalysisImage | undefined;
  readonly posterior: AnalysisImage | undefined;
}

const SUBTRACTION_NAME = /^SUB-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})-(ANT|POST)$/;

/** Groups `SUB-<earlier>-<later>-ANT/POST` images by pair, earliest pair first; other images are left out. */
export function subtractionPairs(images: readonly AnalysisImage[]): SubtractionPair[] {
  const pairs = new Map<
    string,
    { earlierDate: string; laterDate: string; anterior?: AnalysisImage; posterior?: AnalysisImage }
  >();
  for (const image of images) {
    const match = SUBTRACTION_NAME.exec(image.name);
    if (match === null) continue;
    const [, earlierDate = '', laterDate = '', view] = match;
    const key = `${earlierDate}/${laterDate}`;
    const pair = pairs.get(key) ?? { earlierDate, laterDate };
    if (view === 'ANT') pair.anterior = image;
    else pair.posterior = image;
    pairs.set(key, pair);
  }
  return [...pairs.values()]
    .sort((a, b) => a.earlierDate.localeCompare(b.earlierDate) || a.laterDate.localeCompare(b.laterDate))
    .map((pair) => ({
      earlierDate: pair.earlierDate,
      laterDate: pair.laterDate,
      anterior: pair.anterior,
      posterior: pair.posterior,
    }));
}
