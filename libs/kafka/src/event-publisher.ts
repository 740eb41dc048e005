import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { topicSchemas, type EventOf, type Topic } from '@talent/contracts';
import { messagesProduced } from '@talent/observability';

export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export const CONTENT_TYPE_HEADER = 'content-type';
export const CLOUDEVENTS_JSON = 'application/cloudevents+json';

/**
 * The one producer of a service. Idempotent with acks from all in-sync replicas, so a retried
 * send neither duplicates nor reorders a partition's messages.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
  }

  /** Validates the event against its topic's schema and publishes it keyed by its subject. */
  async publish<T extends Topic>(topic: T, event: EventOf<T>, headers: Record<string, string> = {}): Promise<void> {
    topicSchemas[topic].parse(event);
    await this.send([{ topic, key: event.subject, value: JSON.stringify(event), headers }]);
  }

  /** Sends records in order; resolves once the broker has acknowledged all of them. */
  async send(records: readonly OutgoingRecord[]): Promise<void> {
    await this.connect();
    for (const [topic, messages] of groupByTopic(records)) {
      await this.producer.send({ topic, acks: -1, messages });
      messagesProduced.inc({ topic }, messages.length);
    }
  }

  async disconnect(): Promise<void> {
    if (this.connected) {
      this.connected = undefined;
      await this.producer.disconnect();
    }
  }
}

function groupByTopic(records: readonly OutgoingRecord[]): Map<string, Message[]> {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    const messages = byTopic.get(record.topic) ?? [];
    messages.push({
      key: record.key,
      value: record.value,
      headers: { [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON, ...record.headers },
    });
    byTopic.set(record.topic, messages);
  }
  return byTopic;
}
