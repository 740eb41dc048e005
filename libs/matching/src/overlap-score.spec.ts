import { matchId } from './match-id';
import { mandatorySkillKeys, normalizeSkill, scoreOverlap } from './overlap-score';

describe('scoreOverlap', () => {
  const posting = { requiredSkills: ['TypeScript', 'PostgreSQL'], preferredSkills: ['Kafka', 'Docker'] };

  it('matches when every required skill is met, ignoring case and spacing', () => {
    const result = scoreOverlap(posting, { skills: [' typescript', 'POSTGRESQL', 'kafka'] });
    expect(result).toEqual({
      eligible: true,
      score: 85,
      explanation: {
        summary: '2 of 2 required skills; 1 of 2 preferred skills',
        matchedRequired: ['TypeScript', 'PostgreSQL'],
        missingRequired: [],
        matchedPreferred: ['Kafka'],
        missingPreferred: ['Docker'],
      },
    });
  });

  it('is not a match when a required skill is missing, and says which', () => {
    const result = scoreOverlap(posting, { skills: ['TypeScript', 'Kafka', 'Docker'] });
    expect(result.eligible).toBe(false);
    expect(result.score).toBe(65);
    expect(result.explanation.summary).toBe('1 of 2 required skills; missing PostgreSQL; 2 of 2 preferred skills');
  });

  it('gives all points to required skills when there are no preferred ones', () => {
    expect(scoreOverlap({ requiredSkills: ['Go'], preferredSkills: [] }, { skills: ['go'] }).score).toBe(100);
  });

  it('counts a skill listed twice once', () => {
    const result = scoreOverlap({ requiredSkills: ['Go', 'go '], preferredSkills: [] }, { skills: ['Go'] });
    expect(result.explanation.matchedRequired).toEqual(['Go']);
  });

  it('never matches a posting without required skills', () => {
    expect(scoreOverlap({ requiredSkills: [], preferredSkills: ['Go'] }, { skills: ['Go'] }).eligible).toBe(false);
  });

  it('meets an any-of group with one member, and names the group when none is held', () => {
    const groups = { requiredSkills: [{ anyOf: ['Flask', 'Django', 'FastAPI'] }, 'Python'], preferredSkills: [] };
    expect(scoreOverlap(groups, { skills: ['Python', 'django'] }).explanation.matchedRequired).toEqual(['Django', 'Python']);
    const missing = scoreOverlap(groups, { skills: ['Python'] });
    expect(missing.eligible).toBe(false);
    expect(missing.explanation.missingRequired).toEqual(['Flask | Django | FastAPI']);
  });

  it('is deterministic', () => {
    const a = scoreOverlap(posting, { skills: ['TypeScript', 'PostgreSQL'] });
    const b = scoreOverlap(posting, { skills: ['PostgreSQL', 'TypeScript'] });
    expect(a).toEqual(b);
  });
});

describe('mandatorySkillKeys', () => {
  it('lists the single required skills, normalised, without groups', () => {
    expect(mandatorySkillKeys(['Go', { anyOf: ['AWS', 'GCP'] }, ' go', 'SQL'])).toEqual(['go', 'sql']);
  });
});

describe('normalizeSkill', () => {
  it('keeps symbols that distinguish skills', () => {
    expect(normalizeSkill(' C++ ')).toBe('c++');
    expect(normalizeSkill('C#')).not.toBe(normalizeSkill('C'));
  });
});

describe('matchId', () => {
  const posting = '0b8f4a8e-4bb5-4f35-9a3f-4e0c1f9f6d11';
  const candidate = '5d0b2f3c-8a8e-4c1e-b1d6-2f7a9c3e4b22';

  it('is a version 5 UUID, stable for a pair and different across pairs', () => {
    expect(matchId(posting, candidate)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(matchId(posting, candidate)).toBe(matchId(posting, candidate));
    expect(matchId(candidate, posting)).not.toBe(matchId(posting, candidate));
  });
});
