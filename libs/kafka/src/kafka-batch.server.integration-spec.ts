import 'reflect-metadata';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { CandidateCommandTypes, createEvent, DeadLetterHeaders, deadLetterTopic, Topics, type EventOf } from '@talent/contracts';
import { MAX_HANDLER_ATTEMPTS, type ConsumedEvent } from './event-inbox';
import { assignmentOf, KafkaBatchContext, KafkaBatchServer, KafkaConsumer, type KafkaConsumerGroup } from './kafka-batch.server';
import { KafkaModule } from './kafka.module';
import { expectEventually } from './testing/eventually';

type Command = EventOf<typeof Topics.candidatesIngest>;

const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

function upsert(externalId: string): Command {
  return createEvent({
    topic: Topics.candidatesIngest,
    type: CandidateCommandTypes.upsert,
    source: '/test',
    subject: externalId,
    data: { organisationId: 'transport-test', externalId, name: 'Pat', skills: [{ name: 'Go' }] },
  });
}

function withdraw(externalId: string): Command {
  return createEvent({ topic: Topics.candidatesIngest, type: CandidateCommandTypes.withdraw, source: '/test', subject: externalId, data: { organisationId: 'transport-test', externalId } });
}

interface Recorded {
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}

/** Every message of some topics, from the beginning. */
class Recorder {
  readonly messages: Recorded[] = [];
  private consumer: Consumer | undefined;

