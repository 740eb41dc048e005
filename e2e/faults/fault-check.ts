import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeadLetterHeaders, deadLetterTopic, MatchEventTypes, Topics, type CandidateState, type PostingState } from '@talent/contracts';
import { matchId } from '@talent/matching';
import { scoreMatch } from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import { OUTBOX_RELAY_BATCH } from '@talent/outbox';
import type { RecordedMessage } from '@talent/testing';
import type { DataSet } from './data-set';
import { CONSUMED_TOPICS } from './fault-platform';
import type { ReceivedCall } from './webhook-receiver';

/** What the check reads from a settled platform: the recorded topics, the services' databases, their logs. */
export interface SettledPlatform {
  recorder: { of(topic: string): readonly RecordedMessage[] };
  query<T extends Record<string, unknown>>(service: 'postings' | 'candidates' | 'matcher' | 'notifier', sql: string): Promise<T[]>;
  logDir: string;
}

/** What the check reads from the webhook receiver. */
export interface ReceivedCalls {
  calls: readonly ReceivedCall[];
  accepted: readonly ReceivedCall[];
}

/**
 * How many copies the at-least-once paths may add, as fractions: of the events of each state topic
 * and of the matches, events published again by a relay that lost the broker's acknowledgement
 * (same CloudEvents id, absorbed downstream); of the matches, webhook calls repeating an accepted
 * `webhook-id` (receivers deduplicate by it). Zero unless a scenario's fault disrupts the path.
 */
export interface DuplicateBounds {
  topicCopies: number;
  /** Copies on top of `topicCopies`, as a count: one relay batch sent again whole. */
  relayBatch?: number;
  webhookRedeliveries: number;
  /**
   * Calls on top of `webhookRedeliveries`, as a count: what a notifier killed with SIGKILL had sent
   * and not yet recorded (see `inFlightAtKill`). Zero unless a scenario kills the notifier.
   */
  webhookInFlight?: number;
}

export const NO_DUPLICATES: DuplicateBounds = { topicCopies: 0, webhookRedeliveries: 0 };

/**
 * The bound where a fault disrupts a relay or the notifier (the broker or the database away, a
 * commit's answer lost, a process killed): up to a quarter of a topic's events published again plus
 * one whole relay batch (`relayBatch`: a relay whose acknowledgement or `published_at` write is lost
 * sends its batch again as a whole, so one such loss can copy up to a batch, however few events the
 * topic has), and up to 1 % of the matches' accepted webhook-ids sent again. Measured in
 * `postgres-terminate`: 196 copies of 1,800 candidate events (11 %), 63 of 200 posting events,
 * 4 of 1,231 webhook-ids (0.3 %). README, "Delivery guarantees", says the same.
 */
export const AT_LEAST_ONCE: DuplicateBounds = { topicCopies: 0.25, relayBatch: OUTBOX_RELAY_BATCH, webhookRedeliveries: 0.01 };

/**
 * What a notifier killed with SIGKILL may send again, from how it works rather than from a
 * measurement: a call whose answer came but whose outcome was not yet committed is claimed again
 * once its lease runs out. At most `perDestination` calls are in flight to the one endpoint, and
 * while one outcome write is under way the freed slots may each finish one more call; so at most
 * twice the per-destination limit per kill. (Measured: 23 of 1,231 with the limit at 32.)
 */
export function inFlightAtKill(kills: number, perDestination: number): number {
  return kills * 2 * perDestination;
}

/**
 * The matches a data set must produce, from the records themselves (not from what the services
 * published, not with the production scorer): a candidate of the posting's organisation holding
 * every required skill, by name (the data set writes skills as the taxonomy names them and sets no
 * place, so nothing else gates).
 */
export function expectedPairs(set: DataSet): Array<{ posting: string; candidate: string }> {
  const pairs: Array<{ posting: string; candidate: string }> = [];
  // Candidates by organisation (a posting pairs only within its own), each with the skills held.
  const candidatesOf = new Map<string, Array<{ externalId: string; held: Set<string> }>>();
  for (const candidate of set.candidates) {
    const list = candidatesOf.get(candidate.organisationId) ?? [];
    list.push({ externalId: candidate.externalId, held: new Set(candidate.skills.map((skill) => skill.name)) });
    candidatesOf.set(candidate.organisationId, list);
  }
  for (const posting of set.postings) {
    for (const candidate of candidatesOf.get(posting.organisationId) ?? []) {
      if (posting.requiredSkills.every((required) => typeof required === 'string' && candidate.held.has(required))) pairs.push({ posting: posting.externalId, candidate: candidate.externalId });
    }
  }
  return pairs;
}

