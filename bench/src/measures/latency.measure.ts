import { createServer, type Server } from 'node:http';
import type { Admin, Kafka, Message, Producer } from 'kafkajs';
import { Client } from 'pg';
import { CandidateCommandTypes, createEvent, MatchEventTypes, PostingEventTypes, Topics, type PostingState } from '@talent/contracts';
import { expectEventually } from '@talent/testing';
import type { BenchOptions } from '../bench-options';
import { freePort, type BenchPlatform } from '../bench-platform';
import { percentile, round, type BenchRow, type MeasureResult } from '../bench-result';
import { committed, connectedProducer, createTopics, topicEnd } from '../kafka-probes';
import { stableUuid } from '../synthetic-data';

const ORGANISATION = 'latency';
const ROUND_TRIP_TOPIC = 'bench.roundtrip.v1';

interface RateFigures {
  rate: number;
  sent: number;
  delivered: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Measure 2: end-to-end latency from an ingest command (candidates.ingest.v1) to the webhook call
 * the notifier makes for the match it causes, at fixed offered rates (open loop: commands go out on
 * schedule whether or not the platform keeps up), against the broker's own produce→consume round
 * trip at the same rates. Candidates, matcher and notifier run as processes; every candidate
 * matches exactly one open posting, so each command yields one notification. A command whose
 * notification has not arrived `drainSeconds` after the last one was sent counts at that bound.
 */
export async function measureLatency(options: BenchOptions, platform: BenchPlatform): Promise<MeasureResult> {
  const started = performance.now();
  const kafka = platform.kafka('bench-latency');
  await createTopics(kafka, [Topics.candidatesIngest, Topics.candidates, Topics.postings, Topics.matches, Topics.notifications, ROUND_TRIP_TOPIC]);
  const received = new Map<string, number>();
  const hookPort = await freePort();
  const hook = await webhookReceiver(hookPort, received);
  const candidatesDb = platform.database('candidates');
  const producer = await connectedProducer(kafka);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await Promise.all([
      platform.startService('candidates', { DATABASE_URL: candidatesDb }, 'latency-candidates'),
      platform.startService('matcher', { DATABASE_URL: platform.database('matcher'), KAFKA_GROUP_ID: 'bench-latency', MATCHER_INSTANCE_ID: 'bench-1' }, 'latency-matcher'),
      platform.startService(
        'notifier',
        { DATABASE_URL: platform.database('notifier'), NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hook`, WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8' },
        'latency-notifier',
      ),
    ]);
    await producer.send({ topic: Topics.postings, acks: -1, messages: [postingEvent()] });
    // Warm-up: one command all the way through (the posting is then known everywhere).
    await producer.send({ topic: Topics.candidatesIngest, acks: -1, messages: [command('warm-up')] });
    await expectEventually(() => {
      if (received.size < 1) throw new Error('no notification for the warm-up candidate yet');
    }, { timeoutMs: 60_000 });

    // Where the events wait when the last command of a rate has been sent: what is not yet
    // committed by each stage's consumer group.
    const backlogs: Array<Record<string, number>> = [];
    const carriedOver: Array<{ rate: number; commands: number }> = [];
    const ours: RateFigures[] = [];
    const broker: RateFigures[] = [];
    const db = new Client({ connectionString: candidatesDb });
    await db.connect();
    try {
      let offered = 1; // the warm-up
      for (const rate of options.rates) {
        // Each rate starts from an idle pipeline (or as idle as it gets within the drain time), so a
        // backlog left by the previous rate is not charged to this one; what remains is reported.
        const settleUntil = Date.now() + options.drainSeconds * 1000;
        while (received.size < offered && Date.now() < settleUntil) await new Promise((resolve) => setTimeout(resolve, 100));
        carriedOver.push({ rate, commands: offered - received.size });
        const count = Math.round(rate * options.rateSeconds);
        offered += count;
        const sentAt = await offer(producer, Topics.candidatesIngest, rate, count, (i) => command(`r${rate}-${i}`));
        backlogs.push({ rate, ...(await stageBacklogs(admin)) });
        const expected = offered;
        const deadline = Date.now() + options.drainSeconds * 1000;
        while (received.size < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        const { rows } = await db.query<{ id: string; external_id: string }>(
          'SELECT id, external_id FROM candidates WHERE organisation_id = $1 AND external_id LIKE $2',
          [ORGANISATION, `r${rate}-%`],
        );
        const ids = new Map(rows.map((row) => [row.external_id, row.id]));
        const bound = deadline - Date.now() > 0 ? Date.now() : deadline;
        const latencies = sentAt.map((sent, i) => {
          const id = ids.get(`r${rate}-${i}`);
          const at = id === undefined ? undefined : received.get(id);
          return (at ?? bound) - sent;
        });
        const delivered = sentAt.filter((_, i) => received.has(ids.get(`r${rate}-${i}`) ?? '')).length;
        ours.push(figures(rate, latencies, delivered));
        broker.push(await roundTrip(kafka, producer, rate, count));
      }
    } finally {
      await db.end();
    }
    const rows: BenchRow[] = ours.flatMap((figure, i) => {
      const base = broker[i]!;
      return (['p50', 'p95', 'p99'] as const).map((p) => ({
        measure: `latency ingest → notification at ${figure.rate}/s, ${p}`,
        unit: 'ms',
        ours: figure[p],
        baseline: base[p],
        baselineName: 'broker produce→consume round trip',
        better: 'lower' as const,
      }));
    });
    return {
      name: 'latency',
      rows,
      details: {
        rates: options.rates,
        secondsPerRate: options.rateSeconds,
        drainSeconds: options.drainSeconds,
        ours,
        brokerRoundTrip: broker,
        backlogWhenSendingEnded: backlogs,
        undeliveredBeforeRateStarted: carriedOver,
        note: 'undelivered notifications count at the drain deadline (a lower bound); `delivered` says how many arrived',
      },
      seconds: round((performance.now() - started) / 1000),
    };
  } finally {
    await producer.disconnect();
    await admin.disconnect();
    await new Promise((resolve) => hook.close(resolve));
  }
}

/** Messages each stage has not yet committed: candidates (ingest), matcher, notifier. */
async function stageBacklogs(admin: Admin): Promise<Record<string, number>> {
  const stages: Array<[string, string, string]> = [
    ['candidates', 'candidates', Topics.candidatesIngest],
    ['matcher', 'bench-latency', Topics.candidates],
    ['notifier', 'notifier', Topics.matches],
  ];
  const result: Record<string, number> = {};
  for (const [stage, group, topic] of stages) result[stage] = (await topicEnd(admin, topic)) - (await committed(admin, group, topic));
  return result;
}

function figures(rate: number, latencies: number[], delivered: number): RateFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    rate,
    sent: latencies.length,
    delivered,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/**
 * Sends `count` messages at `rate` per second, open loop: message i is due at start + i / rate and
 * its latency counts from then (so a slow send cannot hide queueing). One request is in flight at a
 * time, carrying everything due by then, as a producer with linger would.
 */
async function offer(producer: Producer, topic: string, rate: number, count: number, message: (i: number) => Message): Promise<number[]> {
  const start = Date.now();
  const dueAt = Array.from({ length: count }, (_, i) => start + Math.floor((i * 1000) / rate));
  let next = 0;
  while (next < count) {
    const due = Math.min(count, Math.floor(((Date.now() - start) * rate) / 1000) + 1);
    if (due > next) {
      const batch = Array.from({ length: due - next }, (_, j) => message(next + j));
      next = due;
      await producer.send({ topic, acks: -1, messages: batch });
    } else {
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, (dueAt[next] ?? 0) - Date.now())));
    }
  }
  return dueAt;
}

/** The baseline at one rate: produce on schedule, consume with a group of its own, time each message. */
async function roundTrip(kafka: Kafka, producer: Producer, rate: number, count: number): Promise<RateFigures> {
  const consumer = kafka.consumer({ groupId: `bench-roundtrip-${rate}`, maxWaitTimeInMs: 100 });
  const arrived = new Map<number, number>();
  await consumer.connect();
  try {
    // From the beginning: earlier rates' messages are skipped, and none of this rate's can be missed.
    await consumer.subscribe({ topics: [ROUND_TRIP_TOPIC], fromBeginning: true });
    let assigned = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (assigned = true));
    await consumer.run({
      eachMessage: async ({ message }) => {
        const [run, index] = String(message.value).split('/');
        if (Number(run) === rate) arrived.set(Number(index), Date.now());
        return Promise.resolve();
      },
    });
    await expectEventually(() => {
      if (!assigned) throw new Error('round-trip consumer not assigned yet');
    }, { timeoutMs: 30_000 });
    // Warm-up: one message through, so the timing starts with the consumer fetching.
    await producer.send({ topic: ROUND_TRIP_TOPIC, acks: -1, messages: [{ key: 'warm-up', value: `${rate}/-1` }] });
    await expectEventually(() => {
      if (!arrived.has(-1)) throw new Error('round-trip warm-up not consumed yet');
    }, { timeoutMs: 30_000, intervalMs: 20 });
    arrived.delete(-1);
    const sentAt = await offer(producer, ROUND_TRIP_TOPIC, rate, count, (i) => ({ key: String(i), value: `${rate}/${i}` }));
    await expectEventually(() => {
      if (arrived.size < count) throw new Error(`round trip: ${arrived.size} of ${count}`);
    }, { timeoutMs: 60_000, intervalMs: 50 });
    return figures(rate, sentAt.map((sent, i) => (arrived.get(i) ?? Number.NaN) - sent), arrived.size);
  } finally {
    await consumer.disconnect();
  }
}

function postingEvent(): Message {
  const now = new Date().toISOString();
  const posting: PostingState = {
    id: stableUuid('latency-posting'),
    organisationId: ORGANISATION,
    externalId: 'latency-posting',
    title: 'Backend engineer',
    requiredSkills: ['TypeScript'],
    preferredSkills: ['PostgreSQL'],
    status: 'open',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return {
    key: posting.id,
    value: JSON.stringify(createEvent({ topic: Topics.postings, type: PostingEventTypes.published, source: '/postings', subject: posting.id, data: posting })),
  };
}

function command(externalId: string): Message {
  const event = createEvent({
    topic: Topics.candidatesIngest,
    type: CandidateCommandTypes.upsert,
    source: '/bench',
    subject: `${ORGANISATION}/${externalId}`,
    data: { organisationId: ORGANISATION, externalId, name: `Candidate ${externalId}`, skills: [{ name: 'TypeScript', years: 4 }, { name: 'PostgreSQL' }] },
  });
  return { key: `${ORGANISATION}/${externalId}`, value: JSON.stringify(event) };
}

/** The operator's webhook endpoint: records when the first `found` of each candidate arrived. */
function webhookReceiver(port: number, received: Map<string, number>): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = Date.now();
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString()) as { type?: string; data?: { candidateId?: string } };
        const id = event.data?.candidateId;
        if (event.type === MatchEventTypes.found && id && !received.has(id)) received.set(id, at);
      } catch {
        // not a match event (e.g. a digest): not what this measure waits for
      }
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
