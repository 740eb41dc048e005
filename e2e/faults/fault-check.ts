import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeadLetterHeaders, deadLetterTopic, MatchEventTypes, Topics, type CandidateState, type PostingState } from '@talent/contracts';
import { matchId } from '@talent/matching';
import { scoreMatch } from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import type { RecordedMessage } from '@talent/testing';
import type { DataSet } from './data-set';
import { CONSUMED_TOPICS, type FaultPlatform } from './fault-platform';
import type { WebhookReceiver } from './webhook-receiver';

interface Envelope<T> {
  id: string;
  type: string;
  data: T;
}

/** Dead letters expected per `<topic>.dlq` and per service that wrote them (`dlq-service`). */
export type ExpectedDeadLetters = Partial<Record<string, Record<string, number>>>;

export interface Figures {
  scenario: string;
  records: number;
  poison: number;
  expectedMatches: number;
  /** From the first record sent until the platform settled. */
  durationMs: number;
  ingestMs: number;
  lastMatchEventMs: number | null;
  lastWebhookDeliveredMs: number | null;
  recordsPerSecond: number;
  matchesPerSecond: number;
  /** Chunks the pipelines had to send again (refused while the fault lasted). */
  resends: number;
  /** Copies of an event already on the topic (same CloudEvents id), from at-least-once relays. */
  topicCopies: Record<string, number>;
  webhookCalls: number;
  webhookFailedCalls: number;
  /** A webhook-id accepted (2xx) more than once: the receiver deduplicates these. */
  webhookRedeliveries: number;
  /** Handler failures retried by the consumers (`handler failed for … (attempt n)` log lines). */
  handlerRetries: number;
  deadLetters: Record<string, Record<string, number>>;
  [extra: string]: unknown;
}

/** One distinct event per recorded offset: a recorder that restarted may have read a message twice. */
function distinctMessages(messages: readonly RecordedMessage[]): RecordedMessage[] {
  const seen = new Map<string, RecordedMessage>();
  for (const message of messages) seen.set(`${message.partition}/${message.offset}`, message);
  return [...seen.values()];
}

