import { CATEGORIES, type MatchingOptions, type Weights } from './scoring.types';

/**
 * Default category weights (points out of 100). Required skills dominate: they already gate the
 * match, and among eligible candidates the remaining 55 points rank the fit.
 */
export const DEFAULT_WEIGHTS: Weights = Object.freeze({
  required: 45,
  preferred: 20,
  experience: 15,
  location: 10,
  depth: 10,
});

/** Points off the final score per missing required skill (near-miss mode). */
export const DEFAULT_MISSING_REQUIRED_PENALTY = 10;

/** Years on a skill that earn its full depth credit. */
export const DEPTH_TARGET_YEARS = 3;

/**
 * Credit for a skill's years (depth) or an experience total that the candidate did not state: the
 * lowest a stated value earns, so not saying never beats saying "1 year".
 */
export const UNKNOWN_CREDIT = 0;

/** Credit for a place that cannot be compared with the posting's (the candidate's location unknown). */
export const UNKNOWN_PLACE_CREDIT = 0.5;

/** Credit for a preferred skill the candidate lacks but holds a related one (PostgreSQL ~ MySQL). */
export const RELATED_CREDIT = 0.5;

/** Experience above the range: points off the experience sub-score per extra year, and its floor. */
export const OVER_EXPERIENCE_STEP = 0.1;
export const OVER_EXPERIENCE_FLOOR = 0.5;

export interface ResolvedOptions {
  readonly allowMissingRequired: number;
  readonly missingRequiredPenalty: number;
  readonly weights: Weights;
}

/** Limits of the per-posting options, shared with the contract's validation. */
export const OPTION_LIMITS = Object.freeze({
  allowMissingRequired: { min: 0, max: 20 },
  missingRequiredPenalty: { min: 0, max: 100 },
  weight: { min: 0, max: 100 },
});

/** Layers options: `override` wins field by field, weights category by category. */
export function mergeOptions(base: MatchingOptions | undefined, override: MatchingOptions | undefined): MatchingOptions | undefined {
  if (!base) return override;
  if (!override) return base;
  return { ...base, ...override, weights: { ...base.weights, ...override.weights } };
}

/** Defaults filled in, and values checked: a bad option is a programming error, not a zero score. */
export function resolveOptions(options: MatchingOptions | undefined): ResolvedOptions {
  const allowMissingRequired = options?.allowMissingRequired ?? 0;
  const missingRequiredPenalty = options?.missingRequiredPenalty ?? DEFAULT_MISSING_REQUIRED_PENALTY;
  const limits = OPTION_LIMITS;
  if (!Number.isInteger(allowMissingRequired) || allowMissingRequired < limits.allowMissingRequired.min || allowMissingRequired > limits.allowMissingRequired.max) {
    throw new RangeError(`allowMissingRequired must be an integer from 0 to ${limits.allowMissingRequired.max}, got ${allowMissingRequired}`);
  }
  if (!Number.isFinite(missingRequiredPenalty) || missingRequiredPenalty < 0 || missingRequiredPenalty > limits.missingRequiredPenalty.max) {
    throw new RangeError(`missingRequiredPenalty must be from 0 to ${limits.missingRequiredPenalty.max}, got ${missingRequiredPenalty}`);
  }
  const weights = { ...DEFAULT_WEIGHTS };
  for (const category of CATEGORIES) {
    const weight = options?.weights?.[category];
    if (weight === undefined) continue;
    if (!Number.isFinite(weight) || weight < limits.weight.min || weight > limits.weight.max) {
      throw new RangeError(`weight of ${category} must be from 0 to ${limits.weight.max}, got ${weight}`);
    }
    weights[category] = weight;
  }
  if (CATEGORIES.every((category) => weights[category] === 0)) {
    throw new RangeError('at least one weight must be above 0');
  }
  return { allowMissingRequired, missingRequiredPenalty, weights };
}
