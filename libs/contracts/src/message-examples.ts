import type { MatchExplanation } from './match-events.schema';
import type { z } from 'zod';
import { dataSchemaUri } from './envelope.schema';
import type { topicSchemas, EventTypeOf } from './topic-map';
import { Topics, type Topic } from './topics';

/**
 * One example message per message type, as a client sees it on the wire: Kafka key, headers and
 * value. They are published in the AsyncAPI document (`nx run contracts:generate`), and the
 * contract tests check each one against its schema. When a schema changes, change its examples
 * here: the generator refuses examples that no longer validate.
 */
export interface MessageExample<TValue> {
  summary: string;
  key: string;
  headers: Record<string, string>;
  value: TValue;
}

type MessageOf<T extends Topic, K extends EventTypeOf<T>> = Extract<z.input<(typeof topicSchemas)[T]>, { type: K }>;

export type MessageExamples = {
  [T in Topic]: { [K in EventTypeOf<T>]: MessageExample<MessageOf<T, K>> };
};

/** A broken message a consumer dead-lettered; the reason header is what the consumer would write. */
export interface DeadLetterExample {
  summary: string;
  key: string;
  service: string;
  partition: number;
  offset: number;
  timestamp: string;
  failedAt: string;
  value: unknown;
}

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const cloudEventsHeaders = { 'content-type': 'application/cloudevents+json', traceparent };

const postingId = '0b6f3a52-8c1e-4d2b-9f47-3e1d5c7a9b10';
const candidateId = '5d2c7e91-4a3b-4f6e-a1d8-9c0b2e4f6a73';
/** The name-based id the matcher derives from the posting and candidate ids above. */
const matchId = '15c4a6ab-521d-5048-b599-6cf246c188f1';

const envelope = <TType extends string>(type: TType, id: string, source: string, subject: string, time: string) => ({
  specversion: '1.0' as const,
  id,
  type,
  source,
  time,
  subject,
  datacontenttype: 'application/json' as const,
  dataschema: dataSchemaUri(type, 1),
});

const postingFields = {
  title: 'Platform engineer',
  description: 'Builds and runs the event platform behind our hiring products.',
  location: { city: 'Berlin', country: 'DE' },
  workplace: 'hybrid' as const,
  employmentType: 'full-time' as const,
  experienceYears: { min: 3 },
  requiredSkills: ['TypeScript', { anyOf: ['Kafka', 'RabbitMQ'] }],
  preferredSkills: ['PostgreSQL', 'Go'],
};

const postingState = (version: number, status: 'open' | 'closed', updatedAt: string) => ({
  ...postingFields,
  id: postingId,
  organisationId: 'acme',
  externalId: 'REQ-2026-0042',
  status,
  version,
  createdAt: '2026-11-23T09:30:00.000Z',
  updatedAt,
});

const candidateMatching = {
  location: { city: 'Hamburg', country: 'DE' },
  workplacePreference: 'remote' as const,
  totalYearsExperience: 6,
  skills: [
    { name: 'TypeScript', years: 5, lastUsed: 2026 },
    { name: 'Kafka', years: 2 },
    { name: 'PostgreSQL' },
  ],
};

const candidateState = (version: number, status: 'active' | 'withdrawn', updatedAt: string) => ({
  ...candidateMatching,
  id: candidateId,
  organisationId: 'acme',
  externalId: 'CAND-7781',
  status,
  version,
  createdAt: '2026-11-23T09:31:00.000Z',
  updatedAt,
});

