import type { z } from 'zod';
import { topicSchemas } from '../topic-map';
import { Topics, type Topic } from '../topics';

/**
 * What the schemas cannot say about the topics: who produces and consumes each one, how messages
 * are keyed, and prose for the AsyncAPI document. Message types and payloads are not listed here:
 * they are read from `topicSchemas`, so a new event type or field reaches the document on the
 * next `nx run contracts:generate`.
 */
export type Io = 'input' | 'output';

export interface TopicContract {
  topic: Topic;
  /** AsyncAPI channel id; its dead-letter channel is `<channelId>DeadLetter`. */
  channelId: string;
  title: string;
  description: string;
  /** Commands are written by clients (validated as zod input); events by the platform (zod output). */
  kind: 'command' | 'event';
  key: { description: string; format?: 'uuid'; pattern?: string };
  /** Who writes the topic: service names, or `ingestion-pipelines` for external clients. */
  producers: readonly string[];
  /** Services consuming it; each consumes in its own group named after the service. */
  consumers: readonly string[];
  aggregate: string;
}

export const EXTERNAL_PRODUCER = 'ingestion-pipelines';

export const topicContracts: readonly TopicContract[] = [
  {
    topic: Topics.postingsIngest,
    channelId: 'postingsIngest',
    title: 'Posting commands',
    description:
      'Ingestion pipelines publish postings here: the same operations as the postings REST API, as commands. ' +
      '`(organisationId, externalId)` identifies the posting, so a retried upsert updates instead of duplicating. ' +
      'The postings service applies valid commands and publishes the outcome on `postings.v1`; invalid or impossible ones go to `postings.ingest.v1.dlq`. ' +
      'With ingest principals configured (`INGEST_PRINCIPALS`, the production set-up), each pipeline writes `postings.ingest.v1.<principal>` instead, ' +
      'which only it may write; a command there for an organisation not bound to the principal goes to `postings.ingest.v1.<principal>.dlq` ' +
      'with the reason `forbidden: …` and is not applied.',
    kind: 'command',
    key: {
      description: '`<organisationId>/<externalId>` of the posting: one record’s commands stay in one partition, in order. Also the CloudEvents `subject`.',
      pattern: '^[\\w.:-]+/.+$',
    },
    producers: [EXTERNAL_PRODUCER],
    consumers: ['postings'],
    aggregate: 'posting',
  },
  {
    topic: Topics.candidatesIngest,
    channelId: 'candidatesIngest',
    title: 'Candidate commands',
    description:
      'Ingestion pipelines publish candidate profiles here: the same operations as the candidates REST API, as commands. ' +
      'They carry personal data (name, contact details): only the candidates service reads this topic, and `candidates.v1` carries matching attributes only. ' +
      'With ingest principals configured (`INGEST_PRINCIPALS`, the production set-up), each pipeline writes `candidates.ingest.v1.<principal>` instead, ' +
      'which only it may write; a command there for an organisation not bound to the principal goes to `candidates.ingest.v1.<principal>.dlq` ' +
      'with the reason `forbidden: …` and is not applied.',
    kind: 'command',
    key: {
      description: '`<organisationId>/<externalId>` of the candidate: one record’s commands stay in one partition, in order. Also the CloudEvents `subject`.',
      pattern: '^[\\w.:-]+/.+$',
    },
    producers: [EXTERNAL_PRODUCER],
    consumers: ['candidates'],
    aggregate: 'candidate',
  },
  {
    topic: Topics.postings,
    channelId: 'postings',
    title: 'Posting events',
    description:
      'Every change of a posting, carrying its whole current state (event-carried state transfer): consumers never call back. ' +
      '`data.version` increases by one per change; consumers apply an event only if its version is newer than what they hold.',
    kind: 'event',
    key: { description: 'The posting id (a UUID), equal to the CloudEvents `subject`.', format: 'uuid' },
    producers: ['postings'],
    consumers: ['matcher', 'notifier'],
    aggregate: 'posting',
  },
  {
    topic: Topics.candidates,
    channelId: 'candidates',
    title: 'Candidate events',
    description:
      'Every change of a candidate, carrying the matching attributes of their current state; names and contact details never leave the candidates service. ' +
      'A compacted topic (`cleanup.policy=compact`): a candidate erased at their request (`erased`, ids only) is followed by a tombstone (the key with no value), after which the broker keeps nothing of them. Consumers skip tombstones.',
    kind: 'event',
    key: { description: 'The candidate id (a UUID), equal to the CloudEvents `subject`.', format: 'uuid' },
    producers: ['candidates'],
    consumers: ['matcher'],
    aggregate: 'candidate',
  },
  {
    topic: Topics.matches,
    channelId: 'matches',
    title: 'Match events',
    description:
      'A candidate fits a posting (`found`), the score or its explanation changed (`updated`), or it no longer fits (`withdrawn`). ' +
      'The match id is a name-based UUID of (posting id, candidate id): every replay computes the same id. ' +
      'A compacted topic: when a candidate is erased, each of their matches is withdrawn and then tombstoned (the key with no value); the notifier then deletes what it recorded of the match.',
    kind: 'event',
    key: { description: 'The match id (a UUID), equal to the CloudEvents `subject`.', format: 'uuid' },
    producers: ['matcher'],
    consumers: ['notifier'],
    aggregate: 'match',
  },
  {
    topic: Topics.notifications,
    channelId: 'notifications',
    title: 'Notification audit events',
    description:
      'One event per delivery attempt outcome (webhook call, e-mail, inbox push): `delivered`, `failed` (another attempt follows) or `dead_lettered` (no more attempts). ' +
      'Recipients appear by id only, never by URL or address.',
    kind: 'event',
    key: { description: 'The delivery id (a UUID), equal to the CloudEvents `subject`.', format: 'uuid' },
    producers: ['notifier'],
    consumers: [],
    aggregate: 'notification',
  },
];

