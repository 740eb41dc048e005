import type { Kafka } from 'kafkajs';
import { compactedTopics, deadLetterTopic, type Topic } from '@talent/contracts';

export interface TopicSpec {
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates the topics (and their dead-letter siblings) a service uses, if they are missing.
 * Idempotent, so every instance may call it at start-up.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], spec: TopicSpec): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))];
    // Several services create the same topics at start-up; while another one's creation is in flight
    // the broker answers metadata requests with retriable errors (unknown topic-partition), so retry.
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((topic) => !existing.has(topic));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({
              topic,
              numPartitions: spec.partitions,
              replicationFactor: spec.replicationFactor,
              // Topics of current states are compacted, so a tombstone (an erased candidate) is forgotten for good.
              ...(compactedTopics.has(topic as Topic) && { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }),
            })),
          });
        }
        // Topics another service has just created may be listed before their partitions have
        // leaders; consumers subscribing then fail. Wait until every partition has one.
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics: wanted });
        const leaderless = metadata.filter((topic) => topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0));
        if (leaderless.length === 0) return;
        throw Object.assign(new Error(`topics without partition leaders yet: ${leaderless.map((topic) => topic.name).join(', ')}`), { retriable: true });
      } catch (error) {
        if (attempt >= 15 || !isRetriable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** Readiness probe: the broker answers a metadata request. */
export async function pingBroker(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}
