import type { CandidateState, MatchState, PostingState } from '@talent/contracts';
import {
  crossOrganisationExplanation,
  prepareCandidate,
  preparePosting,
  scorePrepared,
  type CandidateProfile,
  type MatchScore,
  type PostingProfile,
  type ScoreExplanation,
} from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import type { IndexedCandidate, IndexedPosting } from './pair-index';

// The one place the matcher turns read-model state into scores and index keys, both through the
// skills taxonomy. The index keys are at least as generous as the scorer's gate: a pair the gate
// lets through is always indexed (implied skills count as held; any-of groups are left to the gate).

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
  const profile = preparePosting(posting, defaultTaxonomy);
  const single = profile.requirements.filter((requirement) => requirement.members.length === 1);
  return {
    id: posting.id,
    organisationId: posting.organisationId,
    public: posting.visibility === 'public',
    requiredKeys: [...new Set(single.map((requirement) => requirement.members[0]!.key))],
    allowMissing: profile.options.allowMissingRequired,
  };
}

export function indexedCandidate(candidate: CandidateState): IndexedCandidate {
  return {
    id: candidate.id,
    organisationId: candidate.organisationId,
    keys: [...prepareCandidate(candidate, defaultTaxonomy).keys],
    openToPublic: candidate.openToPublicPostings === true,
  };
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
