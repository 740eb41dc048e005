import { Client } from 'pg';
import { CandidateEventTypes, createEvent, PostingEventTypes, Topics } from '@talent/contracts';
import { expectEventually } from '@talent/testing';
import type { BenchOptions } from '../bench-options';
import type { BenchPlatform } from '../bench-platform';
import { round, type MeasureResult } from '../bench-result';
import { committed, connectedProducer, createTopics, produceAll, topicEnd, waitCaughtUp } from '../kafka-probes';
import { SyntheticData } from '../synthetic-data';

const GROUP = 'bench-matcher';
const INSTANCE = 'bench-1';
const PIPE_TOPIC = 'bench.pipe.v1';
const TIMEOUT_MS = 15 * 60_000;

/**
 * Measure 1: candidate events per second through the matcher (consumed, applied, their match
 * events written and relayed to matches.v1) with the open postings loaded, against a bare kafkajs
 * consume→produce pipe reading the same events from the same topic on the same broker (eachBatch,
 * one produce request per batch with the services' producer settings, offsets committed after the
 * produce): the limit of this broker and client.
 */
export async function measureThroughput(options: BenchOptions, platform: BenchPlatform): Promise<MeasureResult> {
  const started = performance.now();
  const kafka = platform.kafka('bench-throughput');
  await createTopics(kafka, [Topics.postings, Topics.candidates, Topics.matches, PIPE_TOPIC]);
  const admin = kafka.admin();
  await admin.connect();
  const producer = await connectedProducer(kafka);
  try {
    // The postings are dealt to organisations of `postingsPerOrganisation` each (candidates too):
    // with all in one, the dense generated data gives every candidate ~1,100 matches at 10,000
    // postings, which measures the database rather than the matcher.
    const organisations = Math.max(1, Math.round(options.postings / options.postingsPerOrganisation));
    const data = new SyntheticData(options.seed);
    const postingEvents = data.postings(options.postings, organisations).map((posting) => ({
      key: posting.id,
      value: JSON.stringify(createEvent({ topic: Topics.postings, type: PostingEventTypes.published, source: '/postings', subject: posting.id, data: posting })),
    }));
    const candidateEvents = data.candidates(options.throughputEvents, organisations).map((candidate) => ({
      key: candidate.id,
      value: JSON.stringify(createEvent({ topic: Topics.candidates, type: CandidateEventTypes.registered, source: '/candidates', subject: candidate.id, data: candidate })),
    }));
    await produceAll(producer, Topics.postings, postingEvents);

    // The matcher loads the open postings from its topic, as a new instance would.
    const databaseUrl = platform.database('matcher');
    let t = performance.now();
    const matcher = await platform.startService('matcher', { DATABASE_URL: databaseUrl, KAFKA_GROUP_ID: GROUP, MATCHER_INSTANCE_ID: INSTANCE }, 'throughput-matcher');
    await waitCaughtUp(admin, `${GROUP}.postings.${INSTANCE}`, Topics.postings, TIMEOUT_MS);
    const postingsLoadSeconds = (performance.now() - t) / 1000;

    const matchesBefore = await topicEnd(admin, Topics.matches);
    t = performance.now();
    await produceAll(producer, Topics.candidates, candidateEvents);
    const produceSeconds = (performance.now() - t) / 1000;
    await waitCaughtUp(admin, GROUP, Topics.candidates, TIMEOUT_MS);
    await outboxDrained(databaseUrl);
    const matcherSeconds = (performance.now() - t) / 1000;
    const matchEvents = (await topicEnd(admin, Topics.matches)) - matchesBefore;
    await platform.stopService(matcher);

    const pipeSeconds = await barePipe(platform, options.throughputEvents);
    if ((await committed(admin, GROUP, Topics.candidates)) < options.throughputEvents) throw new Error('throughput: the matcher did not commit every event');

    return {
      name: 'throughput',
      rows: [
        {
          measure: `matcher throughput (${options.postings.toLocaleString('en')} open postings)`,
          unit: 'events/s',
          ours: round(options.throughputEvents / matcherSeconds),
          baseline: round(options.throughputEvents / pipeSeconds),
          baselineName: 'bare kafkajs consume→produce pipe',
          better: 'higher',
        },
      ],
      details: {
        candidateEvents: options.throughputEvents,
        openPostings: options.postings,
        organisations,
        matchEventsEmitted: matchEvents,
        matchEventsPerSecond: round(matchEvents / matcherSeconds),
        seconds: { matcher: round(matcherSeconds, 2), pipe: round(pipeSeconds, 2), produceInput: round(produceSeconds, 2), postingsLoad: round(postingsLoadSeconds, 2) },
        postingEventsPerSecond: round(options.postings / postingsLoadSeconds),
        note: 'matcher: from the first candidate event produced until the group committed the last one and its outbox was empty',
      },
      seconds: round((performance.now() - started) / 1000),
    };
  } finally {
    await producer.disconnect();
    await admin.disconnect();
  }
}

async function outboxDrained(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await expectEventually(
      async () => {
        const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
        if ((rows[0]?.n ?? 0) > 0) throw new Error(`${rows[0]?.n} match events not yet relayed`);
      },
      { timeoutMs: TIMEOUT_MS, intervalMs: 100 },
    );
  } finally {
    await client.end();
  }
}

/** The baseline: consume the candidate events, produce one message per event, commit; seconds taken. */
async function barePipe(platform: BenchPlatform, events: number): Promise<number> {
  const kafka = platform.kafka('bench-pipe');
  const producer = await connectedProducer(kafka);
  const consumer = kafka.consumer({ groupId: 'bench-pipe', maxWaitTimeInMs: 100 });
  const admin = kafka.admin();
  await Promise.all([consumer.connect(), admin.connect()]);
  try {
    await consumer.subscribe({ topics: [Topics.candidates], fromBeginning: true });
    const started = performance.now();
    await consumer.run({
      autoCommit: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        if (batch.messages.length === 0) return;
        await producer.send({
          topic: PIPE_TOPIC,
          acks: -1,
          messages: batch.messages.map((message) => ({ key: message.key, value: message.value, headers: message.headers })),
        });
        const last = batch.messages[batch.messages.length - 1]!;
        payload.resolveOffset(last.offset);
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(Number(last.offset) + 1) }]);
        await payload.heartbeat();
      },
    });
    await expectEventually(
      async () => {
        const done = await committed(admin, 'bench-pipe', Topics.candidates);
        if (done < events) throw new Error(`pipe: ${done} of ${events}`);
      },
      { timeoutMs: TIMEOUT_MS, intervalMs: 50 },
    );
    return (performance.now() - started) / 1000;
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  }
}
