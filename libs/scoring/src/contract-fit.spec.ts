import {
  candidateStateSchema,
  matchExplanationSchema,
  postingFieldsSchema,
  postingStateSchema,
  type CandidateState,
  type MatchExplanation,
  type PostingState,
} from '@talent/contracts';
import { scoreMatch } from './score-match';
import type { ScoreExplanation, ScoringCandidate, ScoringPosting } from './scoring.types';
import { fixtureTaxonomy } from './testing/fixture-taxonomy';

// Compile-time: the services pass the contracts' states as they are, and publish the explanation as is.
const postingFits = (state: PostingState): ScoringPosting => state;
const candidateFits = (state: CandidateState): ScoringCandidate => state;
const explanationFits = (explanation: ScoreExplanation): MatchExplanation => explanation;

describe('the scoring model and the event contracts', () => {
  const posting = postingStateSchema.parse({
    id: '0b8f4a8e-4bb5-4f35-9a3f-4e0c1f9f6d11',
    organisationId: 'acme',
    externalId: null,
    status: 'open',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    title: 'Platform engineer',
    requiredSkills: ['TypeScript', { anyOf: ['AWS', 'GCP'] }, 'Kafka'],
    preferredSkills: ['Postgres'],
    experienceYears: { min: 2 },
    workplace: 'on-site',
    location: { city: 'Berlin' },
    matching: { allowMissingRequired: 1, missingRequiredPenalty: 5, weights: { depth: 0 } },
  });
  const candidate = candidateStateSchema.parse({
    id: '5d0b2f3c-8a8e-4c1e-b1d6-2f7a9c3e4b22',
    organisationId: 'acme',
    externalId: null,
    status: 'active',
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    skills: [{ name: 'typescript', years: 3 }, { name: 'Google Cloud' }, { name: 'MySQL', years: 2 }],
    totalYearsExperience: 4,
    location: { city: 'Hamburg' },
  });

  it('scores the contracts’ states, and the explanation is a valid match explanation', () => {
    const result = scoreMatch(postingFits(posting), candidateFits(candidate), fixtureTaxonomy);
    expect(result.eligible).toBe(true);
    expect(matchExplanationSchema.strict().parse(explanationFits(result.explanation))).toEqual(result.explanation);
  });

  it('validates the per-posting matching options', () => {
    const fields = { title: 'x', requiredSkills: ['Go'] };
    expect(postingFieldsSchema.safeParse({ ...fields, matching: { allowMissingRequired: 2 } }).success).toBe(true);
    expect(postingFieldsSchema.safeParse({ ...fields, matching: { allowMissingRequired: 1.5 } }).success).toBe(false);
    expect(postingFieldsSchema.safeParse({ ...fields, matching: { missingRequiredPenalty: -1 } }).success).toBe(false);
    expect(postingFieldsSchema.safeParse({ ...fields, matching: { weights: { required: 101 } } }).success).toBe(false);
    expect(postingFieldsSchema.safeParse({ ...fields, matching: { weights: { seniority: 5 } } }).success).toBe(false);
    const zero = { required: 0, preferred: 0, experience: 0, location: 0, depth: 0 };
    expect(postingFieldsSchema.safeParse({ ...fields, matching: { weights: zero } }).success).toBe(false);
  });
});
