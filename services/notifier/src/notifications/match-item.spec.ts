import { renderExplanation } from './match-item';

describe('renderExplanation', () => {
  it('names matched skills plainly, and says how a skill was met when not by its name', () => {
    const rendered = renderExplanation({
      summary: '3 of 3 required skills',
      matchedRequired: [
        { requirement: 'TypeScript', skill: 'TypeScript', via: 'exact', candidateSkill: 'TypeScript' },
        { requirement: 'PostgreSQL', skill: 'PostgreSQL', via: 'alias', candidateSkill: 'Postgres' },
        { requirement: 'Python', skill: 'Python', via: 'implication', candidateSkill: 'FastAPI' },
      ],
      missingPreferred: ['AWS'],
    });

    expect(rendered).toEqual({
      summary: '3 of 3 required skills',
      lists: [
        { label: 'Matched required', items: ['TypeScript', 'PostgreSQL (as Postgres)', 'Python (implied by FastAPI)'] },
        { label: 'Missing preferred', items: ['AWS'] },
      ],
    });
  });

  it('keeps an explanation of an older shape readable', () => {
    expect(renderExplanation({ summary: 's', matchedRequired: ['Go'] }).lists).toEqual([{ label: 'Matched required', items: ['Go'] }]);
  });
});