/** Explanations as the scoring model (libs/scoring) writes them, for the two example scores. */
const explanations: Record<90 | 100, MatchExplanation> = {
  90: {
    "summary": "2 of 2 required skills; 1 of 2 preferred skills; 6 years of experience, within the at least 3 years asked; hybrid in Berlin, DE; candidate in Berlin, DE (same city)",
    "matchedRequired": [
      {
        "requirement": "TypeScript",
        "skill": "TypeScript",
        "via": "exact",
        "candidateSkill": "TypeScript"
      },
      {
        "requirement": "one of Kafka, RabbitMQ",
        "skill": "Apache Kafka",
        "via": "exact",
        "candidateSkill": "Kafka"
      }
    ],
    "missingRequired": [],
    "matchedPreferred": [
      {
        "requirement": "PostgreSQL",
        "skill": "PostgreSQL",
        "via": "alias",
        "candidateSkill": "Postgres"
      }
    ],
    "missingPreferred": [
      "Go"
    ],
    "partialCredits": [],
    "experience": {
      "verdict": "within",
      "years": 6,
      "min": 3,
      "max": null,
      "detail": "6 years of experience, within the at least 3 years asked"
    },
    "location": {
      "workplace": "match",
      "place": "same-city",
      "detail": "hybrid in Berlin, DE; candidate in Berlin, DE (same city)"
    },
    "nearMiss": {
      "allowed": 0,
      "missing": 0,
      "penalty": 0
    },
    "categories": {
      "required": {
        "applicable": true,
        "score": 100,
        "weight": 45,
        "points": 45,
        "detail": "2 of 2 required skills"
      },
      "preferred": {
        "applicable": true,
        "score": 50,
        "weight": 20,
        "points": 10,
        "detail": "1 of 2 preferred skills"
      },
      "experience": {
        "applicable": true,
        "score": 100,
        "weight": 15,
        "points": 15,
        "detail": "6 years of experience, within the at least 3 years asked"
      },
      "location": {
        "applicable": true,
        "score": 100,
        "weight": 10,
        "points": 10,
        "detail": "hybrid in Berlin, DE; candidate in Berlin, DE (same city)"
      },
      "depth": {
        "applicable": true,
        "score": 100,
        "weight": 10,
        "points": 10,
        "detail": "2 of 2 required skills with 3+ years"
      }
    }
  },
  100: {
    "summary": "2 of 2 required skills; 2 of 2 preferred skills; 6 years of experience, within the at least 3 years asked; hybrid in Berlin, DE; candidate in Berlin, DE (same city)",
    "matchedRequired": [
      {
        "requirement": "TypeScript",
        "skill": "TypeScript",
        "via": "exact",
        "candidateSkill": "TypeScript"
      },
      {
        "requirement": "one of Kafka, RabbitMQ",
        "skill": "Apache Kafka",
        "via": "exact",
        "candidateSkill": "Kafka"
      }
    ],
    "missingRequired": [],
    "matchedPreferred": [
      {
        "requirement": "PostgreSQL",
        "skill": "PostgreSQL",
        "via": "alias",
        "candidateSkill": "Postgres"
      },
      {
        "requirement": "Go",
        "skill": "Go",
        "via": "alias",
        "candidateSkill": "Golang"
      }
    ],
    "missingPreferred": [],
    "partialCredits": [],
    "experience": {
      "verdict": "within",
      "years": 6,
      "min": 3,
      "max": null,
      "detail": "6 years of experience, within the at least 3 years asked"
    },
    "location": {
      "workplace": "match",
      "place": "same-city",
      "detail": "hybrid in Berlin, DE; candidate in Berlin, DE (same city)"
    },
    "nearMiss": {
      "allowed": 0,
      "missing": 0,
      "penalty": 0
    },
    "categories": {
      "required": {
        "applicable": true,
        "score": 100,
        "weight": 45,
        "points": 45,
        "detail": "2 of 2 required skills"
      },
      "preferred": {
        "applicable": true,
        "score": 100,
        "weight": 20,
        "points": 20,
        "detail": "2 of 2 preferred skills"
      },
      "experience": {
        "applicable": true,
        "score": 100,
        "weight": 15,
        "points": 15,
        "detail": "6 years of experience, within the at least 3 years asked"
      },
      "location": {
        "applicable": true,
        "score": 100,
        "weight": 10,
        "points": 10,
        "detail": "hybrid in Berlin, DE; candidate in Berlin, DE (same city)"
      },
      "depth": {
        "applicable": true,
        "score": 100,
        "weight": 10,
        "points": 10,
        "detail": "2 of 2 required skills with 3+ years"
      }
    }
  },
};

