import { crossOrganisationExplanation } from './cross-organisation-explanation';
import { scoreMatch } from './score-match';
import type { ScoringCandidate, ScoringPosting } from './scoring.types';
import { fixtureTaxonomy as taxonomy } from './testing/fixture-taxonomy';

describe('crossOrganisationExplanation', () => {
  const posting: ScoringPosting = {
    requiredSkills: ['TypeScript', 'Kafka', 'Postgres', 'AWS'],
    preferredSkills: ['Kubernetes', 'Go', 'MySQL'],
    experienceYears: { min: 3, max: 6 },
    workplace: 'hybrid',
    location: { city: 'Berlin', country: 'Germany' },
  };
  const candidate: ScoringCandidate = {
    skills: [
      { name: 'TS', years: 5 },
      { name: 'kafka', years: 1.5 },
      { name: 'PostgreSQL' },
      { name: 'Docker', years: 2 },
      { name: 'golang', years: 3 },
    ],
    totalYearsExperience: 8,
    workplacePreference: 'any',
    location: { city: 'Munich', country: 'Germany' },
  };

  it('keeps the scores and the posting’s requirement names, and nothing the candidate wrote', () => {
    const full = scoreMatch(posting, candidate, taxonomy);
    const reduced = crossOrganisationExplanation(full.explanation);

    expect(reduced).toEqual({
      scope: 'cross-organisation',
      summary: '3 of 4 required skills; missing AWS; 1 of 3 preferred skills',
      matchedRequired: ['TypeScript', 'Kafka', 'Postgres'],
      missingRequired: ['AWS'],
      matchedPreferred: ['Go'],
      missingPreferred: ['Kubernetes', 'MySQL'],
      categories: Object.fromEntries(
        Object.entries(full.categories).map(([category, { applicable, score, weight, points }]) => [category, { applicable, score, weight, points }]),
      ),
    });
    const text = JSON.stringify(reduced);
    // The candidate's own words, years and place: none of them reaches another organisation.
    for (const written of ['"TS"', 'kafka"', 'PostgreSQL', 'Docker', 'golang', 'Munich', '8 years', '1.5', 'implication', 'alias']) {
      expect(text).not.toContain(written);
    }
  });
});