export const serviceDescriptions: Record<string, string> = {
  [EXTERNAL_PRODUCER]: 'Clients outside the platform (applicant-tracking systems, sourcing tools) that publish postings and candidates.',
  postings: 'Owns job postings: applies posting commands and REST requests, publishes posting events through its outbox.',
  candidates: 'Owns candidate profiles (personal data included): applies candidate commands and REST requests, publishes candidate events.',
  matcher: 'Keeps a read model of postings and candidates, scores the plausible pairs and publishes match events.',
  notifier: 'Tells recruiters about new and changed matches (signed webhooks, e-mail, live inbox) and publishes an audit event per delivery.',
};

export interface MessageContract {
  topic: Topic;
  type: string;
  version: number;
  /** The zod schema of the whole message value (CloudEvents envelope and `data`). */
  schema: z.ZodObject;
  io: Io;
}

/** The message types of a topic, read from its discriminated union of event schemas. */
export function messagesOf(contract: TopicContract): MessageContract[] {
  const { options } = topicSchemas[contract.topic] as unknown as { options?: readonly z.ZodObject[] };
  if (options === undefined) {
    throw new Error(`topicSchemas['${contract.topic}'] must be a discriminated union of eventSchema(...) on "type"`);
  }
  return options.map((schema: z.ZodObject): MessageContract => {
    const type = literalOf(schema, 'type', contract.topic);
    const dataschema = literalOf(schema, 'dataschema', contract.topic);
    const version = Number(dataschema.slice(dataschema.lastIndexOf(':') + 1));
    if (!Number.isInteger(version) || version < 1) {
      throw new Error(`${type}: dataschema ${dataschema} does not end in a version number`);
    }
    return { topic: contract.topic, type, version, schema, io: contract.kind === 'command' ? 'input' : 'output' };
  });
}

function literalOf(schema: z.ZodObject, field: string, topic: string): string {
  const value = (schema.shape[field] as { value?: unknown } | undefined)?.value;
  if (typeof value !== 'string') {
    throw new Error(`a message schema of ${topic} has no literal "${field}": build it with eventSchema(type, version, data)`);
  }
  return value;
}

/** `talentmatch.posting.published` → `postingPublished`. */
export function messageIdOf(type: string): string {
  const [, ...words] = type.split('.');
  return words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

export function deadLetterChannelId(contract: TopicContract): string {
  return `${contract.channelId}DeadLetter`;
}

/** The Kafka key the contract prescribes for a message value. */
export function expectedKey(contract: TopicContract, value: { subject?: unknown; data?: unknown }): string {
  if (contract.kind === 'command') {
    const data = value.data as { organisationId?: unknown; externalId?: unknown } | undefined;
    return `${String(data?.organisationId)}/${String(data?.externalId)}`;
  }
  return String(value.subject);
}
