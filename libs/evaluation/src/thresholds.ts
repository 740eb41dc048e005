/** What `npm test` requires of each corpus part (the bar). */
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
