import { CATEGORIES, type Category, type ScoreExplanation } from './scoring.types';

/** A category's score without its words (which quote the candidate's years and place). */
export interface CategoryPoints {
  readonly applicable: boolean;
  readonly score: number;
  readonly weight: number;
  readonly points: number;
}

/**
 * What the recruiters of a public posting learn about another organisation's candidate: the scores
 * and which of the posting's own requirements were met, never the candidate's skills as written,
 * years, place or how a skill was read from theirs.
 */
export interface CrossOrganisationExplanation {
  readonly scope: 'cross-organisation';
  /** "3 of 4 required skills; missing Kubernetes; 1 of 2 preferred skills" */
  readonly summary: string;
  /** The posting's requirements as the posting wrote them. */
  readonly matchedRequired: string[];
  readonly missingRequired: string[];
  readonly matchedPreferred: string[];
  readonly missingPreferred: string[];
  readonly categories: Readonly<Record<Category, CategoryPoints>>;
}

export function crossOrganisationExplanation(explanation: ScoreExplanation): CrossOrganisationExplanation {
  const matchedRequired = explanation.matchedRequired.map((match) => match.requirement);
  const matchedPreferred = explanation.matchedPreferred.map((match) => match.requirement);
  const required = matchedRequired.length + explanation.missingRequired.length;
  const preferred = matchedPreferred.length + explanation.missingPreferred.length;
  const summary = [
    ...(required > 0 ? [`${matchedRequired.length} of ${required} required skills`] : []),
    ...(explanation.missingRequired.length > 0 ? [`missing ${explanation.missingRequired.join(', ')}`] : []),
    ...(preferred > 0 ? [`${matchedPreferred.length} of ${preferred} preferred skills`] : []),
  ].join('; ');
  const categories = Object.fromEntries(
    CATEGORIES.map((category) => {
      const { applicable, score, weight, points } = explanation.categories[category];
      return [category, { applicable, score, weight, points }];
    }),
  ) as Record<Category, CategoryPoints>;
  return {
    scope: 'cross-organisation',
    summary: summary || 'another organisation’s candidate',
    matchedRequired,
    missingRequired: [...explanation.missingRequired],
    matchedPreferred,
    missingPreferred: [...explanation.missingPreferred],
    categories,
  };
}
