import type { CandidateState, MatchState, PostingState } from '@talent/contracts';
import {
  crossOrganisationExplanation,
  indexedCandidate as candidateEntry,
  indexedPosting as postingEntry,
  prepareCandidate,
  preparePosting,
  scorePrepared,
  type CandidateProfile,
  type IndexedCandidate,
  type IndexedPosting,
  type MatchScore,
  type PostingProfile,
  type ScoreExplanation,
} from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';

// The one place the matcher turns read-model state into scores and index entries, both through the
// skills taxonomy and the same prepared profiles, so the index (PairIndex of @talent/scoring)
// finds exactly the pairs the scorer finds eligible.

/**
 * Scores many pairs, preparing each posting and candidate once (a candidate is scored against
 * every posting it may pass, a posting against its candidates): the same scores as `scoreMatch`.
 * For one batch of work; it holds the profiles of everything it scored.
 */
export class PairScorer {
  private readonly postings = new Map<PostingState, PostingProfile>();
  private readonly candidates = new Map<CandidateState, CandidateProfile>();

  score(posting: PostingState, candidate: CandidateState): MatchScore {
    let postingProfile = this.postings.get(posting);
    if (!postingProfile) this.postings.set(posting, (postingProfile = preparePosting(posting, defaultTaxonomy)));
    let candidateProfile = this.candidates.get(candidate);
    if (!candidateProfile) this.candidates.set(candidate, (candidateProfile = prepareCandidate(candidate, defaultTaxonomy)));
    return scorePrepared(postingProfile, candidateProfile);
  }
}

export function indexedPosting(posting: PostingState): IndexedPosting {
  return postingEntry(posting, preparePosting(posting, defaultTaxonomy));
}

export function indexedCandidate(candidate: CandidateState): IndexedCandidate {
  return candidateEntry(candidate, prepareCandidate(candidate, defaultTaxonomy));
}

/**
 * The keys of the posting's single required skills (not its any-of groups): the read model's
 * `matcher_postings.required_keys`.
 */
export function requiredKeys(posting: PostingState): string[] {
  return [...new Set(indexedPosting(posting).requirements.flatMap((members) => (members.length === 1 ? members : [])))];
}

/**
 * Whether the pair may match at all: a posting pairs with its own organisation's candidates, and a
 * public posting also with other organisations' candidates who opted in to public postings.
 */
export function mayPair(posting: PostingState, candidate: CandidateState): boolean {
  return posting.organisationId === candidate.organisationId || (posting.visibility === 'public' && candidate.openToPublicPostings === true);
}

/** The explanation a match carries: whole within an organisation, scores and requirement names across organisations. */
export function matchExplanation(posting: PostingState, candidate: CandidateState, explanation: ScoreExplanation): MatchState['explanation'] {
  return posting.organisationId === candidate.organisationId ? explanation : crossOrganisationExplanation(explanation);
}
