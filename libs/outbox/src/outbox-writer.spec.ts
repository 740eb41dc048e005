import { randomUUID } from 'node:crypto';
import { createEvent, PostingEventTypes, Topics, type PostingEvent } from '@talent/contracts';
import { outboxRowColumns } from './outbox-writer';

const now = new Date().toISOString();

function posting(): PostingEvent {
  const id = randomUUID();
  return createEvent({
    topic: Topics.postings,
    type: PostingEventTypes.published,
    source: '/postings',
    subject: id,
    data: { id, organisationId: 'acme', externalId: null, title: 'Engineer', requiredSkills: ['Go'], preferredSkills: [], status: 'open', version: 1, createdAt: now, updatedAt: now },
  });
}

describe('the columns of an outbox row', () => {
  it('keys the row by the event subject (one aggregate, one partition) and keeps the event as its payload', () => {
    const event = posting();
    expect(outboxRowColumns(Topics.postings, event)).toEqual({
      topic: Topics.postings,
      message_key: event.data.id,
      event_id: event.id,
      payload: event,
      trace_context: {},
    });
  });

  it('refuses an event its topic does not accept: nothing invalid reaches the relay', () => {
    const event = posting();
    const broken = { ...event, data: { ...event.data, version: 0 } } as PostingEvent;
    expect(() => outboxRowColumns(Topics.postings, broken)).toThrow();
  });
});