  async start(kafka: Kafka, topics: string[]): Promise<void> {
    this.consumer = kafka.consumer({ groupId: `recorder-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
        this.messages.push({ key: message.key?.toString(), value: message.value?.toString(), headers });
        return Promise.resolve();
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** What the handlers below saw, in order. */
class Seen {
  readonly runs: Array<{ ids: string[]; partition: number; traceIds: string[] }> = [];
  readonly assignments: number[][] = [];
  readonly groups: string[] = [];
  readonly log: string[] = [];
  /** Per external id, how often its handler should still throw (and with what). */
  readonly failures = new Map<string, { left: number; error: () => Error }>();
  /** Set: the next run waits for it before answering. */
  hold: Promise<void> | undefined;
}

const seen = new Seen();

@KafkaConsumer()
class CandidateCommandsConsumer {
  @EventPattern(Topics.candidatesIngest)
  async apply(@Payload() commands: ReadonlyArray<ConsumedEvent<typeof Topics.candidatesIngest>>, @Ctx() ctx: KafkaBatchContext): Promise<Array<string | undefined>> {
    seen.log.push(`run ${commands.length}`);
    for (const { event } of commands) {
      const failure = seen.failures.get(event.data.externalId);
      if (failure && failure.left > 0) {
        failure.left -= 1;
        throw failure.error();
      }
    }
    const hold = seen.hold;
    if (hold) {
      seen.hold = undefined;
      seen.log.push('held');
      await hold;
    }
    seen.groups.push(ctx.getGroupId());
    seen.runs.push({
      ids: commands.map(({ event }) => event.data.externalId),
      partition: ctx.getPartition(),
      traceIds: commands.map(({ context }) => trace.getSpanContext(context)?.traceId ?? ''),
    });
    return commands.map(({ event }) => (event.type === CandidateCommandTypes.withdraw ? `candidate ${event.data.externalId} not found` : undefined));
  }

  @EventPattern(assignmentOf(Topics.candidatesIngest))
  async load(@Payload() partitions: number[]): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen.assignments.push(partitions);
    seen.log.push(`assigned ${partitions.join(',')}`);
  }
}

/**
 * The transport in a Nest application against the real broker: `@EventPattern` handlers get runs of
 * valid events and answer per event; invalid and rejected messages are dead-lettered with reasons
 * naming the group; the trace continues the producer's; errors reach the inbox as thrown; the run
 * in hand finishes, commits and dead-letters before the publisher closes; a group of the instance's
 * own reads one message at a time.
 */
describe('KafkaBatchServer against the broker', () => {
  const kafka = new Kafka({ clientId: 'transport-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const run = randomBytes(4).toString('hex');
  // Topics of this run's own, following the contract topics' schemas.
  const commands = `transport-test-commands-${run}`;
  const single = `transport-test-single-${run}`;
  const groupId = `transport-test-${run}`;
  let admin: Admin;
  let producer: Producer;
  let recorder: Recorder;
  let app: INestApplication;

  async function startApp(consumers: KafkaConsumerGroup[]): Promise<KafkaBatchServer> {
    @Module({ imports: [KafkaModule.forRoot({ brokers, serviceName: 'transport-test', groupId, isTransient: (error) => (error as { code?: unknown }).code === 'ECONNREFUSED' })], controllers: [CandidateCommandsConsumer] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    const strategy = KafkaBatchServer.forApp(app, consumers);
    app.connectMicroservice({ strategy });
    await app.init();
    await app.startAllMicroservices();
    return strategy;
  }

  const dlq = (key: string) => recorder.messages.filter((message) => message.key === key);

  beforeAll(async () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [commands, deadLetterTopic(commands), single, deadLetterTopic(single)].map((topic) => ({ topic, numPartitions: 2 })),
    });
    producer = kafka.producer();
    await producer.connect();
    recorder = new Recorder();
    await recorder.start(kafka, [deadLetterTopic(commands), deadLetterTopic(single)]);
  });

  afterAll(async () => {
    await app?.close();
    await recorder?.stop();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [commands, deadLetterTopic(commands), single, deadLetterTopic(single)] }).catch(() => undefined);
    await admin?.disconnect();
    propagation.disable();
  });

  it('hands runs to the @EventPattern handler after its assignment handler, dead-letters, traces, passes errors on, and commits', async () => {
    const strategy = await startApp([{ subscriptions: [{ name: commands, topic: Topics.candidatesIngest }] }]);
    expect(strategy.topics).toEqual([commands]);
    expect(strategy.sharedGroupTopics).toEqual([commands]);
    expect(strategy.groupIds).toEqual([groupId]);
    const key = `k-${randomUUID()}`;
    const traceId = randomBytes(16).toString('hex');
    const good = [upsert('a'), upsert('b'), withdraw('unknown'), upsert('c')];
    // A database outage for 'flaky' (waited out, never an attempt), a failing handler for 'broken'.
    seen.failures.set('flaky', { left: MAX_HANDLER_ATTEMPTS + 2, error: () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) });
    seen.failures.set('broken', { left: 1_000, error: () => new Error('the handler says no') });
    await producer.send({
      topic: commands,
      messages: [
        { key, value: JSON.stringify(good[0]), headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } },
        { key, value: JSON.stringify(good[1]) },
        { key, value: 'not json' },
        { key, value: JSON.stringify(good[2]) },
        { key, value: JSON.stringify(good[3]) },
      ],
    });
    await expectEventually(() => expect(dlq(key)).toHaveLength(2), { timeoutMs: 60_000 });
    const flaky = `k-${randomUUID()}`;
    await producer.send({ topic: commands, messages: [upsert('flaky'), upsert('broken'), upsert('after')].map((event) => ({ key: flaky, value: JSON.stringify(event) })) });
    await expectEventually(() => expect(dlq(flaky)).toHaveLength(1), { timeoutMs: 60_000 });
    await expectEventually(() => expect(seen.runs.flatMap((run) => run.ids)).toContain('after'), { timeoutMs: 60_000 });

    // The assignment was loaded before any run, with every partition of the topic.
    expect(seen.assignments[0]).toEqual([0, 1]);
    expect(seen.log[0]).toBe('assigned 0,1');
    // One run with the four valid events in order; the first continues its producer's trace.
    const first = seen.runs.find((run) => run.ids.includes('a'))!;
    expect(first.ids).toEqual(['a', 'b', 'unknown', 'c']);
    expect(first.traceIds[0]).toBe(traceId);
    expect(first.traceIds[1]).not.toBe(traceId);
    const [invalid, rejected] = dlq(key);
    expect(invalid?.value).toBe('not json');
    expect(invalid?.headers[DeadLetterHeaders.reason]?.split(':')[0]).toBe('invalid event');
    expect(rejected?.headers[DeadLetterHeaders.reason]).toBe('rejected: candidate unknown not found');
    for (const message of [invalid, rejected]) {
      expect(message?.headers[DeadLetterHeaders.consumerGroup]).toBe(groupId);
      expect(message?.headers[DeadLetterHeaders.service]).toBe('transport-test');
      expect(message?.headers[DeadLetterHeaders.originalTopic]).toBe(commands);
    }
    // The outage was waited out (flaky applied once, never dead-lettered); the failing handler's own
    // error, not Nest's "Internal server error", after MAX_HANDLER_ATTEMPTS attempts.
    expect(seen.runs.flatMap((run) => run.ids).filter((id) => id === 'flaky')).toHaveLength(1);
    const [exhausted] = dlq(flaky);
    expect(exhausted?.value).toContain('"broken"');
    expect(exhausted?.headers[DeadLetterHeaders.reason]).toBe(`handler failed ${MAX_HANDLER_ATTEMPTS} times: the handler says no`);

    // Everything is committed: the group's offsets reach the end of every partition holding messages.
    const ends = (await admin.fetchTopicOffsets(commands)).filter((partition) => partition.high !== '0');
    let committed: Map<number, string> = new Map();
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [commands] });
      committed = new Map(offsets?.partitions.map((partition) => [partition.partition, partition.offset]));
      if (ends.every((partition) => committed.get(partition.partition) === partition.high)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(ends.map((partition) => committed.get(partition.partition))).toEqual(ends.map((partition) => partition.high));
  });

  it('on close finishes the run in hand, dead-letters and commits it before the publisher closes', async () => {
    const key = `k-${randomUUID()}`;
    let release!: () => void;
    seen.hold = new Promise<void>((resolve) => (release = resolve));
    seen.log.length = 0;
    await producer.send({ topic: commands, messages: [upsert('d'), withdraw('gone'), upsert('e')].map((event) => ({ key, value: JSON.stringify(event) })) });
    await expectEventually(() => expect(seen.log).toContain('held'), { timeoutMs: 60_000 });
    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await closed;
    // The held run was applied, its rejection dead-lettered (the publisher was still there) and committed.
    expect(seen.runs.at(-1)?.ids).toEqual(['d', 'gone', 'e']);
    await expectEventually(() => expect(dlq(key).map((message) => message.headers[DeadLetterHeaders.reason])).toEqual(['rejected: candidate gone not found']), {
      timeoutMs: 30_000,
    });
    // Every partition holding messages is committed to its end (one the random keys left empty has no commit: -1).
    const ends = (await admin.fetchTopicOffsets(commands)).filter((partition) => partition.high !== '0');
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [commands] });
    const committed = new Map(offsets?.partitions.map((partition) => [partition.partition, partition.offset]));
    expect(ends.map((partition) => committed.get(partition.partition))).toEqual(ends.map((partition) => partition.high));
  });

  it('reads a topic one message at a time in a group of the instance’s own, named in its dead letters', async () => {
    const strategy = await startApp([{ subscriptions: [{ name: single, topic: Topics.candidatesIngest }], ownGroup: { label: 'single', instance: 'i-1' }, oneAtATime: true }]);
    const own = `${groupId}.single.i-1`;
    expect(strategy.groupIds).toEqual([own]);
    expect(strategy.sharedGroupTopics).toEqual([]);
    const key = `k-${randomUUID()}`;
    await producer.send({ topic: single, messages: [{ key, value: '{"not":"a command"}' }, { key, value: JSON.stringify(upsert('solo')) }, { key, value: JSON.stringify(upsert('solo-2')) }] });
    await expectEventually(() => expect(seen.runs.flatMap((run) => run.ids)).toContain('solo-2'), { timeoutMs: 60_000 });
    await expectEventually(() => expect(dlq(key)).toHaveLength(1), { timeoutMs: 30_000 });
    expect(dlq(key)[0]?.headers[DeadLetterHeaders.consumerGroup]).toBe(own);
    expect(seen.runs.filter((run) => run.ids[0]?.startsWith('solo')).map((run) => run.ids)).toEqual([['solo'], ['solo-2']]);
    expect(seen.groups.at(-1)).toBe(own);
    await app.close();
  });
});