const matchState = (version: number, score: 90 | 100) => ({
  matchId,
  postingId,
  candidateId,
  organisationId: 'acme',
  postingTitle: postingFields.title,
  version,
  score,
  explanation: explanations[score],
});

const deliveryId = '0f1e2d3c-4b5a-4697-8877-665544332211';

const notificationAudit = (outcome: { attempts: number; statusCode: number | null; error: string | null; nextAttemptAt: string | null }) => ({
  deliveryId,
  channel: 'webhook' as const,
  mode: 'instant' as const,
  organisationId: 'acme',
  recruiterId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  endpointId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  matchIds: [matchId],
  ...outcome,
});

export const messageExamples: MessageExamples = {
  [Topics.postingsIngest]: {
    'talentmatch.posting.upsert': {
      summary: 'An applicant-tracking system publishes (or re-publishes) requisition REQ-2026-0042.',
      key: 'acme/REQ-2026-0042',
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.posting.upsert', '9a1f0c3e-2b4d-4e6f-8a7b-1c2d3e4f5a60', '/pipelines/acme-ats', 'acme/REQ-2026-0042', '2026-11-23T09:29:58.000Z'),
        data: { organisationId: 'acme', externalId: 'REQ-2026-0042', ...postingFields },
      },
    },
    'talentmatch.posting.close': {
      summary: 'The requisition was filled: close the posting.',
      key: 'acme/REQ-2026-0042',
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.posting.close', 'b2c3d4e5-f607-4819-a2b3-c4d5e6f70812', '/pipelines/acme-ats', 'acme/REQ-2026-0042', '2026-12-14T16:00:00.000Z'),
        data: { organisationId: 'acme', externalId: 'REQ-2026-0042' },
      },
    },
  },
  [Topics.candidatesIngest]: {
    'talentmatch.candidate.upsert': {
      summary: 'A sourcing pipeline publishes (or re-publishes) candidate CAND-7781, contact details included.',
      key: 'acme/CAND-7781',
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.candidate.upsert', 'c4d5e6f7-0819-4a2b-b3c4-d5e6f7081923', '/pipelines/acme-sourcing', 'acme/CAND-7781', '2026-11-23T09:30:58.000Z'),
        data: {
          organisationId: 'acme',
          externalId: 'CAND-7781',
          name: 'Ada Example',
          contact: { email: 'ada@example.org', phone: '+49 30 1234567' },
          ...candidateMatching,
        },
      },
    },
    'talentmatch.candidate.withdraw': {
      summary: 'The candidate withdrew from the process.',
      key: 'acme/CAND-7781',
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.candidate.withdraw', 'd5e6f708-192a-4b3c-84d5-e6f708192a34', '/pipelines/acme-sourcing', 'acme/CAND-7781', '2026-12-01T08:00:00.000Z'),
        data: { organisationId: 'acme', externalId: 'CAND-7781' },
      },
    },
  },
  [Topics.postings]: {
    'talentmatch.posting.published': {
      summary: 'A new posting, with its whole current state.',
      key: postingId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.posting.published', 'e6f70819-2a3b-4c4d-95e6-f708192a3b45', '/postings', postingId, '2026-11-23T09:30:00.120Z'),
        data: postingState(1, 'open', '2026-11-23T09:30:00.000Z'),
      },
    },
    'talentmatch.posting.updated': {
      summary: 'The posting changed: the event carries the whole new state (version 2).',
      key: postingId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.posting.updated', 'f708192a-3b4c-4d5e-a6f7-08192a3b4c56', '/postings', postingId, '2026-11-30T10:00:00.080Z'),
        data: postingState(2, 'open', '2026-11-30T10:00:00.000Z'),
      },
    },
    'talentmatch.posting.closed': {
      summary: 'The posting was closed; its matches are withdrawn.',
      key: postingId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.posting.closed', '08192a3b-4c5d-4e6f-b708-192a3b4c5d67', '/postings', postingId, '2026-12-14T16:00:00.090Z'),
        data: postingState(3, 'closed', '2026-12-14T16:00:00.000Z'),
      },
    },
  },
  [Topics.candidates]: {
    'talentmatch.candidate.registered': {
      summary: 'A new candidate: matching attributes only, no name or contact details.',
      key: candidateId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.candidate.registered', '192a3b4c-5d6e-4f70-8819-2a3b4c5d6e78', '/candidates', candidateId, '2026-11-23T09:31:00.110Z'),
        data: candidateState(1, 'active', '2026-11-23T09:31:00.000Z'),
      },
    },
    'talentmatch.candidate.updated': {
      summary: 'The candidate changed: the event carries the whole new state (version 2).',
      key: candidateId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.candidate.updated', '2a3b4c5d-6e7f-4081-9a2b-3c4d5e6f7089', '/candidates', candidateId, '2026-11-25T12:00:00.070Z'),
        data: candidateState(2, 'active', '2026-11-25T12:00:00.000Z'),
      },
    },
    'talentmatch.candidate.withdrawn': {
      summary: 'The candidate withdrew; their matches are withdrawn.',
      key: candidateId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.candidate.withdrawn', '3b4c5d6e-7f80-4192-ab3c-4d5e6f708190', '/candidates', candidateId, '2026-12-01T08:00:00.060Z'),
        data: candidateState(3, 'withdrawn', '2026-12-01T08:00:00.000Z'),
      },
    },
    'talentmatch.candidate.erased': {
      summary: 'The candidate was erased at their request (`DELETE /candidates/{id}`): ids only. A tombstone (this key, no value) follows.',
      key: candidateId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.candidate.erased', '4c5d6e7f-8091-42a3-bc4d-5e6f70819201', '/candidates', candidateId, '2026-12-02T10:00:00.040Z'),
        data: { id: candidateId, organisationId: 'acme', version: 4, erasedAt: '2026-12-02T10:00:00.000Z' },
      },
    },
  },
  [Topics.matches]: {
    'talentmatch.match.found': {
      summary: 'The candidate fits the posting: score and reasons.',
      key: matchId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.match.found', '4c5d6e7f-8091-42a3-bc4d-5e6f708192a3', '/matcher', matchId, '2026-11-23T09:31:00.250Z'),
        data: matchState(1, 90),
      },
    },
    'talentmatch.match.updated': {
      summary: 'The score or its explanation changed (the candidate added Go).',
      key: matchId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.match.updated', '5d6e7f80-91a2-43b4-8d5e-6f708192a3b4', '/matcher', matchId, '2026-11-25T12:00:00.240Z'),
        data: matchState(2, 100),
      },
    },
    'talentmatch.match.withdrawn': {
      summary: 'The pair no longer matches (posting closed, candidate withdrawn, or a required skill lost).',
      key: matchId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.match.withdrawn', '6e7f8091-a2b3-44c5-9e6f-708192a3b4c5', '/matcher', matchId, '2026-12-14T16:00:00.300Z'),
        data: matchState(3, 100),
      },
    },
  },
  [Topics.notifications]: {
    'talentmatch.notification.delivered': {
      summary: 'The match was delivered to a recruiter’s webhook endpoint at the first attempt.',
      key: deliveryId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.notification.delivered', 'c4d5e6f7-0819-4a2b-84c5-d6e7f8091a2b', '/notifier', deliveryId, '2026-12-14T16:00:01.100Z'),
        data: notificationAudit({ attempts: 1, statusCode: 204, error: null, nextAttemptAt: null }),
      },
    },
    'talentmatch.notification.failed': {
      summary: 'An attempt failed; the next one is scheduled with exponential backoff.',
      key: deliveryId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.notification.failed', 'd5e6f708-192a-4b3c-95d6-e7f8091a2b3c', '/notifier', deliveryId, '2026-12-14T16:00:01.100Z'),
        data: notificationAudit({ attempts: 1, statusCode: 503, error: 'HTTP 503 Service Unavailable', nextAttemptAt: '2026-12-14T16:00:03.100Z' }),
      },
    },
    'talentmatch.notification.dead_lettered': {
      summary: 'The last attempt failed: no more retries; the delivery stays in the endpoint’s delivery log.',
      key: deliveryId,
      headers: cloudEventsHeaders,
      value: {
        ...envelope('talentmatch.notification.dead_lettered', 'e6f70819-2a3b-4c4d-a6e7-f8091a2b3c4d', '/notifier', deliveryId, '2026-12-14T16:05:00.000Z'),
        data: notificationAudit({ attempts: 8, statusCode: null, error: 'timed out after 5000 ms', nextAttemptAt: null }),
      },
    },
  },
};

