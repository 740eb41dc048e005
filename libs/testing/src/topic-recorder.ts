import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type SASLOptions } from 'kafkajs';
import { compactedTopics, type Topic } from '@talent/contracts';

export interface RecordedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Records every message of some topics from the beginning, with a consumer group of its own, so a
 * test can assert on what services published (and how often).
 */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly brokers: string,
    private readonly topics: readonly string[],
    /** For a broker that authenticates: a user that may create, describe and read the topics. */
    private readonly sasl?: SASLOptions,
  ) {}

  async start(): Promise<void> {
    const kafka = new Kafka({ clientId: 'topic-recorder', brokers: this.brokers.split(','), logLevel: logLevel.NOTHING, ...(this.sasl && { sasl: this.sasl }) });
    const admin = kafka.admin();
    await admin.connect();
    // Topics may not exist yet; create them so the subscription sees them from the start.
    // As the services create them: topics of current states compacted (a tombstone then erases a key).
    await admin.createTopics({
      waitForLeaders: true,
      topics: this.topics.map((topic) => ({
        topic,
        numPartitions: 4,
        ...(compactedTopics.has(topic as Topic) && { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }),
      })),
    });
    await admin.disconnect();
    this.consumer = kafka.consumer({ groupId: `recorder-${randomUUID()}`, maxWaitTimeInMs: 200 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, value]) => [name, Array.isArray(value) ? String(value[0]) : String(value ?? '')]),
          ),
        });
        return Promise.resolve();
      },
    });
  }

  /** Messages of one topic whose JSON value passes the filter, parsed. */
  json<T>(topic: string, filter: (value: T) => boolean = () => true): T[] {
    return this.messages
      .filter((message) => message.topic === topic && message.value !== null)
      .flatMap((message) => {
        try {
          return [JSON.parse(message.value!.toString()) as T];
        } catch {
          return [];
        }
      })
      .filter(filter);
  }

  of(topic: string): RecordedMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /**
   * Reads every topic again from the beginning with a fresh consumer group, replacing what was
   * recorded: for a consumer that stopped making progress (seen once after the broker was suspended
   * and resumed). The topics are the truth, so the new record is complete, copies included.
   */
  async restart(): Promise<void> {
    await this.stop();
    this.messages.length = 0;
    await this.start();
  }
}
