/** The target the issue set for extraction and matching quality (both parts of the corpus). */
export const THRESHOLDS = Object.freeze({
  /** Required skills: precision and recall. */
  required: 0.9,
  /** Preferred skills: precision and recall. */
  preferred: 0.85,
  /** Match / no-match agreement over the labelled pairs. */
  match: 0.95,
  /** Pairwise ordering agreement. */
  ordering: 0.9,
});

/**
 * What the held-back part has reached (rounded down), below the target on some measures: a change
 * that lowers an honest figure fails `npm test`. Raise these as the figures rise; lower them only
 * when the part itself changes. It grew from 14 to 42 postings with two new labellers' postings,
 * then to 52, 62, 72, 82, 92, 102, 112, 122, 132, 142 and 152 (more than a third of the corpus) with
 * thirteen more, never read while tuning; these are the figures of the 152.
 */
export const HELD_OUT_FLOORS = Object.freeze({
  requiredPrecision: 0.77,
  requiredRecall: 0.84,
  preferredPrecision: 0.87,
  preferredRecall: 0.7,
  match: 0.84,
  ordering: 0.79,
});
