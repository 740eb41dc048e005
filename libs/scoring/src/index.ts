export * from './scoring.types';
export { DEFAULT_WEIGHTS, DEFAULT_MISSING_REQUIRED_PENALTY, DEPTH_TARGET_YEARS, OPTION_LIMITS, RELATED_CREDIT, UNKNOWN_CREDIT } from './scoring-options';
export { mandatoryKeys, prepareCandidate, preparePosting, type CandidateProfile, type PostingProfile } from './skill-profile';
export { scoreMatch, scorePrepared, roundScore } from './score-match';
export { MatchIndex, passesGate } from './match-index';
