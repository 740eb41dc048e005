import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { CandidateCommandTypes, createEvent, DeadLetterHeaders, deadLetterTopic, Topics, type EventOf } from '@talent/contracts';
import { EventInbox, MAX_HANDLER_ATTEMPTS, type BatchHandler } from './event-inbox';
import { EventPublisher } from './event-publisher';
import { GroupConsumer } from './group-consumer';
import { expectEventually } from './testing/eventually';

/** The services pass `isTransientError`; here, the one failure the suite simulates: a terminated backend. */
const isPostgresAway = (error: unknown): boolean => (error as { code?: unknown }).code === '57P01';

type Command = EventOf<typeof Topics.candidatesIngest>;

const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
// A topic of this run's own (with the ingest topic's schema), so earlier runs cannot interfere.
const topic = Topics.candidatesIngest;

function upsert(externalId: string): Command {
  return createEvent({
    topic,
    type: CandidateCommandTypes.upsert,
    source: '/test',
    subject: externalId,
    data: { organisationId: 'batch-test', externalId, name: 'Pat', skills: [{ name: 'Go' }] },
  });
}

function withdraw(externalId: string): Command {
  return createEvent({ topic, type: CandidateCommandTypes.withdraw, source: '/test', subject: externalId, data: { organisationId: 'batch-test', externalId } });
}


interface Recorded {
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}

/** Every message of the dead-letter topic, from the beginning. */
class DeadLetterRecorder {
  readonly messages: Recorded[] = [];
  private consumer: Consumer | undefined;

