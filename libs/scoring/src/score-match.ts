import type { Taxonomy } from '@talent/skills';
import { experienceFit, locationFit } from './fit-categories';
import { DEPTH_TARGET_YEARS, RELATED_CREDIT, UNKNOWN_CREDIT } from './scoring-options';
import { prepareCandidate, preparePosting, requirementIdentity, type CandidateProfile, type PostingProfile } from './prepared';
import { metBy, normalizeWritten, requiredToPass, type HeldSkill } from './skill-profile';
import {
  CATEGORIES,
  type Category,
  type CategoryScore,
  type CategoryScores,
  type MatchingOptions,
  type MatchScore,
  type PartialCredit,
  type ScoreExplanation,
  type ScoringCandidate,
  type ScoringPosting,
  type SkillMatch,
} from './scoring.types';

/** Rounds to one decimal: the precision of every score and sub-score. */
export function roundScore(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? 0 : rounded; // no -0 in JSON comparisons
}

/** Sums in ascending order, so the same numbers in any order give the same total, to the last bit. */
function stableSum(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b).reduce((total, value) => total + value, 0);
}

function describeMatch(requirement: string, member: { written: string; name: string }, held: HeldSkill): SkillMatch {
  if (held.direct.length > 0) {
    const exact = held.direct.find((written) => normalizeWritten(written) === normalizeWritten(member.written));
    return { requirement, skill: member.name, via: exact ? 'exact' : 'alias', candidateSkill: exact ?? held.direct[0] ?? '' };
  }
  return { requirement, skill: member.name, via: 'implication', candidateSkill: held.impliedFrom[0] ?? '' };
}