/**
 * How many matches `expectedPairs` gives for the data sets the suite runs, counted when the data
 * set was designed: a change to the generator or to the oracle that shifts them (or empties them)
 * fails here before anything is compared.
 */
export const KNOWN_MATCH_COUNTS: Readonly<Record<number, number>> = { 100: 54, 500: 311, 1000: 607, 2000: 1231 };

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
  platform: SettledPlatform;
  receiver: ReceivedCalls;
  startedAt: number;
  ingestMs: number;
  resends: number;
  poison?: number;
  deadLetters?: ExpectedDeadLetters;
  duplicates?: DuplicateBounds;
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

  // What was published says what was sent.
  const postingOf = new Map(postings.map((posting) => [posting.externalId, posting]));
  const candidateOf = new Map(candidates.map((candidate) => [candidate.externalId, candidate]));
  for (const record of set.postings) {
    const state = postingOf.get(record.externalId);
    if (state && (state.organisationId !== record.organisationId || state.title !== record.title || JSON.stringify(state.requiredSkills) !== JSON.stringify(record.requiredSkills) || JSON.stringify(state.preferredSkills) !== JSON.stringify(record.preferredSkills ?? []))) {
      problems.push(`${Topics.postings}: ${record.externalId} published ${JSON.stringify({ title: state.title, requiredSkills: state.requiredSkills, preferredSkills: state.preferredSkills })}, sent ${JSON.stringify({ title: record.title, requiredSkills: record.requiredSkills, preferredSkills: record.preferredSkills })}`);
    }
  }
  for (const record of set.candidates) {
    const state = candidateOf.get(record.externalId);
    const sent = record.skills.map((skill) => `${skill.name}:${skill.years ?? ''}`).join(',');
    const published = state?.skills.map((skill) => `${skill.name}:${skill.years ?? ''}`).join(',');
    if (state && (state.organisationId !== record.organisationId || published !== sent)) {
      problems.push(`${Topics.candidates}: ${record.externalId} published [${published}], sent [${sent}]`);
    }
  }

  // The matches the records call for (the test's own oracle); the score is the one the matcher's
  // rules give the published states (that the pipeline carries the scorer's figure unchanged).
  const pairs = expectedPairs(set);
  const records = set.postings.length + set.candidates.length;
  const known = KNOWN_MATCH_COUNTS[records];
  if (known !== undefined && pairs.length !== known) problems.push(`the data set of ${records} records calls for ${pairs.length} matches, ${known} when it was designed`);
  if (pairs.length === 0) problems.push('the data set calls for no match: nothing would be checked');
  const expected = new Map<string, number>();
  for (const pair of pairs) {
    const posting = postingOf.get(pair.posting);
    const candidate = candidateOf.get(pair.candidate);
    if (!posting || !candidate) continue; // reported above as not published
    expected.set(matchId(posting.id, candidate.id), scoreMatch(posting, candidate, defaultTaxonomy).score);
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
  // Duplicates, within the scenario's bounds.
  const bounds = input.duplicates ?? NO_DUPLICATES;
  for (const [topic, copies] of Object.entries(topicCopies)) {
    const events = topic === Topics.postings ? set.postings.length : topic === Topics.candidates ? set.candidates.length : pairs.length;
    const limit = Math.floor(bounds.topicCopies * events) + (bounds.relayBatch ?? 0);
    if (copies > limit) problems.push(`${topic}: ${copies} copies of events already on the topic, at most ${limit} allowed`);
  }
  const redeliveries = receiver.accepted.length - new Set(receiver.accepted.map((call) => call.webhookId)).size;
  const redeliveryLimit = Math.floor(bounds.webhookRedeliveries * pairs.length) + (bounds.webhookInFlight ?? 0);
  if (redeliveries > redeliveryLimit) problems.push(`webhook: ${redeliveries} accepted webhook-ids sent again, at most ${redeliveryLimit} allowed`);
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
