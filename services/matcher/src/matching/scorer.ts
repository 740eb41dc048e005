import type { CandidateState, PostingState } from '@talent/contracts';
import { mandatorySkillKeys, normalizeSkill, scoreOverlap, type MatchResult } from '@talent/matching';
import type { IndexedCandidate, IndexedPosting } from './pair-index';

/**
 * The one place the matcher turns read-model state into scores and index keys. The index keys must
 * be at least as generous as the scorer's gate: a pair the gate lets through is always indexed.
 */
export function scorePair(posting: PostingState, candidate: CandidateState): MatchResult {
  return scoreOverlap(posting, { skills: candidate.skills.map((skill) => skill.name) });
}

export function indexedPosting(posting: PostingState): IndexedPosting {
  return { id: posting.id, organisationId: posting.organisationId, requiredKeys: mandatorySkillKeys(posting.requiredSkills), allowMissing: 0 };
}

export function indexedCandidate(candidate: CandidateState): IndexedCandidate {
  return { id: candidate.id, organisationId: candidate.organisationId, keys: candidate.skills.map((skill) => normalizeSkill(skill.name)) };
}
