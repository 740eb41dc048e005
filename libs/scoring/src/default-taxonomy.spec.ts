import { defaultTaxonomy as taxonomy } from '@talent/skills';
import { scoreMatch } from './score-match';
import type { ScoringPosting } from './scoring.types';

// The same model against the real taxonomy: the classic traps, aliases and implications.
const meets = (required: ScoringPosting['requiredSkills'][number], ...held: string[]): boolean =>
  scoreMatch({ requiredSkills: [required] }, { skills: held.map((name) => ({ name })) }, taxonomy).eligible;

describe('scoreMatch with the default taxonomy', () => {
  it.each([
    ['Java', 'JavaScript'],
    ['JavaScript', 'Java'],
    ['C', 'C++'],
    ['C', 'C#'],
    ['C++', 'C'],
    ['C#', 'C'],
    ['R', 'Ruby'],
    ['R', 'Rust'],
    ['Go', 'Google Cloud'],
    ['Go', 'Django'],
    ['FastAPI', 'Python'],
  ])('%s is not met by %s', (required, held) => {
    expect(meets(required, held)).toBe(false);
  });

  it.each([
    ['PostgreSQL', 'Postgres'],
    ['Kubernetes', 'k8s'],
    ['Go', 'Golang'],
    ['JavaScript', 'JS'],
    ['C++', 'cpp'],
    ['C#', 'csharp'],
    ['Python', 'FastAPI'],
    ['Python', 'Django'],
  ])('%s is met by %s', (required, held) => {
    expect(meets(required, held)).toBe(true);
  });

  it('explains an implication', () => {
    const result = scoreMatch({ requiredSkills: ['Python'] }, { skills: [{ name: 'FastAPI' }] }, taxonomy);
    expect(result.explanation.matchedRequired).toEqual([{ requirement: 'Python', skill: 'Python', via: 'implication', candidateSkill: 'FastAPI' }]);
  });
});
