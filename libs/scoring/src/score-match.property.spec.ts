import fc from 'fast-check';
import { scoreMatch } from './score-match';
import { candidateArb, candidateSkillArb, postingArb } from './testing/arbitraries';
import { fixtureTaxonomy as taxonomy } from './testing/fixture-taxonomy';

/** Runs (of 300) in which a property's "when eligible" check must have run, or it proved little. */
const MIN_ELIGIBLE_RUNS = 15;

describe('scoreMatch properties', () => {
  it('scores within 0..100, with one decimal, and every sub-score too', () => {
    fc.assert(
      fc.property(postingArb, candidateArb, (posting, candidate) => {
        const result = scoreMatch(posting, candidate, taxonomy);
        for (const value of [result.score, ...Object.values(result.categories).map((category) => category.score)]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
          expect(Math.round(value * 10) / 10).toBe(value);
        }
      }),
    );
  });

  it('does not depend on the order of the candidate’s skills, nor of the posting’s (score and categories)', () => {
    fc.assert(
      fc.property(postingArb, candidateArb, fc.integer(), (posting, candidate, seed) => {
        const shuffle = <T>(items: readonly T[]): T[] => {
          const copy = [...items];
          let state = seed >>> 0;
          for (let i = copy.length - 1; i > 0; i -= 1) {
            state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
            const j = state % (i + 1);
            [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
          }
          return copy;
        };
        const result = scoreMatch(posting, candidate, taxonomy);
        const shuffledCandidate = scoreMatch(posting, { ...candidate, skills: shuffle(candidate.skills) }, taxonomy);
        expect(shuffledCandidate).toStrictEqual(result);
        const shuffledPosting = scoreMatch(
          { ...posting, requiredSkills: shuffle(posting.requiredSkills), preferredSkills: shuffle(posting.preferredSkills ?? []) },
          candidate,
          taxonomy,
        );
        expect(shuffledPosting.score).toBe(result.score);
        expect(shuffledPosting.eligible).toBe(result.eligible);
        for (const category of ['required', 'preferred', 'experience', 'location', 'depth'] as const) {
          expect(shuffledPosting.categories[category].score).toBe(result.categories[category].score);
        }
      }),
    );
  });

  it('never lowers the score or closes the gate when the candidate gains a skill the posting requires', () => {
    let gateChecked = 0;
    fc.assert(
      fc.property(postingArb, candidateArb, fc.nat(), candidateSkillArb, (posting, candidate, pick, extra) => {
        const requirement = posting.requiredSkills[pick % posting.requiredSkills.length];
        const written = typeof requirement === 'string' ? requirement : (requirement?.anyOf[pick % requirement.anyOf.length] ?? 'Go');
        const before = scoreMatch(posting, candidate, taxonomy);
        const after = scoreMatch(posting, { ...candidate, skills: [...candidate.skills, { ...extra, name: written }] }, taxonomy);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        if (before.eligible) {
          gateChecked += 1;
          expect(after.eligible).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    // The conditional check ran often enough to mean something.
    expect(gateChecked).toBeGreaterThanOrEqual(MIN_ELIGIBLE_RUNS);
  });

  it('never closes the gate when the posting adds a requirement the candidate meets', () => {
    let gateChecked = 0;
    fc.assert(
      fc.property(postingArb, candidateArb, (posting, candidate) => {
        const before = scoreMatch(posting, candidate, taxonomy);
        const held = candidate.skills[0]?.name ?? 'Go';
        const after = scoreMatch({ ...posting, requiredSkills: [...posting.requiredSkills, held] }, candidate, taxonomy);
        if (before.eligible) {
          gateChecked += 1;
          expect(after.eligible).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    expect(gateChecked).toBeGreaterThanOrEqual(MIN_ELIGIBLE_RUNS);
  });
});
