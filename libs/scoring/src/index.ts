export * from './scoring.types';
export {
  DEFAULT_WEIGHTS,
  DEFAULT_MISSING_REQUIRED_PENALTY,
  DEPTH_TARGET_YEARS,
  OPTION_LIMITS,
  RELATED_CREDIT,
  UNKNOWN_CREDIT,
  UNKNOWN_PLACE_CREDIT,
} from './scoring-options';
export { mandatoryKeys } from './skill-profile';
export { prepareCandidate, preparePosting, type CandidateProfile, type PostingProfile } from './prepared';
export { scoreMatch, scorePrepared, roundScore } from './score-match';
export { PairIndex, indexedCandidate, indexedPosting, type IndexedCandidate, type IndexedPosting } from './pair-index';
export { crossOrganisationExplanation, type CategoryPoints, type CrossOrganisationExplanation } from './cross-organisation-explanation';