/** Depth credit of a held skill: years / 3 capped at 1; years not stated count as the least stated (0). */
function depthCredit(held: HeldSkill): number {
  const known = held.years === null ? 0 : Math.min(1, held.years / DEPTH_TARGET_YEARS);
  return Math.max(known, held.someYearsUnknown ? UNKNOWN_CREDIT : 0);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Scores a prepared pair. Use {@link scoreMatch} for one pair; prepare once and call this when
 * scoring one side against many (the index does).
 */
export function scorePrepared(posting: PostingProfile, candidate: CandidateProfile): MatchScore {
  // Required: the gate, coverage and depth.
  const matchedRequired: SkillMatch[] = [];
  const missingRequired: string[] = [];
  const depthCredits: number[] = [];
  let fullDepth = 0;
  let unknownDepth = 0;
  for (const requirement of posting.requirements) {
    const met = metBy(requirement, candidate);
    if (!met) {
      missingRequired.push(requirement.label);
      depthCredits.push(0);
      continue;
    }
    const match = describeMatch(requirement.label, met.member, met.held);
    const evidence = posting.evidence.get(requirementIdentity(requirement.members.map((member) => member.key)));
    matchedRequired.push(evidence === undefined ? match : { ...match, evidence });
    // Depth: the deepest member the candidate holds.
    let best = 0;
    let bestHeld = met.held;
    for (const member of requirement.members) {
      const held = candidate.held.get(member.key);
      if (held && depthCredit(held) > best) {
        best = depthCredit(held);
        bestHeld = held;
      }
    }
    depthCredits.push(best);
    if (best >= 1) fullDepth += 1;
    else if (bestHeld.years === null) unknownDepth += 1;
  }
  const requiredTotal = posting.requirements.length;
  const requiredCredit = requiredTotal === 0 ? 0 : matchedRequired.length / requiredTotal;
  const passesSkills = matchedRequired.length >= requiredToPass(posting);
  const requiredDetail =
    `${matchedRequired.length} of ${plural(requiredTotal, 'required skill')}` +
    (missingRequired.length > 0 ? `; missing ${missingRequired.join(', ')}` : '');

  // Preferred: held (directly or by implication) → 1, a related skill held → 0.5.
  const matchedPreferred: SkillMatch[] = [];
  const missingPreferred: string[] = [];
  const partialCredits: PartialCredit[] = [];
  const preferredCredits: number[] = [];
  for (const preferred of posting.preferred) {
    const held = candidate.held.get(preferred.key);
    if (held) {
      matchedPreferred.push(describeMatch(preferred.written, preferred, held));
      preferredCredits.push(1);
      continue;
    }
    missingPreferred.push(preferred.written);
    const relatedKey = preferred.related.find((key) => candidate.held.has(key));
    const relatedHeld = relatedKey === undefined ? undefined : candidate.held.get(relatedKey);
    if (relatedHeld) {
      partialCredits.push({
        requirement: preferred.written,
        candidateSkill: relatedHeld.direct[0] ?? relatedHeld.impliedFrom[0] ?? relatedHeld.key,
        credit: RELATED_CREDIT,
      });
      preferredCredits.push(RELATED_CREDIT);
    } else {
      preferredCredits.push(0);
    }
  }
  const preferredTotal = posting.preferred.length;
  const preferredDetail =
    preferredTotal === 0
      ? 'no preferred skills asked'
      : `${matchedPreferred.length} of ${plural(preferredTotal, 'preferred skill')}` +
        (partialCredits.length > 0
          ? `; related: ${partialCredits.map((credit) => `${credit.candidateSkill} for ${credit.requirement}`).join(', ')}`
          : '');

  const experience = experienceFit(posting.experienceYears, candidate.totalYearsExperience);
  const location = locationFit(posting.places, candidate.places);
  const eligible = passesSkills && location.eligible;

  const depthDetail =
    `${fullDepth} of ${plural(requiredTotal, 'required skill')} with ${DEPTH_TARGET_YEARS}+ years` +
    (unknownDepth > 0 ? `; years not stated for ${unknownDepth}` : '');

  const fits: Record<Category, { applicable: boolean; credit: number; detail: string }> = {
    required: { applicable: requiredTotal > 0, credit: requiredCredit, detail: requiredTotal > 0 ? requiredDetail : 'no required skills asked' },
    preferred: {
      applicable: preferredTotal > 0,
      credit: preferredTotal === 0 ? 1 : stableSum(preferredCredits) / preferredTotal,
      detail: preferredDetail,
    },
    experience: { applicable: experience.applicable, credit: experience.credit, detail: experience.detail },
    location: { applicable: location.applicable, credit: location.credit, detail: location.detail },
    depth: { applicable: requiredTotal > 0, credit: requiredTotal === 0 ? 0 : stableSum(depthCredits) / requiredTotal, detail: depthDetail },
  };

  // Categories the posting asks nothing of give their weight to the others.
  const { weights } = posting.options;
  const activeWeight = CATEGORIES.reduce((total, category) => total + (fits[category].applicable ? weights[category] : 0), 0);
  const categories = {} as Record<Category, CategoryScore>;
  let base = 0;
  for (const category of CATEGORIES) {
    const fit = fits[category];
    const share = fit.applicable && activeWeight > 0 ? weights[category] / activeWeight : 0;
    const points = 100 * share * fit.credit;
    base += points;
    categories[category] = {
      applicable: fit.applicable,
      score: roundScore(100 * fit.credit),
      weight: weights[category],
      points: roundScore(points),
      detail: fit.detail,
    };
  }
  if (activeWeight === 0) base = 100 * requiredCredit; // every asked category weighted 0: coverage alone

  const missing = missingRequired.length;
  const penalty = missing * posting.options.missingRequiredPenalty;
  const score = roundScore(Math.min(100, Math.max(0, base - penalty)));

  const summary = [
    fits.required.detail,
    preferredTotal > 0 ? preferredDetail : undefined,
    experience.applicable ? experience.detail : undefined,
    location.applicable ? location.detail : undefined,
    missing > 0 && penalty > 0 ? `near miss: ${penalty} points off` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join('; ');

  const frozenCategories: CategoryScores = categories;
  const explanation: ScoreExplanation = {
    summary,
    matchedRequired,
    missingRequired,
    matchedPreferred,
    missingPreferred,
    partialCredits,
    experience: {
      verdict: experience.verdict,
      years: candidate.totalYearsExperience,
      min: experience.min,
      max: experience.max,
      detail: experience.detail,
    },
    location: { workplace: location.verdict.workplace, place: location.verdict.place, detail: location.detail },
    nearMiss: { allowed: posting.options.allowMissingRequired, missing, penalty },
    categories: frozenCategories,
  };
  return { eligible, score, categories: frozenCategories, explanation };
}

/**
 * Scores a candidate against a posting: the required-skills and location gates, a 0–100 score from weighted
 * category sub-scores, and an explanation a recruiter can read. Deterministic: the same inputs give
 * the same result, whatever the order of the candidate's skills. `options` are defaults (a
 * service's configuration); the posting's own `matching` options take precedence over them.
 * See libs/scoring/README.md.
 */
export function scoreMatch(posting: ScoringPosting, candidate: ScoringCandidate, taxonomy: Taxonomy, options?: MatchingOptions): MatchScore {
  return scorePrepared(preparePosting(posting, taxonomy, options), prepareCandidate(candidate, taxonomy));
}
