import { randomUUID } from 'node:crypto';
import { createEvent, parseEvent } from './event-factory';
import { PostingEventTypes } from './posting-events.schema';
import { Topics } from './topics';

const posting = () => ({
  id: randomUUID(),
  organisationId: 'acme',
  externalId: null,
  createdAt: new Date().toISOString(),
  title: 'Backend engineer',
  requiredSkills: ['TypeScript', 'PostgreSQL'],
  preferredSkills: ['Kafka'],
  status: 'open' as const,
  version: 1,
  updatedAt: new Date().toISOString(),
});

describe('createEvent', () => {
  it('wraps the payload in a CloudEvents envelope keyed by its subject', () => {
    const data = posting();
    const event = createEvent({
      topic: Topics.postings,
      type: PostingEventTypes.published,
      source: '/postings',
      subject: data.id,
      data,
    });
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'talentmatch.posting.published',
      subject: data.id,
      datacontenttype: 'application/json',
      dataschema: 'urn:talent-match:schema:talentmatch.posting.published:1',
      data,
    });
  });

  it('refuses a payload that breaks the schema', () => {
    const data = { ...posting(), title: '' };
    expect(() =>
      createEvent({ topic: Topics.postings, type: PostingEventTypes.published, source: '/postings', subject: data.id, data }),
    ).toThrow(/title/);
  });
});

describe('parseEvent', () => {
  it('accepts what createEvent produced', () => {
    const data = posting();
    const event = createEvent({ topic: Topics.postings, type: PostingEventTypes.updated, source: '/p', subject: data.id, data });
    const parsed = parseEvent(Topics.postings, Buffer.from(JSON.stringify(event)));
    expect(parsed).toEqual({ ok: true, event });
  });

  it.each([
    [null, 'empty message value'],
    [Buffer.from('not json'), 'value is not JSON'],
    [Buffer.from('{"specversion":"1.0"}'), 'type'],
  ])('explains why %s is rejected', (raw, reason) => {
    const parsed = parseEvent(Topics.postings, raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });

  it('names the failing field of a payload', () => {
    const data = posting();
    const event = createEvent({ topic: Topics.postings, type: PostingEventTypes.published, source: '/p', subject: data.id, data });
    const broken = { ...event, data: { ...event.data, requiredSkills: 'TypeScript' } };
    const parsed = parseEvent(Topics.postings, JSON.stringify(broken));
    expect(!parsed.ok && parsed.reason).toContain('data.requiredSkills');
  });
});
