import { scoreMatch } from './score-match';
import { DEFAULT_WEIGHTS } from './scoring-options';
import type { ScoringCandidate, ScoringPosting } from './scoring.types';
import { fixtureTaxonomy as taxonomy } from './testing/fixture-taxonomy';

const skills = (...names: string[]): ScoringCandidate => ({ skills: names.map((name) => ({ name })) });
const requiring = (...requiredSkills: ScoringPosting['requiredSkills']): ScoringPosting => ({ requiredSkills });

describe('scoreMatch', () => {
  describe('the worked example of the README', () => {
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
        { name: 'AWS', years: 4 },
        { name: 'Docker', years: 2 },
        { name: 'golang', years: 3 },
      ],
      totalYearsExperience: 8,
      workplacePreference: 'any',
      location: { city: 'Munich', country: 'Germany' },
    };

    it('scores 81.6, category by category', () => {
      const result = scoreMatch(posting, candidate, taxonomy);
      // required 4/4 → 45; preferred (0.5 + 1 + 0.5) / 3 → 13.3; experience 8 > 6: 1 − 0.2 = 0.8 → 12;
      // location same country 0.5 → 5; depth (TS 1 + Kafka 1.5/3 = 0.5 + PostgreSQL not stated 0 + AWS 1) / 4
      // = 0.625 → 6.25. Total 45 + 13.33 + 12 + 5 + 6.25 = 81.58 → 81.6.
      expect(result.categories).toEqual({
        required: { applicable: true, score: 100, weight: 45, points: 45, detail: '4 of 4 required skills' },
        preferred: {
          applicable: true,
          score: 66.7,
          weight: 20,
          points: 13.3,
          detail: '1 of 3 preferred skills; related: Docker for Kubernetes, PostgreSQL for MySQL',
        },
        experience: { applicable: true, score: 80, weight: 15, points: 12, detail: '8 years of experience, above the 3–6 years asked' },
        location: {
          applicable: true,
          score: 50,
          weight: 10,
          points: 5,
          detail: 'hybrid in Berlin, Germany; candidate in Munich, Germany (same country)',
        },
        depth: { applicable: true, score: 62.5, weight: 10, points: 6.3, detail: '2 of 4 required skills with 3+ years; years not stated for 1' },
      });
      expect(result.eligible).toBe(true);
      expect(result.score).toBe(81.6);
    });

    it('explains the match plainly', () => {
      const { explanation } = scoreMatch(posting, candidate, taxonomy);
      expect(explanation.summary).toBe(
        '4 of 4 required skills; 1 of 3 preferred skills; related: Docker for Kubernetes, PostgreSQL for MySQL; ' +
          '8 years of experience, above the 3–6 years asked; hybrid in Berlin, Germany; candidate in Munich, Germany (same country)',
      );
      expect(explanation.matchedRequired).toEqual([
        { requirement: 'TypeScript', skill: 'TypeScript', via: 'alias', candidateSkill: 'TS' },
        { requirement: 'Kafka', skill: 'Kafka', via: 'exact', candidateSkill: 'kafka' },
        { requirement: 'Postgres', skill: 'PostgreSQL', via: 'alias', candidateSkill: 'PostgreSQL' },
        { requirement: 'AWS', skill: 'AWS', via: 'exact', candidateSkill: 'AWS' },
      ]);
      expect(explanation.matchedPreferred).toEqual([{ requirement: 'Go', skill: 'Go', via: 'alias', candidateSkill: 'golang' }]);
      expect(explanation.missingPreferred).toEqual(['Kubernetes', 'MySQL']);
      expect(explanation.partialCredits).toEqual([
        { requirement: 'Kubernetes', candidateSkill: 'Docker', credit: 0.5 },
        { requirement: 'MySQL', candidateSkill: 'PostgreSQL', credit: 0.5 },
      ]);
      expect(explanation.experience).toEqual({
        verdict: 'above',
        years: 8,
        min: 3,
        max: 6,
        detail: '8 years of experience, above the 3–6 years asked',
      });
      expect(explanation.location).toMatchObject({ workplace: 'match', place: 'same-country' });
      expect(explanation.nearMiss).toEqual({ allowed: 0, missing: 0, penalty: 0 });
    });

    it('is JSON-safe: a stored copy equals a fresh one', () => {
      const result = scoreMatch(posting, candidate, taxonomy);
      expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
    });
  });

  describe('aliases and implications', () => {
    it('meets a skill written as an alias on either side', () => {
      expect(scoreMatch(requiring('Postgres'), skills('postgresql'), taxonomy).explanation.matchedRequired).toEqual([
        { requirement: 'Postgres', skill: 'PostgreSQL', via: 'alias', candidateSkill: 'postgresql' },
      ]);
      expect(scoreMatch(requiring('Kubernetes'), skills('k8s'), taxonomy).eligible).toBe(true);
      expect(scoreMatch(requiring('Amazon Web Services'), skills('aws'), taxonomy).eligible).toBe(true);
    });

    it('meets a skill implied by one the candidate holds, and says by which', () => {
      const result = scoreMatch(requiring('Python', 'SQL'), skills('FastAPI', 'Postgres'), taxonomy);
      expect(result.eligible).toBe(true);
      expect(result.explanation.matchedRequired).toEqual([
        { requirement: 'Python', skill: 'Python', via: 'implication', candidateSkill: 'FastAPI' },
        { requirement: 'SQL', skill: 'SQL', via: 'implication', candidateSkill: 'Postgres' },
      ]);
    });

    it('does not imply backwards: Python does not mean FastAPI', () => {
      const result = scoreMatch(requiring('FastAPI'), skills('Python'), taxonomy);
      expect(result.eligible).toBe(false);
      expect(result.explanation.missingRequired).toEqual(['FastAPI']);
    });

    it('prefers a skill held directly to one held by implication in the explanation', () => {
      expect(scoreMatch(requiring('JavaScript'), skills('TypeScript', 'js'), taxonomy).explanation.matchedRequired[0]?.via).toBe('alias');
    });

    it('carries the years of the implying skill over to the implied one', () => {
      const result = scoreMatch(requiring('Python'), { skills: [{ name: 'Django', years: 6 }] }, taxonomy);
      expect(result.categories.depth.score).toBe(100);
    });

    it('matches unknown skills to themselves, ignoring case and spacing', () => {
      expect(scoreMatch(requiring('Apache  Flink'), skills(' apache flink'), taxonomy).eligible).toBe(true);
    });

    it('counts a skill listed twice once', () => {
      const result = scoreMatch(requiring('Go', 'golang', ' go'), skills('Go'), taxonomy);
      expect(result.explanation.matchedRequired).toHaveLength(1);
      expect(result.categories.required.detail).toBe('1 of 1 required skill');
    });
  });

  describe('any-of groups', () => {
    const posting = requiring({ anyOf: ['Flask', 'Django', 'FastAPI'] }, 'Postgres');

    it('is met by one member', () => {
      const result = scoreMatch(posting, skills('Postgres', 'django'), taxonomy);
      expect(result.eligible).toBe(true);
      expect(result.explanation.matchedRequired[0]).toEqual({
        requirement: 'one of Flask, Django, FastAPI',
        skill: 'Django',
        via: 'exact',
        candidateSkill: 'django',
      });
    });

    it('counts as one required skill however many members are held', () => {
      expect(scoreMatch(posting, skills('Postgres', 'Flask', 'Django'), taxonomy).categories.required.detail).toBe('2 of 2 required skills');
    });

    it('is named as a whole when no member is held', () => {
      const result = scoreMatch(posting, skills('Postgres', 'Python'), taxonomy);
      expect(result.eligible).toBe(false);
      expect(result.explanation.missingRequired).toEqual(['one of Flask, Django, FastAPI']);
    });

    it('is met by implication', () => {
      expect(scoreMatch(requiring({ anyOf: ['JavaScript', 'Go'] }), skills('React'), taxonomy).eligible).toBe(true);
    });

    it('uses the deepest member held for the depth score', () => {
      const candidate = { skills: [{ name: 'Flask', years: 1 }, { name: 'Django', years: 3 }, { name: 'Postgres', years: 3 }] };
      expect(scoreMatch(posting, candidate, taxonomy).categories.depth.score).toBe(100);
    });
  });

  describe('traps: tokens match whole, never by prefix or substring', () => {
    it.each([
      ['Java', 'JavaScript'],
      ['JavaScript', 'Java'],
      ['C', 'C++'],
      ['C', 'C#'],
      ['C++', 'C'],
      ['C#', 'C++'],
      ['R', 'Ruby'],
      ['R', 'React'],
      ['Go', 'Google Cloud'],
      ['Go', 'Django'],
    ])('%s is not met by %s', (required, held) => {
      expect(scoreMatch(requiring(required), skills(held), taxonomy).eligible).toBe(false);
    });

    it.each([
      ['C', 'c'],
      ['C++', 'cpp'],
      ['C#', 'csharp'],
      ['R', 'r'],
      ['Go', 'Golang'],
      ['Java', 'java'],
      ['JavaScript', 'ECMAScript'],
    ])('%s is met by %s', (required, held) => {
      expect(scoreMatch(requiring(required), skills(held), taxonomy).eligible).toBe(true);
    });
  });

  describe('the required-skills gate', () => {
    const eight = requiring('TypeScript', 'Kafka', 'Postgres', 'Docker', 'Kubernetes', 'Go', 'Python', 'AWS');
    const sevenHeld = skills('TypeScript', 'Kafka', 'Postgres', 'Docker', 'Kubernetes', 'Go', 'Python');

    it('is closed when a required skill is missing, and says which', () => {
      const result = scoreMatch(eight, sevenHeld, taxonomy);
      expect(result.eligible).toBe(false);
      expect(result.explanation.missingRequired).toEqual(['AWS']);
      expect(result.explanation.summary).toMatch(/^7 of 8 required skills; missing AWS/);
    });

    it('still scores an ineligible pair, with the penalty, so a near miss can be shown', () => {
      const result = scoreMatch(eight, sevenHeld, taxonomy);
      // required 7/8 → 45 · 0.875 = 39.375 of 55 (required + depth, the only asked categories);
      // depth 0 (no years stated); (39.375 + 0) / 55 · 100 = 71.59…, − 10.
      expect(result.score).toBe(61.6);
      expect(result.explanation.nearMiss).toEqual({ allowed: 0, missing: 1, penalty: 10 });
    });

    it('matches a posting without required skills (read from a text naming none) on its place alone', () => {
      const storeManager: ScoringPosting = { requiredSkills: [], workplace: 'on-site', location: { city: 'Leeds', country: 'United Kingdom' } };
      const local = { skills: [{ name: 'Retail management' }], location: { city: 'Leeds', country: 'UK' } };
      const abroad = { skills: [{ name: 'Retail management' }], location: { city: 'Lyon', country: 'France' } };
      expect(scoreMatch(storeManager, local, taxonomy)).toMatchObject({ eligible: true, categories: { required: { applicable: false } } });
      expect(scoreMatch(storeManager, abroad, taxonomy).eligible).toBe(false);
    });

    describe('near-miss mode', () => {
      const nearMiss = (allowMissingRequired: number, missingRequiredPenalty?: number): ScoringPosting => ({
        ...eight,
        matching: { allowMissingRequired, missingRequiredPenalty },
      });

      it('lets a candidate miss up to the allowed number, with a penalty per missing skill', () => {
        const full = scoreMatch(nearMiss(1), { skills: [...sevenHeld.skills, { name: 'AWS' }] }, taxonomy);
        const one = scoreMatch(nearMiss(1), sevenHeld, taxonomy);
        expect(one.eligible).toBe(true);
        expect(one.explanation.nearMiss).toEqual({ allowed: 1, missing: 1, penalty: 10 });
        expect(one.explanation.summary).toMatch(/near miss: 10 points off$/);
        expect(one.score).toBeLessThan(full.score - 10);
      });

      it('stays closed beyond the allowed number', () => {
        const six = skills('TypeScript', 'Kafka', 'Postgres', 'Docker', 'Kubernetes', 'Go');
        expect(scoreMatch(nearMiss(1), six, taxonomy).eligible).toBe(false);
        expect(scoreMatch(nearMiss(2), six, taxonomy).eligible).toBe(true);
      });

      it('uses the posting’s penalty', () => {
        const base = scoreMatch(nearMiss(1, 0), sevenHeld, taxonomy).score;
        expect(scoreMatch(nearMiss(1, 25), sevenHeld, taxonomy).score).toBe(Math.round((base - 25) * 10) / 10);
      });

      it('always needs at least one required skill', () => {
        const posting: ScoringPosting = { requiredSkills: ['Go', 'AWS'], matching: { allowMissingRequired: 5 } };
        expect(scoreMatch(posting, skills('Python'), taxonomy).eligible).toBe(false);
        expect(scoreMatch(posting, skills('Go'), taxonomy).eligible).toBe(true);
      });

      it('rejects nonsense options', () => {
        expect(() => scoreMatch({ ...eight, matching: { allowMissingRequired: -1 } }, sevenHeld, taxonomy)).toThrow(RangeError);
        expect(() => scoreMatch({ ...eight, matching: { allowMissingRequired: 1.5 } }, sevenHeld, taxonomy)).toThrow(RangeError);
        expect(() => scoreMatch({ ...eight, matching: { missingRequiredPenalty: Number.NaN } }, sevenHeld, taxonomy)).toThrow(RangeError);
      });
    });
  });

  describe('experience', () => {
    const posting: ScoringPosting = { requiredSkills: ['Go'], experienceYears: { min: 4, max: 8 } };
    const fit = (totalYearsExperience?: number) =>
      scoreMatch(posting, { skills: [{ name: 'Go' }], totalYearsExperience }, taxonomy).explanation.experience;

    it.each([
      [1, 'below', 25],
      [3, 'below', 75],
      [4, 'within', 100],
      [6, 'within', 100],
      [8, 'within', 100],
      [10, 'above', 80],
      [30, 'above', 50],
      [undefined, 'unknown', 0],
    ] as const)('%s years: %s, sub-score %s', (years, verdict, score) => {
      expect(fit(years).verdict).toBe(verdict);
      expect(scoreMatch(posting, { skills: [{ name: 'Go' }], totalYearsExperience: years }, taxonomy).categories.experience.score).toBe(score);
    });

    it('says what was asked', () => {
      expect(fit(3).detail).toBe('3 years of experience, below the 4–8 years asked');
      const openEnded = scoreMatch({ requiredSkills: ['Go'], experienceYears: { min: 1 } }, { skills: [{ name: 'Go' }], totalYearsExperience: 20 }, taxonomy);
      expect(openEnded.explanation.experience).toMatchObject({ verdict: 'within', detail: '20 years of experience, within the at least 1 year asked' });
    });

    it('does not count when no range is asked', () => {
      const result = scoreMatch(requiring('Go'), { skills: [{ name: 'Go' }], totalYearsExperience: 1 }, taxonomy);
      expect(result.categories.experience).toMatchObject({ applicable: false, points: 0 });
      expect(result.explanation.experience.verdict).toBe('not-asked');
    });
  });

  describe('data not stated', () => {
    const asking: ScoringPosting = { requiredSkills: ['Go'], experienceYears: { min: 3 } };

    it('never earns more experience credit than the least stated experience', () => {
      const unstated = scoreMatch(asking, { skills: [{ name: 'Go', years: 3 }] }, taxonomy);
      const oneYear = scoreMatch(asking, { skills: [{ name: 'Go', years: 3 }], totalYearsExperience: 1 }, taxonomy);
      const none = scoreMatch(asking, { skills: [{ name: 'Go', years: 3 }], totalYearsExperience: 0 }, taxonomy);
      expect(unstated.categories.experience.score).toBeLessThanOrEqual(oneYear.categories.experience.score);
      expect(unstated.categories.experience.score).toBe(none.categories.experience.score);
      expect(unstated.score).toBeLessThan(oneYear.score);
      expect(unstated.explanation.experience).toEqual({ verdict: 'unknown', years: null, min: 3, max: null, detail: 'experience not stated (asked at least 3 years)' });
    });

    it('never earns more depth credit than the fewest stated years on the skill', () => {
      const unstated = scoreMatch(requiring('Go'), { skills: [{ name: 'Go' }] }, taxonomy);
      const oneYear = scoreMatch(requiring('Go'), { skills: [{ name: 'Go', years: 1 }] }, taxonomy);
      expect(unstated.categories.depth.score).toBe(0);
      expect(unstated.categories.depth.score).toBeLessThanOrEqual(oneYear.categories.depth.score);
      expect(unstated.score).toBeLessThan(oneYear.score);
      expect(unstated.categories.depth.detail).toBe('0 of 1 required skill with 3+ years; years not stated for 1');
    });

    it('takes the years a skill states over a mention of it without years', () => {
      const result = scoreMatch(requiring('Go'), { skills: [{ name: 'Go' }, { name: 'golang', years: 1.5 }] }, taxonomy);
      expect(result.categories.depth.score).toBe(50);
    });
  });

  describe('workplace and location', () => {
    const at = (posting: Partial<ScoringPosting>, candidate: Partial<ScoringCandidate>) =>
      scoreMatch({ requiredSkills: ['Go'], ...posting }, { skills: [{ name: 'Go' }], ...candidate }, taxonomy);
    const berlin = { city: 'Berlin', country: 'Germany' };

    it('ignores the location of a remote role', () => {
      const result = at({ workplace: 'remote', location: berlin }, { location: { city: 'Lisbon', country: 'Portugal' } });
      expect(result.categories.location.score).toBe(100);
      expect(result.explanation.location).toEqual({ workplace: 'match', place: 'not-considered', detail: 'remote role: location not considered' });
    });

    it('scores an on-site role by place', () => {
      expect(at({ workplace: 'on-site', location: berlin }, { location: { city: 'berlin', country: 'germany' } }).explanation.location.place).toBe('same-city');
      expect(at({ workplace: 'on-site', location: berlin }, { location: { city: 'Munich', country: 'Germany' } }).categories.location.score).toBe(50);
      const abroad = at({ workplace: 'on-site', location: berlin }, { location: { city: 'Berlin', country: 'USA' }, willingToRelocate: true });
      expect(abroad.explanation.location.place).toBe('elsewhere');
      expect(abroad.categories.location.score).toBe(0);
      expect(at({ workplace: 'on-site', location: berlin }, {}).explanation.location).toMatchObject({ place: 'unknown' });
    });

    it('is fully met at the granularity the posting asks', () => {
      expect(at({ location: { country: 'Germany' } }, { location: { city: 'Munich', country: 'Germany' } }).categories.location.score).toBe(100);
    });

    it('weighs the workplace preference', () => {
      expect(at({ workplace: 'on-site', location: berlin }, { workplacePreference: 'remote', location: berlin }).explanation.location).toEqual({
        workplace: 'mismatch',
        place: 'same-city',
        detail: 'on-site in Berlin, Germany; candidate in Berlin, Germany (same city); candidate prefers remote',
      });
      expect(at({ workplace: 'remote' }, { workplacePreference: 'on-site' }).categories.location.score).toBe(0);
      expect(at({ workplace: 'hybrid' }, { workplacePreference: 'remote' }).categories.location.score).toBe(50);
      expect(at({ workplace: 'hybrid' }, { workplacePreference: 'any' }).categories.location.score).toBe(100);
    });

    it('does not count when neither workplace nor location is asked', () => {
      expect(at({}, { workplacePreference: 'remote' }).categories.location.applicable).toBe(false);
    });
  });

  describe('weights', () => {
    const posting: ScoringPosting = { requiredSkills: ['Go', 'AWS'], preferredSkills: ['Kafka'], workplace: 'remote' };
    const candidate = skills('Go', 'AWS');

    it('defaults to 45/20/15/10/10 and gives unasked categories’ weight to the others', () => {
      expect(DEFAULT_WEIGHTS).toEqual({ required: 45, preferred: 20, experience: 15, location: 10, depth: 10 });
      // Asked: required (1), preferred (0), location (1), depth (0 each: no years stated) → (45 + 0 + 10 + 0) / 85.
      expect(scoreMatch(posting, candidate, taxonomy).score).toBe(64.7);
    });

    it('can be overridden per posting', () => {
      const result = scoreMatch({ ...posting, matching: { weights: { preferred: 0, depth: 0 } } }, candidate, taxonomy);
      expect(result.categories.preferred).toMatchObject({ weight: 0, points: 0 });
      expect(result.score).toBe(100);
    });

    it('takes the posting’s options over the caller’s defaults', () => {
      const callerDefaults = { weights: { required: 100, preferred: 0, experience: 0, location: 0, depth: 0 } };
      expect(scoreMatch(posting, skills('Go'), taxonomy, callerDefaults).score).toBe(50 - 10);
      const posted = { ...posting, matching: { weights: { location: 100 } } };
      // required 0.5 · 100 + location 1 · 100, of 200; one missing: − 10.
      expect(scoreMatch(posted, skills('Go'), taxonomy, callerDefaults).score).toBe(65);
    });

    it('rejects negative or all-zero weights', () => {
      expect(() => scoreMatch({ ...posting, matching: { weights: { required: -1 } } }, candidate, taxonomy)).toThrow(RangeError);
      const zero = { required: 0, preferred: 0, experience: 0, location: 0, depth: 0 };
      expect(() => scoreMatch({ ...posting, matching: { weights: zero } }, candidate, taxonomy)).toThrow('at least one weight');
    });
  });

  describe('determinism', () => {
    const posting: ScoringPosting = {
      requiredSkills: ['Python', { anyOf: ['AWS', 'GCP'] }, 'Postgres'],
      preferredSkills: ['Kubernetes', 'Kafka', 'MySQL'],
      experienceYears: { min: 2, max: 5 },
      workplace: 'on-site',
      location: { city: 'Paris', country: 'France' },
    };
    const candidate: ScoringCandidate = {
      skills: [
        { name: 'Django', years: 2 },
        { name: 'python', years: 1 },
        { name: 'Google Cloud', years: 4 },
        { name: 'psql' },
        { name: 'Docker', years: 1 },
      ],
      totalYearsExperience: 3.5,
      location: { city: 'Lyon', country: 'France' },
    };

    it('gives the same result, to the digit, every time and in any order of the candidate’s skills', () => {
      const first = scoreMatch(posting, candidate, taxonomy);
      expect(scoreMatch(posting, candidate, taxonomy)).toStrictEqual(first);
      expect(scoreMatch(posting, { ...candidate, skills: [...candidate.skills].reverse() }, taxonomy)).toStrictEqual(first);
      // required 45; preferred (0.5 Docker~Kubernetes + 0 + 0.5 psql~MySQL) / 3 → 6.67; experience 15;
      // same country 0.5 → 5; depth (Python 2 years via Django: 2/3, GCP 4 years: 1, psql unstated: 0) / 3 → 5.56.
      // 45 + 6.67 + 15 + 5 + 5.56 = 77.22.
      expect(first.score).toBe(77.2);
    });
  });
});
