import type { CandidateState, PostingState } from '@talent/contracts';
import { prepareCandidate, preparePosting, scoreMatch, type MatchScore } from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import type { IndexedCandidate, IndexedPosting } from './pair-index';

/**
 * The one place the matcher turns read-model state into scores and index keys, both through the
 * skills taxonomy. The index keys are at least as generous as the scorer's gate: a pair the gate
 * lets through is always indexed (implied skills count as held; any-of groups are left to the gate).
 */
export function scorePair(posting: PostingState, candidate: CandidateState): MatchScore {
  return scoreMatch(posting, candidate, defaultTaxonomy);
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
  return { id: candidate.id, organisationId: candidate.organisationId, keys: [...prepareCandidate(candidate, defaultTaxonomy).keys] };
}