/** Per consumed topic: a message its consumer could not accept, as it lands on `<topic>.dlq`. */
export const deadLetterExamples: Partial<Record<Topic, DeadLetterExample>> = {
  [Topics.postingsIngest]: {
    summary: 'An upsert without any required skill, dead-lettered by the postings service.',
    key: 'acme/REQ-2026-0043',
    service: 'postings',
    partition: 2,
    offset: 41,
    timestamp: '1763890200000',
    failedAt: '2026-11-23T09:30:00.412Z',
    value: {
      ...envelope('talentmatch.posting.upsert', '7f8091a2-b3c4-45d6-af70-8192a3b4c5d6', '/pipelines/acme-ats', 'acme/REQ-2026-0043', '2026-11-23T09:30:00.000Z'),
      data: { organisationId: 'acme', externalId: 'REQ-2026-0043', title: 'Data engineer', requiredSkills: [] },
    },
  },
  [Topics.candidatesIngest]: {
    summary: 'An upsert whose e-mail address is not one, dead-lettered by the candidates service.',
    key: 'acme/CAND-7782',
    service: 'candidates',
    partition: 0,
    offset: 7,
    timestamp: '1763890260000',
    failedAt: '2026-11-23T09:31:00.377Z',
    value: {
      ...envelope('talentmatch.candidate.upsert', '8091a2b3-c4d5-46e7-8081-92a3b4c5d6e7', '/pipelines/acme-sourcing', 'acme/CAND-7782', '2026-11-23T09:31:00.000Z'),
      data: { organisationId: 'acme', externalId: 'CAND-7782', name: 'Grace Example', contact: { email: 'grace at example.org' }, skills: [{ name: 'Python' }] },
    },
  },
  [Topics.postings]: {
    summary: 'A posting event of an unknown type, dead-lettered by the matcher.',
    key: postingId,
    service: 'matcher',
    partition: 1,
    offset: 1204,
    timestamp: '1763890200120',
    failedAt: '2026-11-23T09:30:00.501Z',
    value: {
      ...envelope('talentmatch.posting.archived', '91a2b3c4-d5e6-47f8-9192-a3b4c5d6e7f8', '/postings', postingId, '2026-11-23T09:30:00.120Z'),
      data: postingState(4, 'closed', '2026-11-23T09:30:00.000Z'),
    },
  },
  [Topics.candidates]: {
    summary: 'A candidate event with version 0 (versions start at 1), dead-lettered by the matcher.',
    key: candidateId,
    service: 'matcher',
    partition: 3,
    offset: 877,
    timestamp: '1763890260110',
    failedAt: '2026-11-23T09:31:00.480Z',
    value: {
      ...envelope('talentmatch.candidate.registered', 'a2b3c4d5-e6f7-4809-a2a3-b4c5d6e7f809', '/candidates', candidateId, '2026-11-23T09:31:00.110Z'),
      data: candidateState(0, 'active', '2026-11-23T09:31:00.000Z'),
    },
  },
  [Topics.matches]: {
    summary: 'A match event whose score is out of range, dead-lettered by the notifier.',
    key: matchId,
    service: 'notifier',
    partition: 0,
    offset: 318,
    timestamp: '1763890260250',
    failedAt: '2026-11-23T09:31:00.733Z',
    value: {
      ...envelope('talentmatch.match.found', 'b3c4d5e6-f708-491a-b3b4-c5d6e7f8091a', '/matcher', matchId, '2026-11-23T09:31:00.250Z'),
      data: { ...matchState(1, 90), score: 185 },
    },
  },
};
