import { Inject, Injectable, Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { deadLetterTopic, parseEvent, type EventOf, type Topic } from '@talent/contracts';
import { deadLetteredMessages, messageProcessingDuration, messagesConsumed } from '@talent/observability';
import { DeadLetterHeaders, headersToStrings } from './dead-letter';
import { EventPublisher } from './event-publisher';
import { KAFKA_MODULE_OPTIONS, type KafkaModuleOptions } from './kafka.options';

/**
 * Thrown by a handler for a message that is valid but can never succeed (e.g. it closes a record
 * that does not exist): dead-lettered at once with this reason, without retries.
 */
export class RejectedMessageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RejectedMessageError';
  }
}

/** Where a consumed message came from: what the inbox needs to retry or dead-letter it. */
export interface InboxMessage {
  topic: string;
  partition: number;
  message: {
    key: Buffer | string | null | undefined;
    value: unknown;
    offset: string;
    timestamp: string;
    headers?: Record<string, unknown>;
  };
}

function inboxMessage(source: KafkaContext | InboxMessage): InboxMessage {
  if (source instanceof KafkaContext) {
    return { topic: source.getTopic(), partition: source.getPartition(), message: source.getMessage() };
  }
  return source;
}

/** `processed`; `retried`: the handler threw and the message will be redelivered; `dead_lettered`. */
export type ConsumeOutcome = 'processed' | 'retried' | 'dead_lettered';
type DeadLetterKind = 'invalid' | 'rejected' | 'exhausted';

/** After this many failed attempts a message goes to the dead-letter topic instead of blocking its partition. */
export const MAX_HANDLER_ATTEMPTS = 5;

/**
 * Entry point of every consumed message: validates it against its topic's schema, hands valid
 * events to the handler, and routes invalid ones (and ones whose handler keeps failing) to the
 * topic's `.dlq` with the reason in the headers. Nothing is dropped silently.
 */
@Injectable()
export class EventInbox {
  private readonly logger = new Logger(EventInbox.name);
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  /**
   * Handles one message and records its outcome: `messages_consumed_total` and
   * `message_processing_duration_seconds` by outcome, and messaging attributes on the consumer's
   * `process` span (the kafkajs instrumentation's; ids only, never payload contents).
   */
  async dispatch<T extends Topic>(
    topic: T,
    payload: unknown,
    source: KafkaContext | InboxMessage,
    handle: (event: EventOf<T>) => Promise<void>,
  ): Promise<void> {
    const context = inboxMessage(source);
    const started = process.hrtime.bigint();
    const span = trace.getActiveSpan();
    span?.setAttribute('messaging.consumer.group.name', this.options.groupId);
    let outcome: ConsumeOutcome = 'retried';
    try {
      outcome = await this.handleMessage(topic, payload, context, handle);
    } finally {
      const labels = { topic: context.topic, outcome };
      messagesConsumed.inc(labels);
      messageProcessingDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      span?.setAttribute('talentmatch.consume.outcome', outcome);
      if (outcome !== 'processed') span?.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
    }
  }

  private async handleMessage<T extends Topic>(
    topic: T,
    payload: unknown,
    context: InboxMessage,
    handle: (event: EventOf<T>) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    const raw = toBuffer(payload);
    const parsed = parseEvent(topic, raw);
    if (!parsed.ok) {
      await this.deadLetter(context, raw, 'invalid', `invalid event: ${parsed.reason}`, 1);
      return 'dead_lettered';
    }
    trace.getActiveSpan()?.setAttributes({
      'messaging.message.id': parsed.event.id,
      'cloudevents.event_id': parsed.event.id,
      'cloudevents.event_type': parsed.event.type,
      'cloudevents.event_subject': parsed.event.subject,
    });
    const position = `${context.topic}/${context.partition}/${context.message.offset}`;
    try {
      await handle(parsed.event);
      this.failures.delete(position);
      return 'processed';
    } catch (error) {
      if (error instanceof RejectedMessageError) {
        this.failures.delete(position);
        await this.deadLetter(context, raw, 'rejected', `rejected: ${error.message}`, 1);
        return 'dead_lettered';
      }
      const attempts = (this.failures.get(position) ?? 0) + 1;
      if (attempts < MAX_HANDLER_ATTEMPTS) {
        this.failures.set(position, attempts);
        this.logger.warn(`handler failed for ${position} (attempt ${attempts}): ${(error as Error).message}`);
        throw error; // the offset stays uncommitted and the message is redelivered
      }
      this.failures.delete(position);
      await this.deadLetter(context, raw, 'exhausted', `handler failed ${attempts} times: ${(error as Error).message}`, attempts);
      return 'dead_lettered';
    }
  }

  private async deadLetter(context: InboxMessage, raw: Buffer, kind: DeadLetterKind, reason: string, attempts: number): Promise<void> {
    const { message, topic } = context;
    this.logger.warn(`dead-lettering ${topic}/${context.partition}/${message.offset}: ${reason}`);
    deadLetteredMessages.inc({ topic, reason: kind });
    await this.publisher.send([
      {
        topic: deadLetterTopic(topic),
        key: message.key === null || message.key === undefined ? '' : String(message.key),
        value: raw,
        headers: {
          ...headersToStrings(message.headers),
          [DeadLetterHeaders.reason]: reason.slice(0, 2000),
          [DeadLetterHeaders.originalTopic]: topic,
          [DeadLetterHeaders.originalPartition]: String(context.partition),
          [DeadLetterHeaders.originalOffset]: message.offset,
          [DeadLetterHeaders.originalTimestamp]: message.timestamp,
          [DeadLetterHeaders.consumerGroup]: this.options.groupId,
          [DeadLetterHeaders.service]: this.options.serviceName,
          [DeadLetterHeaders.failedAt]: new Date().toISOString(),
          [DeadLetterHeaders.attempts]: String(attempts),
        },
      },
    ]);
  }
}

function toBuffer(payload: unknown): Buffer {
  if (Buffer.isBuffer(payload)) {
    return payload;
  }
  if (payload === null || payload === undefined) {
    return Buffer.alloc(0);
  }
  return Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
}
