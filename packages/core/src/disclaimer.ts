/** Shown with every result bonemet produces, in every output format. */
export const RESEARCH_USE_DISCLAIMER =
  'Research use, not a medical device: results support, and never replace, the judgement of the treating clinicians.';
