import { Logger } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { topicSchemas, type EventOf, type Topic } from '@talent/contracts';
import { messagesProduced } from '@talent/observability';

export interface OutgoingRecord {
  topic: string;
  key: string;
  /** null: a tombstone, which makes a compacted topic forget the key. */
  value: string | Buffer | null;
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
  private producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(private readonly kafka: Kafka) {
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    return this.kafka.producer({
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
      try {
        await this.producer.send({ topic, acks: -1, messages });
      } catch (error) {
        if (breaksIdempotence(error)) await this.replaceProducer();
        throw error;
      }
      messagesProduced.inc({ topic }, messages.length);
    }
  }

  /**
   * A fresh producer (new producer id, sequences from 0). After a send failed mid-way (the broker
   * went away), kafkajs's idempotent producer can keep sequence numbers the broker never saw and
   * then fails every later send with OUT_OF_ORDER_SEQUENCE_NUMBER, for good. The caller retries
   * (the outbox relay sends the rows again: at least once, consumers are idempotent).
   */
  private async replaceProducer(): Promise<void> {
    new Logger(EventPublisher.name).warn('the idempotent producer is out of step with the broker: replaced by a fresh one');
    const stale = this.producer;
    this.producer = this.createProducer();
    this.connected = undefined;
    await stale.disconnect().catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    if (this.connected) {
      this.connected = undefined;
      await this.producer.disconnect();
    }
  }
}

/** Errors after which the idempotent producer's state is of no further use. */
const IDEMPOTENCE_ERRORS = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH', 'DUPLICATE_SEQUENCE_NUMBER']);

export function breaksIdempotence(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; at && depth < 5; depth++) {
    const { type, originalError, cause } = at as { type?: string; originalError?: unknown; cause?: unknown };
    if (type && IDEMPOTENCE_ERRORS.has(type)) return true;
    at = originalError ?? cause;
  }
  return false;
}

function groupByTopic(records: readonly OutgoingRecord[]): Map<string, Message[]> {
  const byTopic = new Map<string, Message[]>();
  for (const record of records) {
    const messages = byTopic.get(record.topic) ?? [];
    messages.push({
      key: record.key,
      value: record.value,
      // A tombstone has no content, so no content type.
      headers: record.value === null ? { ...record.headers } : { [CONTENT_TYPE_HEADER]: CLOUDEVENTS_JSON, ...record.headers },
    });
    byTopic.set(record.topic, messages);
  }
  return byTopic;
}
