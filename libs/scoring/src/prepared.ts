import type { Taxonomy } from '@talent/skills';
import { prepareCandidatePlace, preparePostingPlace, type CandidatePlaceProfile, type PostingPlaceProfile } from './place-profile';
import * as skillProfile from './skill-profile';
import type { MatchingOptions, ScoringCandidate, ScoringPosting } from './scoring.types';

/**
 * A posting prepared for scoring: its skills normalised through the taxonomy (skill-profile) and
 * its places through libs/places, once.
 */
export interface PostingProfile extends skillProfile.PostingProfile {
  readonly places: PostingPlaceProfile;
  /** Where each gating requirement was read, by its members' keys (sorted, joined): for the explanation. */
  readonly evidence: ReadonlyMap<string, string>;
}

/** A requirement's identity: its members' keys, sorted. */
export function requirementIdentity(keys: readonly string[]): string {
  return [...keys].sort().join('\u0000');
}

const NO_EVIDENCE: ReadonlyMap<string, string> = new Map();

/** `Section: "clause"` for each gating requirement of a posting read from text. */
function evidenceOf(posting: ScoringPosting, taxonomy: Taxonomy): ReadonlyMap<string, string> {
  const requirements = posting.extraction?.requirements;
  if (!requirements || requirements.length === 0) return NO_EVIDENCE;
  const evidence = new Map<string, string>();
  for (const requirement of requirements) {
    if (!requirement.gating) continue;
    const identity = requirementIdentity(requirement.skills.map((skill) => taxonomy.keyOf(skill)));
    const { section, phrase } = requirement.evidence;
    if (!evidence.has(identity)) evidence.set(identity, section === undefined ? `"${phrase}"` : `${section}: "${phrase}"`);
  }
  return evidence;
}

/** A candidate prepared for scoring (skills and places), once. */
export interface CandidateProfile extends skillProfile.CandidateProfile {
  readonly places: CandidatePlaceProfile;
}

/** `defaults` are the caller's options; the posting's own `matching` options take precedence. */
export function preparePosting(posting: ScoringPosting, taxonomy: Taxonomy, defaults?: MatchingOptions): PostingProfile {
  return { ...skillProfile.preparePosting(posting, taxonomy, defaults), places: preparePostingPlace(posting), evidence: evidenceOf(posting, taxonomy) };
}

export function prepareCandidate(candidate: ScoringCandidate, taxonomy: Taxonomy): CandidateProfile {
  return { ...skillProfile.prepareCandidate(candidate, taxonomy), places: prepareCandidatePlace(candidate) };
}
