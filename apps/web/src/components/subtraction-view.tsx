import type { ReactElement } from 'react';
import type { AnalysisImage } from '../api/analysis-schemas.js';
import { subtractionPairs } from '../viewer/subtraction-pairs.js';
import { FrameImage } from './frame-image.js';

const HEIGHT_PX = 520;

/** Temporal subtraction of consecutive bone scans: later minus earlier, after registration and count scaling. */
export function SubtractionView({ images }: { readonly images: readonly AnalysisImage[] }): ReactElement {
  const pairs = subtractionPairs(images);
  return (
    <section className="panel" aria-labelledby="subtraction-heading" data-testid="subtraction">
      <h2 id="subtraction-heading">Temporal subtraction</h2>
      {pairs.length === 0 ? (
        <p>No subtraction images: they need two consecutive bone scans with a response assessment.</p>
      ) : (
        <>
          <p className="legend-text">
            <span className="swatch dark" aria-hidden="true" /> dark: more uptake on the later scan ·{' '}
            <span className="swatch grey" aria-hidden="true" /> mid-grey: no change ·{' '}
            <span className="swatch light" aria-hidden="true" /> light: less uptake on the later scan
          </p>
          {pairs.map((pair) => (
            <div key={`${pair.earlierDate}/${pair.laterDate}`} className="subtraction-pair">
              <h3>
                {pair.laterDate} minus {pair.earlierDate}
              </h3>
              <div className="bone-scan-views">
                {[pair.anterior, pair.posterior].map((image) =>
                  image === undefined ? null : (
                    <FrameImage key={image.name} image={image} displayHeightPx={HEIGHT_PX} markers={[]} />
                  ),
                )}
              </div>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
