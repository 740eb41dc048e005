// Proves that kafkajs works against a broker: admin, keyed produce with headers, a two-member
// consumer group, committed offsets surviving a consumer restart, group inspection, topic deletion.
//
//   node tools/kafka/smoke.ts [brokers]   brokers from the argument, KAFKA_BROKERS, or a broker started here
//
// Exits non-zero on any failure. runSmoke() is exported for tests, so no import.meta here either.
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kafka, Partitioners, logLevel, type Consumer, type IHeaders, type LogEntry } from 'kafkajs';
import { ensureKafka } from './broker.ts';

export interface SmokeStep {
  name: string;
  ms: number;
  ok: boolean;
  detail: string;
}

export interface SmokeReport {
  ok: boolean;
  totalMs: number;
  steps: SmokeStep[];
  /** kafkajs WARN/ERROR log lines, counted by message. */
  clientLog: Record<string, number>;
}

const MESSAGES = 100;
const PARTITIONS = 4;
const TIMEOUT_MS = 30_000;

interface Received {
  consumer: string;
  topic: string;
  partition: number;
  key: string;
  headers: Record<string, string>;
}

export async function runSmoke(brokers: string): Promise<SmokeReport> {
  const clientLog: Record<string, number> = {};
  const kafka = new Kafka({
    clientId: 'kafka-smoke',
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
    // Collected for the report instead of printed: a rebalance logs errors that are expected.
    logCreator: () => (entry: LogEntry) => {
      const error = typeof entry.log.error === 'string' ? ` (${entry.log.error})` : '';
      const line = `${entry.label} ${entry.namespace}: ${entry.log.message}${error}`;
      clientLog[line] = (clientLog[line] ?? 0) + 1;
    },
  });
  const suffix = randomBytes(4).toString('hex');
  const topics: [string, string] = [`smoke-a-${suffix}`, `smoke-b-${suffix}`];
  const [topic] = topics;
  const autoTopic = `smoke-auto-${suffix}`;
  const groupId = `smoke-group-${suffix}`;
  const traceId = randomBytes(16).toString('hex');
  const traceparent = (i: number): string => `00-${traceId}-${i.toString(16).padStart(16, '0')}-01`;

  const admin = kafka.admin();
  // The services' producer settings (libs/kafka EventPublisher): idempotent, one request in flight, acks=all.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumers: Consumer[] = [];
  const received: Received[] = [];
  const steps: SmokeStep[] = [];
  const started = Date.now();
  let completed = false;

  const step = async (name: string, body: () => Promise<string>): Promise<void> => {
    const t = Date.now();
    try {
      const detail = await body();
      steps.push({ name, ms: Date.now() - t, ok: true, detail });
    } catch (error) {
      steps.push({ name, ms: Date.now() - t, ok: false, detail: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };

  // Resolves once every consumer's latest assignment has `partitionsEach` partitions of the topic.
  const startConsumers = async (names: string[], partitionsEach: number): Promise<void> => {
    const assigned = new Map<string, number>();
    let onAssigned = (): void => {};
    const balanced = new Promise<void>((resolve) => {
      onAssigned = () => {
        if (names.every((n) => assigned.get(n) === partitionsEach)) resolve();
      };
    });
    for (const name of names) {
      // A fetch long-polls for maxWaitTimeInMs (default 5 s) and kafkajs waits for it before it can
      // heartbeat (and so learn of a rebalance) or disconnect: keep it short for a quick run.
      const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 250 });
      consumers.push(consumer);
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        assigned.set(name, payload.memberAssignment[topic]?.length ?? 0);
        onAssigned();
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic: t, partition, message }) => {
          received.push({ consumer: name, topic: t, partition, key: message.key?.toString() ?? '', headers: strings(message.headers) });
        },
      });
    }
    await within(balanced, `group ${groupId} to assign ${partitionsEach} partition(s) to each of ${names.join(', ')}`);
  };

  const stopConsumers = async (): Promise<void> => {
    await Promise.all(consumers.splice(0).map((c) => c.disconnect()));
  };

  try {
    await step('admin: create 2 topics x 4 partitions, list', async () => {
      await admin.connect();
      const created = await admin.createTopics({
        topics: topics.map((t) => ({ topic: t, numPartitions: PARTITIONS, replicationFactor: 1 })),
        waitForLeaders: true,
      });
      const listed = await admin.listTopics();
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      const counts = metadata.topics.map((t) => t.partitions.length);
      check(created, 'createTopics returned false');
      check(topics.every((t) => listed.includes(t)), `listTopics lacks ${topics.join(', ')}: ${listed.join(', ')}`);
      check(counts.every((c) => c === PARTITIONS), `partition counts ${counts.join(', ')}`);
      return `listed ${listed.length} topics, partitions ${counts.join('/')}`;
    });

    await step('consume: 2 consumers join one group and split partitions', async () => {
      await startConsumers(['c1', 'c2'], PARTITIONS / 2);
      return `${groupId}: 2 + 2 partitions of ${topic}`;
    });

    await step(`produce: ${MESSAGES} keyed messages with headers`, async () => {
      await producer.connect();
      const result = await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: MESSAGES }, (_, i) => ({
          key: `key-${i}`,
          value: JSON.stringify({ i }),
          headers: { traceparent: traceparent(i), 'x-seq': String(i) },
        })),
      });
      const partitions = new Set(result.map((r) => r.partition));
      check(partitions.size === PARTITIONS, `keys landed in ${partitions.size} of ${PARTITIONS} partitions`);
      return `acks from partitions ${[...partitions].sort().join(',')}`;
    });

    await step(`consume: all ${MESSAGES} received once, keys and headers intact`, async () => {
      await waitFor(() => received.length >= MESSAGES, `${MESSAGES} messages`);
      const keys = new Set(received.map((r) => r.key));
      check(received.length === MESSAGES && keys.size === MESSAGES, `${received.length} received, ${keys.size} distinct keys`);
      for (const r of received) {
        const i = Number(r.key.slice('key-'.length));
        check(r.headers.traceparent === traceparent(i) && r.headers['x-seq'] === String(i), `wrong headers on ${r.key}`);
      }
      const byConsumer = (name: string): Set<number> => new Set(received.filter((r) => r.consumer === name).map((r) => r.partition));
      const [p1, p2] = [byConsumer('c1'), byConsumer('c2')];
      check(p1.size > 0 && p2.size > 0 && [...p1].every((p) => !p2.has(p)), `partitions overlap or unused: c1 ${[...p1]}, c2 ${[...p2]}`);
      return `c1 ${received.filter((r) => r.consumer === 'c1').length} msgs from p${[...p1].sort()}, c2 ${received.filter((r) => r.consumer === 'c2').length} from p${[...p2].sort()}`;
    });

    await step('offsets: committed on disconnect, fetchOffsets', async () => {
      await stopConsumers();
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = offsets?.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
      check(committed === MESSAGES, `committed offsets add up to ${committed}, expected ${MESSAGES}`);
      return `committed ${offsets?.partitions.map((p) => `p${p.partition}=${p.offset}`).join(' ')}`;
    });

    await step('restart: same group resumes after the commits, no redelivery', async () => {
      received.length = 0;
      await startConsumers(['c3'], PARTITIONS);
      // A marker at the end of every partition: per-partition order means any redelivered message
      // would arrive before its partition's marker.
      await producer.send({
        topic,
        messages: Array.from({ length: PARTITIONS }, (_, p) => ({ partition: p, key: `marker-${p}`, value: 'marker' })),
      });
      await waitFor(() => received.filter((r) => r.key.startsWith('marker-')).length === PARTITIONS, 'the markers');
      const redelivered = received.filter((r) => !r.key.startsWith('marker-'));
      check(redelivered.length === 0, `${redelivered.length} messages redelivered: ${redelivered.slice(0, 5).map((r) => r.key)}`);
      return `only the ${PARTITIONS} markers arrived`;
    });

    await step('auto-create: producing to an unknown topic creates it', async () => {
      await producer.send({ topic: autoTopic, acks: -1, messages: [{ key: 'k', value: 'v' }] });
      const [meta] = (await admin.fetchTopicMetadata({ topics: [autoTopic] })).topics;
      check(meta?.partitions.length === PARTITIONS, `${autoTopic} has ${meta?.partitions.length} partitions`);
      return `${autoTopic} created with ${PARTITIONS} partitions`;
    });

    await step('admin: describeGroups, fetchOffsets, deleteGroups, deleteTopics', async () => {
      const live = (await admin.describeGroups([groupId])).groups[0];
      check(live?.state === 'Stable' && live.members.length === 1, `live group: ${live?.state}, ${live?.members.length} members`);
      await stopConsumers();
      const empty = (await admin.describeGroups([groupId])).groups[0];
      check(empty?.state === 'Empty', `group after disconnect: ${empty?.state}`);
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = offsets?.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
      check(committed === MESSAGES + PARTITIONS, `committed offsets add up to ${committed}`);
      await admin.deleteGroups([groupId]);
      const all = [...topics, autoTopic];
      await admin.deleteTopics({ topics: all });
      await waitFor(async () => !(await admin.listTopics()).some((t) => all.includes(t)), 'topic deletion');
      return `group ${live.state} (1 member) then ${empty.state}; offsets total ${committed}; group and topics deleted`;
    });
    completed = true;
  } catch {
    // recorded in steps
  } finally {
    await stopConsumers().catch(() => {});
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
  }
  return { ok: completed, totalMs: Date.now() - started, steps, clientLog };
}

function check(condition: unknown, failure: string): asserts condition {
  if (!condition) throw new Error(failure);
}

function strings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function within(promise: Promise<void>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function formatReport(report: SmokeReport, brokers: string): string {
  const lines = [`kafka smoke against ${brokers}: ${report.ok ? 'PASSED' : 'FAILED'} in ${report.totalMs} ms`];
  for (const s of report.steps) lines.push(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.ms} ms): ${s.detail}`);
  const log = Object.entries(report.clientLog);
  lines.push(log.length ? '  kafkajs warnings/errors:' : '  kafkajs warnings/errors: none');
  for (const [line, count] of log) lines.push(`    ${count}x ${line}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const given = process.argv[2];
  const kafka = given
    ? { brokers: given, stop: async () => {} }
    : await ensureKafka({ log: (line) => console.error(`[kafka] ${line}`) });
  const brokers = kafka.brokers;
  try {
    const report = await runSmoke(brokers);
    console.log(formatReport(report, brokers));
    return report.ok ? 0 : 1;
  } finally {
    await kafka.stop();
  }
}

// Run as a script only; importing it (from a test) must not start anything.
if (process.argv[1] && path.basename(process.argv[1]) === 'smoke.ts') {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
