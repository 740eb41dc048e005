import type { Admin, Kafka, Message, Producer } from 'kafkajs';
import { deadLetterTopic } from '@talent/contracts';
import { expectEventually } from '@talent/testing';

export const PARTITIONS = 4;

/** Creates topics (with their dead-letter siblings) as the services would, 4 partitions each. */
export async function createTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))].filter((topic) => !existing.has(topic));
    if (wanted.length > 0) await admin.createTopics({ waitForLeaders: true, topics: wanted.map((topic) => ({ topic, numPartitions: PARTITIONS })) });
  } finally {
    await admin.disconnect();
  }
}

/** The producer the services use: idempotent, acks from all in-sync replicas. */
export async function connectedProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return producer;
}

/** Sends messages in chunks (one request each), in order. */
export async function produceAll(producer: Producer, topic: string, messages: readonly Message[], chunk = 1_000): Promise<void> {
  for (let i = 0; i < messages.length; i += chunk) {
    await producer.send({ topic, acks: -1, messages: messages.slice(i, i + chunk) });
  }
}

/** Sum of the topic's high watermarks: how many messages it holds (nothing is ever compacted here). */
export async function topicEnd(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
}

/** How many of the topic's messages the group has committed. */
export async function committed(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (entry?.partitions ?? []).reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
}

/** Resolves once the group has committed the topic up to its end; polls, with a deadline. */
export async function waitCaughtUp(admin: Admin, groupId: string, topic: string, timeoutMs: number): Promise<void> {
  const end = await topicEnd(admin, topic);
  await expectEventually(
    async () => {
      const done = await committed(admin, groupId, topic);
      if (done < end) throw new Error(`group ${groupId} has committed ${done} of ${end} messages of ${topic}`);
    },
    { timeoutMs, intervalMs: 100 },
  );
}
