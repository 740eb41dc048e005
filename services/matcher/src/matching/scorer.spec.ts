import fc from 'fast-check';
import type { CandidateState, PostingState } from '@talent/contracts';
import { scoreMatch } from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import { PairScorer } from './scorer';

const SKILLS = ['TypeScript', 'JavaScript', 'Node.js', 'Kafka', 'RabbitMQ', 'PostgreSQL', 'Go', 'Docker', 'Kubernetes', 'AWS', 'React', 'Python'];
const NOW = '2026-11-29T00:00:00.000Z';

const postingArb: fc.Arbitrary<PostingState> = fc
  .record({
    id: fc.uuid(),
    required: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 1, maxLength: 4 }),
    preferred: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 3 }),
    minYears: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  })
  .map(({ id, required, preferred, minYears }) => ({
    id,
    organisationId: 'acme',
    externalId: null,
    title: 'Engineer',
    requiredSkills: required,
    preferredSkills: preferred,
    ...(minYears === undefined ? {} : { experienceYears: { min: minYears } }),
    status: 'open',
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  }));

const candidateArb: fc.Arbitrary<CandidateState> = fc
  .record({
    id: fc.uuid(),
    skills: fc.uniqueArray(
      fc.record({ name: fc.constantFrom(...SKILLS), years: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }) }),
      { selector: (skill) => skill.name, maxLength: 8 },
    ),
    total: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  })
  .map(({ id, skills, total }) => ({
    id,
    organisationId: 'acme',
    externalId: null,
    name: 'Pat',
    skills: skills.map((skill) => (skill.years === undefined ? { name: skill.name } : skill)),
    ...(total === undefined ? {} : { totalYearsExperience: total }),
    status: 'active',
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  }) as unknown as CandidateState);

describe('PairScorer', () => {
  it('scores every pair as scoreMatch does, each posting and candidate prepared once for many pairs', () => {
    fc.assert(
      fc.property(fc.array(postingArb, { minLength: 1, maxLength: 5 }), fc.array(candidateArb, { minLength: 1, maxLength: 5 }), (postings, candidates) => {
        const scorer = new PairScorer();
        // Both directions, twice: the second time every profile comes from the scorer's memory.
        for (let round = 0; round < 2; round++) {
          for (const posting of postings) {
            for (const candidate of candidates) expect(scorer.score(posting, candidate)).toEqual(scoreMatch(posting, candidate, defaultTaxonomy));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
