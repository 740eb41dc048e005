import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { GroupConsumer } from './group-consumer';
import { expectEventually } from './testing/eventually';

const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';


describe('GroupConsumer against the broker', () => {
  const kafka = new Kafka({ clientId: 'group-consumer-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  it('retries a failed load of its assignment before handling any message', async () => {
    const topic = `group-consumer-test-${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    const producer = kafka.producer();
    await producer.connect();
    const loads: string[] = [];
    const handled: string[] = [];
    // The real kafkajs consumer the GroupConsumer creates, watched: a failed load must be retried
    // in place, not by kafkajs giving up on the consumer (a crash, a restart, a rejoin).
    const crashes: Error[] = [];
    const handledBeforeLoad: number[] = [];
    let joins = 0;
    const createConsumer = kafka.consumer.bind(kafka);
    kafka.consumer = (config) => {
      const created = createConsumer(config);
      created.on(created.events.CRASH, (event) => void crashes.push(event.payload.error));
      created.on(created.events.GROUP_JOIN, () => void (joins += 1));
      return created;
    };
    const consumer = new GroupConsumer({
      kafka,
      groupId: `group-consumer-test-${randomUUID()}`,
      topics: [topic],
      onAssignment: async (assignment) => {
        // The database is away for the first two loads (the second, a retry, while messages wait).
        await new Promise((resolve) => setTimeout(resolve, 50));
        loads.push((assignment[topic] ?? []).join(','));
        if (loads.length <= 2) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
      handleBatch: (messages, done) => {
        // Recorded, not asserted here: an assertion failing inside kafkajs's callback would be retried away.
        if (loads.length < 3) handledBeforeLoad.push(messages.length);
        for (const message of messages) {
          handled.push(String(message.message.value));
          done(message);
        }
        return Promise.resolve();
      },
    });
    try {
      await consumer.start();
      // The first load fails while no message waits for it (nothing produced yet).
      await expectEventually(() => expect(loads).toHaveLength(1), { timeoutMs: 60_000 });
      await producer.send({ topic, messages: ['a', 'b', 'c'].map((value) => ({ key: value, value })) });
      await expectEventually(() => expect([...handled].sort()).toEqual(['a', 'b', 'c']), { timeoutMs: 60_000 });
    } finally {
      await consumer.stop();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
    expect(loads).toEqual(['0,1', '0,1', '0,1']);
    expect(handledBeforeLoad).toEqual([]); // never a message before a load succeeded
    // (A fresh broker's coordinator may still be loading at the first join: a crash of its own.)
    expect(crashes.map(String).filter((error) => error.includes('ECONNREFUSED'))).toEqual([]);
    expect(joins).toBeGreaterThanOrEqual(1);
  });
});
