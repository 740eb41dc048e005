import fc from 'fast-check';
import type { ScoringCandidate, ScoringPosting, SkillRequirement } from '../scoring.types';

/** Written skills the generators draw from: names, aliases, implications, traps and unknown skills. */
export const SKILL_POOL = [
  'Python', 'py', 'FastAPI', 'Django', 'Flask', 'Postgres', 'PostgreSQL', 'MySQL', 'SQL', 'k8s', 'Kubernetes',
  'Docker', 'TS', 'TypeScript', 'JavaScript', 'Java', 'C', 'C++', 'C#', 'R', 'Go', 'Golang', 'Kafka', 'AWS',
  'GCP', 'Azure', 'React', 'Node.js', 'Elixir', 'Apache Flink',
] as const;

const skill = fc.constantFrom(...SKILL_POOL);
/** Places written in several ways ("DE", "Deutschland"; "Texas", "TX"), some of them contradictory. */
const place = fc.record(
  {
    city: fc.constantFrom('Berlin', 'Munich', 'München', 'Paris', 'Austin', 'Portland', 'Smallville'),
    region: fc.constantFrom('BE', 'BY', 'IDF', 'TX', 'Oregon', 'DE'),
    country: fc.constantFrom('Germany', 'Deutschland', 'DE', 'France', 'USA', 'United States'),
  },
  { requiredKeys: [] },
);

const applicantLocation = fc.record(
  {
    countries: fc.uniqueArray(fc.constantFrom('Germany', 'FR', 'USA', 'Canada', 'Atlantis'), { minLength: 1, maxLength: 3 }),
    utcOffsets: fc.tuple(fc.integer({ min: -12, max: 14 }), fc.integer({ min: -12, max: 14 })).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
    sameMetro: fc.boolean(),
  },
  { requiredKeys: [] },
);

export const requirementArb: fc.Arbitrary<SkillRequirement> = fc.oneof(
  { weight: 4, arbitrary: skill },
  { weight: 1, arbitrary: fc.uniqueArray(skill, { minLength: 2, maxLength: 3 }).map((anyOf) => ({ anyOf })) },
);

export const postingArb: fc.Arbitrary<ScoringPosting> = fc.record(
  {
    requiredSkills: fc.array(requirementArb, { minLength: 0, maxLength: 5 }),
    preferredSkills: fc.array(skill, { maxLength: 4 }),
    experienceYears: fc
      .tuple(fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }))
      .map(([a, b]) => (a !== undefined && b !== undefined ? { min: Math.min(a, b), max: Math.max(a, b) } : { min: a, max: b })),
    workplace: fc.constantFrom('on-site', 'hybrid', 'remote'),
    location: place,
    applicantLocation,
    matching: fc.record(
      {
        allowMissingRequired: fc.integer({ min: 0, max: 3 }),
        missingRequiredPenalty: fc.integer({ min: 0, max: 30 }),
        weights: fc.record(
          {
            required: fc.integer({ min: 1, max: 100 }),
            preferred: fc.integer({ min: 0, max: 100 }),
            experience: fc.integer({ min: 0, max: 100 }),
            location: fc.integer({ min: 0, max: 100 }),
            depth: fc.integer({ min: 0, max: 100 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['requiredSkills'] },
);

export const candidateSkillArb = fc.record(
  { name: skill, years: fc.double({ min: 0, max: 20, noNaN: true }), lastUsed: fc.integer({ min: 2000, max: 2026 }) },
  { requiredKeys: ['name'] },
);

export const candidateArb: fc.Arbitrary<ScoringCandidate> = fc.record(
  {
    skills: fc.array(candidateSkillArb, { minLength: 1, maxLength: 8 }),
    totalYearsExperience: fc.double({ min: 0, max: 40, noNaN: true }),
    workplacePreference: fc.constantFrom('on-site', 'hybrid', 'remote', 'any'),
    location: place,
    willingToRelocate: fc.boolean(),
  },
  { requiredKeys: ['skills'] },
);
