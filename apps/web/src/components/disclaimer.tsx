import type { ReactElement } from 'react';

/** Shown on every page (the project's rule: research use, not a medical device). */
export function Disclaimer(): ReactElement {
  return (
    <p className="disclaimer" role="note">
      <strong>Research use, not a medical device.</strong> bonemet supports, and never replaces, the judgement of the
      treating clinicians.
    </p>
  );
}
