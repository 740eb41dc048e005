import { MatchEventTypes } from '@talent/contracts';
import type { MatchItem } from '../notifications/match-item';
import { composeDigestEmail, composeMatchEmail } from './email-composer';

const item = (overrides: Partial<MatchItem> = {}): MatchItem => ({
  eventType: MatchEventTypes.found,
  matchId: '3f0c9f5e-5b7a-5d2e-9a53-8a8c1b7f0a11',
  version: 1,
  postingId: '7b8f7a4e-2c9d-4a53-8d3e-1f2a3b4c5d6e',
  postingTitle: 'Platform <engineer>',
  candidateId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  score: 85,
  explanation: {
    summary: '2 of 2 required skills; 1 of 2 preferred skills',
    matchedRequired: ['TypeScript', 'Kafka'],
    missingRequired: [],
    matchedPreferred: ['PostgreSQL'],
    missingPreferred: ['Go'],
  },
  ...overrides,
});
const context = { recruiterName: 'Rita', inboxUrl: 'https://notify.example.com/recruiters/r1/inbox' };

describe('composeMatchEmail', () => {
  it('says the score, the reason in words and links to the match', () => {
    const email = composeMatchEmail(item(), context);
    expect(email.subject).toBe('New match for "Platform <engineer>": score 85/100');
    expect(email.text).toContain('matches your posting "Platform <engineer>" with a score of 85/100');
    expect(email.text).toContain('Why: 2 of 2 required skills; 1 of 2 preferred skills');
    expect(email.text).toContain('Matched required: TypeScript, Kafka');
    expect(email.text).toContain('Missing preferred: Go');
    expect(email.text).not.toContain('Missing required');
    expect(email.text).toContain('https://notify.example.com/recruiters/r1/inbox#match-3f0c9f5e-5b7a-5d2e-9a53-8a8c1b7f0a11');
    expect(email.html).toContain('Platform &#60;engineer&#62;');
    expect(email.html).not.toContain('<engineer>');
  });

  it('renders a richer explanation it does not know, as long as it has a summary', () => {
    const email = composeMatchEmail(
      item({
        explanation: {
          summary: 'strong fit',
          skills: [{ skill: 'Kafka', credit: 1 }, { name: 'Go', years: 3 }],
          location: 'remote ok',
          requirements: [{ anyOf: ['Django', 'Flask'] }],
        },
      }),
      context,
    );
    expect(email.text).toContain('Why: strong fit');
    expect(email.text).toContain('Skills: Kafka (credit 1), Go (years 3)');
    expect(email.text).toContain('Requirements: one of Django, Flask');
  });

  it('tells a withdrawal', () => {
    const email = composeMatchEmail(item({ eventType: MatchEventTypes.withdrawn, version: 2 }), context);
    expect(email.subject).toBe('Match withdrawn for "Platform <engineer>"');
    expect(email.text).toContain('no longer matches');
  });
});

describe('composeDigestEmail', () => {
  it('lists every match of the window in one message', () => {
    const email = composeDigestEmail(
      [item(), item({ matchId: '11111111-1111-5111-8111-111111111111', score: 70, postingTitle: null }), item({ eventType: MatchEventTypes.withdrawn })],
      { ...context, windowLabel: 'hourly' },
    );
    expect(email.subject).toBe('Your hourly digest: 2 matches, 1 withdrawn');
    expect(email.text).toContain('New match for "Platform <engineer>": candidate 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, score 85/100');
    expect(email.text).toContain('score 70/100');
    expect(email.text).toContain('Withdrawn: candidate');
  });
});