  async start(kafka: Kafka): Promise<void> {
    this.consumer = kafka.consumer({ groupId: `dlq-recorder-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [deadLetterTopic(topic)], fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
        this.messages.push({ key: message.key?.toString(), value: message.value?.toString(), headers });
        return Promise.resolve();
      },
    });
  }

  of(key: string): Recorded[] {
    return this.messages.filter((message) => message.key === key);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/**
 * The batch path of the inbox (GroupConsumer.handleBatch → EventInbox.dispatchBatch) against the
 * real broker: one partition's messages, valid and not, in one run; what the handler saw, what was
 * dead-lettered with which reason, and what was committed.
 */
describe('EventInbox.dispatchBatch through a GroupConsumer', () => {
  const kafka = new Kafka({ clientId: 'batch-inbox-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  let producer: Producer;
  let admin: Admin;
  let publisher: EventPublisher;
  let recorder: DeadLetterRecorder;

  beforeAll(async () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [topic, deadLetterTopic(topic)].map((name) => ({ topic: name, numPartitions: 4 })) });
    producer = kafka.producer();
    await producer.connect();
    publisher = new EventPublisher(kafka);
    recorder = new DeadLetterRecorder();
    await recorder.start(kafka);
  });

  afterAll(async () => {
    await recorder?.stop();
    await publisher?.disconnect();
    await producer?.disconnect();
    await admin?.disconnect();
    propagation.disable();
  });

  async function run(groupId: string, handleMany: BatchHandler<typeof topic>, until: () => void): Promise<void> {
    const inbox = new EventInbox(publisher, { brokers, serviceName: 'batch-test', groupId, isTransient: isPostgresAway });
    const consumer = new GroupConsumer({
      kafka,
      groupId,
      topics: [topic],
      handleBatch: (messages, handled) => inbox.dispatchBatch(topic, messages, handleMany, handled),
    });
    await consumer.start();
    try {
      await expectEventually(until, { timeoutMs: 60_000 });
    } finally {
      await consumer.stop();
    }
  }

  it('applies the valid events of a fetch together, dead-letters invalid and rejected ones, and commits all', async () => {
    const key = `k-${randomUUID()}`;
    const traceId = randomBytes(16).toString('hex');
    const good = [upsert('a'), upsert('b'), withdraw('unknown'), upsert('c')];
    const poison = 'not json';
    // One key: one partition, in this order; the first carries its producer's trace context.
    await producer.send({
      topic,
      messages: [
        { key, value: JSON.stringify(good[0]), headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } },
        { key, value: JSON.stringify(good[1]) },
        { key, value: poison },
        { key, value: JSON.stringify(good[2]) },
        { key, value: JSON.stringify(good[3]) },
      ],
    });
    const mine = (ids: readonly string[]) => ids.filter((id) => good.some((event) => event.id === id));
    const calls: string[][] = [];
    const traceIds = new Map<string, string>();
    await run(
      `batch-${randomUUID()}`,
      (events) => {
        calls.push(events.map(({ event }) => event.id));
        for (const { event, context } of events) traceIds.set(event.id, trace.getSpanContext(context)?.traceId ?? '');
        return Promise.resolve(events.map(({ event }) => (event.type === CandidateCommandTypes.withdraw ? `candidate ${event.data.externalId} not found` : undefined)));
      },
      () => expect(recorder.of(key)).toHaveLength(2),
    );
    // One call with the four valid events in partition order (the invalid one never reaches it).
    expect(calls.map(mine).filter((ids) => ids.length > 0)).toEqual([good.map((event) => event.id)]);
    // The first event continues its producer's trace; the others, sent without one, do not.
    expect(traceIds.get(good[0]!.id)).toBe(traceId);
    expect(traceIds.get(good[1]!.id)).not.toBe(traceId);
    const deadLetters = recorder.of(key);
    expect(deadLetters.map((message) => message.value)).toEqual([poison, JSON.stringify(good[2])]);
    expect(deadLetters.map((message) => message.headers[DeadLetterHeaders.reason]?.split(':')[0])).toEqual(['invalid event', 'rejected']);
    expect(deadLetters[1]?.headers[DeadLetterHeaders.reason]).toBe('rejected: candidate unknown not found');
  });

  it('when a batch fails, applies its events one at a time: a failing one is retried, then dead-lettered; the others apply once', async () => {
    const key = `k-${randomUUID()}`;
    const events = [upsert('x'), upsert('broken'), upsert('y')];
    await producer.send({ topic, messages: events.map((event) => ({ key, value: JSON.stringify(event) })) });
    const applied: string[] = [];
    let brokenAttempts = 0;
    const groupId = `batch-${randomUUID()}`;
    await run(
      groupId,
      (batch) => {
        const ours = batch.filter(({ event }) => events.some((candidate) => candidate.id === event.id));
        if (ours.some(({ event }) => event.data.externalId === 'broken')) {
          if (ours.length === 1) brokenAttempts += 1;
          return Promise.reject(new Error('database says no'));
        }
        applied.push(...ours.map(({ event }) => event.data.externalId));
        return Promise.resolve(batch.map(() => undefined));
      },
      () => expect(recorder.of(key)).toHaveLength(1),
    );
    // x applied alone before the failing event, y after it was dead-lettered; neither twice.
    expect(applied).toEqual(['x', 'y']);
    expect(brokenAttempts).toBe(MAX_HANDLER_ATTEMPTS);
    const [deadLetter] = recorder.of(key);
    expect(deadLetter?.headers[DeadLetterHeaders.reason]).toBe(`handler failed ${MAX_HANDLER_ATTEMPTS} times: database says no`);
    expect(deadLetter?.headers[DeadLetterHeaders.attempts]).toBe(String(MAX_HANDLER_ATTEMPTS));
    // Everything is committed: the group's offsets reach the end of every partition holding messages.
    const ends = (await admin.fetchTopicOffsets(topic)).filter((partition) => partition.high !== '0');
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const offsets = new Map(committed?.partitions.map((partition) => [partition.partition, partition.offset]));
    expect(ends.map((partition) => offsets.get(partition.partition))).toEqual(ends.map((partition) => partition.high));
  });

  it('waits out a database that is away for longer than the attempts allowed, then applies every event once and dead-letters none', async () => {
    const key = `k-${randomUUID()}`;
    const events = [upsert('a'), upsert('b'), upsert('c')];
    await producer.send({ topic, messages: events.map((event) => ({ key, value: JSON.stringify(event) })) });
    // Failed calls before the database is back: enough for each event to fail more often than
    // MAX_HANDLER_ATTEMPTS even if every batch failure were followed by one-at-a-time attempts.
    const outage = 2 * MAX_HANDLER_ATTEMPTS + 1;
    let failedCalls = 0;
    const applied: string[] = [];
    await run(
      `batch-${randomUUID()}`,
      (batch) => {
        const ours = batch.filter(({ event }) => events.some((candidate) => candidate.id === event.id));
        if (ours.length > 0 && failedCalls < outage) {
          failedCalls += 1;
          return Promise.reject(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
        }
        applied.push(...ours.map(({ event }) => event.data.externalId));
        return Promise.resolve(batch.map(() => undefined));
      },
      () => expect(applied).toEqual(['a', 'b', 'c']),
    );
    expect(failedCalls).toBe(outage);
    expect(recorder.of(key)).toEqual([]);
  });
});
