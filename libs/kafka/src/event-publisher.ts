import { context, propagation, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { topicSchemas, type EventOf, type Topic } from '@talent/contracts';
import { messagesProduced } from '@talent/observability';

export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
  /**
   * The trace context this record belongs to (e.g. of the request that wrote its outbox row): its
   * `send` span becomes a child of it, even when records of many traces go out in one request.
   */
  context?: Context;
}

const tracer = trace.getTracer('@talent/kafka');

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

  /**
   * Sends records in order, one request per topic; resolves once the broker has acknowledged all
   * of them. Records carrying a `context` get their `send <topic>` span (and the `traceparent` and
   * `baggage` headers consumers continue from) in that context, one per record.
   */
  async send(records: readonly OutgoingRecord[]): Promise<void> {
    await this.connect();
    if (!records.some((record) => record.context !== undefined)) {
      await this.sendGrouped(records);
      return;
    }
    // The kafkajs instrumentation would give every message of a request one parent, the active
    // context, and overwrite the headers: it is suppressed for this request, and the spans it would
    // make (same name, kind and attributes) are made here, one per record, in the record's own context.
    const spans = records.map((record) => {
      const parent = record.context ?? context.active();
      const span = tracer.startSpan(
        `send ${record.topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': record.topic,
            'messaging.kafka.message.key': record.key,
            'messaging.operation.name': 'send',
            'messaging.operation.type': 'send',
          },
        },
        parent,
      );
      const headers = { ...record.headers };
      propagation.inject(trace.setSpan(parent, span), headers);
      return { span, record: { topic: record.topic, key: record.key, value: record.value, headers } };
    });
    try {
      await context.with(suppressTracing(context.active()), () => this.sendGrouped(spans.map(({ record }) => record)));
    } catch (error) {
      for (const { span } of spans) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      for (const { span } of spans) span.end();
    }
  }

  private async sendGrouped(records: readonly OutgoingRecord[]): Promise<void> {
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