function parsed<T>(messages: readonly RecordedMessage[]): Array<Envelope<T>> {
  return distinctMessages(messages).flatMap((message) => {
    try {
      const event = JSON.parse(message.value?.toString() ?? '') as Envelope<T>;
      return event && typeof event === 'object' && event.data && typeof event.data === 'object' ? [event] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Compares the settled platform with what the data set must produce, exactly: one event per
 * ingested record, one `found` event per expected match (computed with the matcher's scoring
 * rules from the states the services published), one accepted webhook per match, and the dead
 * letters expected. Returns every discrepancy (empty when none) and the scenario's figures.
 */
export async function checkOutcome(input: {
  scenario: string;
  set: DataSet;
  platform: FaultPlatform;
  receiver: WebhookReceiver;
  startedAt: number;
  ingestMs: number;
  resends: number;
  poison?: number;
  deadLetters?: ExpectedDeadLetters;
}): Promise<{ problems: string[]; figures: Figures }> {
  const { set, platform, receiver } = input;
  const problems: string[] = [];
  const durationMs = Date.now() - input.startedAt;
  const organisations = new Set(set.organisations);
  const topicCopies: Record<string, number> = {};

  // Ingestion: each record published once, as version 1.
  const states = <T extends { organisationId: string; externalId: string | null; version: number }>(topic: string, records: ReadonlyArray<{ externalId: string }>) => {
    const events = parsed<T>(platform.recorder.of(topic)).filter((event) => organisations.has(event.data.organisationId));
    topicCopies[topic] = events.length - new Set(events.map((event) => event.id)).size;
    const byExternalId = new Map<string, Array<Envelope<T>>>();
    for (const event of events) byExternalId.set(event.data.externalId ?? '', [...(byExternalId.get(event.data.externalId ?? '') ?? []), event]);
    for (const record of records) {
      const ids = new Set((byExternalId.get(record.externalId) ?? []).map((event) => event.id));
      if (ids.size !== 1) problems.push(`${topic}: ${record.externalId} published as ${ids.size} distinct events (expected 1)`);
    }
    if (byExternalId.size !== records.length) problems.push(`${topic}: ${byExternalId.size} records published, ${records.length} ingested`);
    for (const event of events) if (event.data.version !== 1) problems.push(`${topic}: ${event.data.externalId} has version ${event.data.version}`);
    return [...new Map(events.map((event) => [event.data.externalId, event.data])).values()];
  };
  const postings = states<PostingState>(Topics.postings, set.postings);
  const candidates = states<CandidateState>(Topics.candidates, set.candidates);

  // The matches the matcher's rules give for what was published.
  const expected = new Map<string, number>();
  for (const posting of postings) {
    for (const candidate of candidates) {
      if (candidate.organisationId !== posting.organisationId) continue;
      const result = scoreMatch(posting, candidate, defaultTaxonomy);
      if (result.eligible) expected.set(matchId(posting.id, candidate.id), result.score);
    }
  }
  const matchEvents = parsed<{ matchId: string; version: number; score: number; organisationId?: string }>(platform.recorder.of(Topics.matches)).filter(
    (event) => organisations.has(event.data.organisationId ?? ''),
  );
  topicCopies[Topics.matches] = matchEvents.length - new Set(matchEvents.map((event) => event.id)).size;
  const eventsByMatch = new Map<string, Set<string>>();
  for (const event of matchEvents) {
    const key = `${event.data.matchId} v${event.data.version}`;
    eventsByMatch.set(key, (eventsByMatch.get(key) ?? new Set()).add(event.id));
    if (!expected.has(event.data.matchId)) problems.push(`${Topics.matches}: unexpected ${event.type} for ${key}`);
    else if (event.type !== MatchEventTypes.found || event.data.version !== 1) problems.push(`${Topics.matches}: ${event.type} ${key} (expected found v1 only)`);
    else if (event.data.score !== expected.get(event.data.matchId)) problems.push(`${Topics.matches}: ${key} score ${event.data.score}, expected ${expected.get(event.data.matchId)}`);
  }
  for (const id of expected.keys()) {
    const events = eventsByMatch.get(`${id} v1`)?.size ?? 0;
    if (events !== 1) problems.push(`${Topics.matches}: ${id} v1 found ${events} times (distinct events), expected once`);
  }

  // Webhooks: one delivery (webhook-id) accepted per match version, signed.
  const deliveries = new Map<string, Set<string>>();
  for (const call of receiver.accepted) {
    const key = `${call.matchId} v${call.version}`;
    deliveries.set(key, (deliveries.get(key) ?? new Set()).add(call.webhookId));
    if (!expected.has(call.matchId) || call.version !== 1) problems.push(`webhook: unexpected delivery of ${key} (${call.type})`);
  }
  for (const id of expected.keys()) {
    const count = deliveries.get(`${id} v1`)?.size ?? 0;
    if (count !== 1) problems.push(`webhook: ${id} v1 delivered ${count} times, expected once`);
  }
  const unsigned = receiver.calls.filter((call) => !call.signatureValid).length;
  if (unsigned > 0) problems.push(`webhook: ${unsigned} calls with an invalid signature`);
  const acceptedIds = receiver.accepted.map((call) => call.webhookId);
  const [{ dead } = { dead: '0' }] = await platform.query<{ dead: string }>('notifier', `SELECT count(*) AS dead FROM deliveries WHERE status = 'dead_lettered'`);
  if (dead !== '0') problems.push(`notifier: ${dead} deliveries dead-lettered`);

  // Dead letters, per topic and per service that wrote them.
  const deadLetters: Record<string, Record<string, number>> = {};
  for (const topic of CONSUMED_TOPICS) {
    const dlq = deadLetterTopic(topic);
    const counts: Record<string, number> = {};
    for (const message of distinctMessages(platform.recorder.of(dlq))) {
      const service = message.headers[DeadLetterHeaders.service] ?? '?';
      counts[service] = (counts[service] ?? 0) + 1;
    }
    deadLetters[dlq] = counts;
    const wanted = input.deadLetters?.[dlq] ?? {};
    for (const service of new Set([...Object.keys(counts), ...Object.keys(wanted)])) {
      if ((counts[service] ?? 0) !== (wanted[service] ?? 0)) {
        problems.push(`${dlq}: ${counts[service] ?? 0} dead letters from ${service}, expected ${wanted[service] ?? 0}`);
      }
    }
  }

  // When each stage finished, from the first record sent: where the time went.
  const [matcher] = await platform.query<{ last: Date | null }>('matcher', 'SELECT max(created_at) AS last FROM outbox');
  const [notifier] = await platform.query<{ last: Date | null }>('notifier', `SELECT max(delivered_at) AS last FROM deliveries`);
  const since = (at: Date | null | undefined) => (at ? new Date(at).getTime() - input.startedAt : null);

  const seconds = durationMs / 1000;
  const figures: Figures = {
    scenario: input.scenario,
    records: set.postings.length + set.candidates.length,
    poison: input.poison ?? 0,
    expectedMatches: expected.size,
    durationMs,
    ingestMs: input.ingestMs,
    lastMatchEventMs: since(matcher?.last),
    lastWebhookDeliveredMs: since(notifier?.last),
    recordsPerSecond: Math.round((set.postings.length + set.candidates.length) / seconds),
    matchesPerSecond: Math.round(expected.size / seconds),
    resends: input.resends,
    topicCopies,
    webhookCalls: receiver.calls.length,
    webhookFailedCalls: receiver.calls.length - receiver.accepted.length,
    webhookRedeliveries: acceptedIds.length - new Set(acceptedIds).size,
    handlerRetries: countLogLines(platform.logDir, /handler failed for/),
    deadLetters,
  };
  return { problems: problems.slice(0, 50).concat(problems.length > 50 ? [`… and ${problems.length - 50} more`] : []), figures };
}

export function countLogLines(logDir: string, pattern: RegExp): number {
  let count = 0;
  for (const file of readdirSync(logDir).filter((name) => name.endsWith('.log'))) {
    for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) if (pattern.test(line)) count += 1;
  }
  return count;
}

/** Prints the figures and keeps them in tmp/faults/<scenario>.json for the summary. */
export function reportFigures(figures: Figures): void {
  const dir = join(__dirname, '..', '..', 'tmp', 'faults');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${figures.scenario}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`[faults] ${figures.scenario}: ${JSON.stringify(figures)}\n`);
}
