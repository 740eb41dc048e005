import { Inject, Injectable, Logger } from '@nestjs/common';
import { context as otelContext, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { compactedTopics, deadLetterTopic, parseEvent, type EventOf, type ParseResult, type Topic } from '@talent/contracts';
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
  /** The consumer group that read it, when not the service's (`KafkaModuleOptions.groupId`). */
  groupId?: string;
}

/** A valid event of a batch, with the trace context its effects belong to (its `process` span, a child of the producer's span). */
export interface ConsumedEvent<T extends Topic> {
  event: EventOf<T>;
  context: Context;
}

/**
 * Applies a batch of valid events at once (typically in one transaction) and returns, per event,
 * the reason it was rejected (dead-lettered as `rejected`) or undefined when it was applied. A
 * throw means nothing of the batch was applied: the inbox then applies the events one at a time.
 */
export type BatchHandler<T extends Topic> = (events: ReadonlyArray<ConsumedEvent<T>>) => Promise<ReadonlyArray<string | undefined>>;

/**
 * Forgets a key a tombstone (a message with no value) was published for, e.g. an erased
 * candidate's matches. Tombstones are not events: without a handler they are skipped, never
 * dead-lettered.
 */
export type TombstoneHandler = (key: string) => Promise<void>;

/**
 * A tombstone: a keyed message with no value on a compacted topic, which makes it forget its key.
 * On any other topic a message without a value is invalid (dead-lettered).
 */
export function isTombstone(message: InboxMessage): boolean {
  const { key, value } = message.message;
  return compactedTopics.has(message.topic as Topic) && (value === null || value === undefined) && key !== null && key !== undefined && String(key).length > 0;
}

/**
 * Whether whoever could write the topic may have sent this event (e.g. an ingest principal's
 * command for an organisation it is bound to): undefined if so, otherwise why not. A refused event
 * is dead-lettered as `forbidden: <why>` and never reaches the handler.
 */
export type EventAuthoriser<T extends Topic> = (event: EventOf<T>) => string | undefined;

const tracer = trace.getTracer('talent-match-inbox');

interface BatchItem<T extends Topic> {
  message: InboxMessage;
  raw: Buffer;
  parsed: ParseResult<T>;
  /** Why the event may not be applied (see `EventAuthoriser`), or undefined. */
  forbidden: string | undefined;
  span: Span;
  context: Context;
}

/** `processed`; `retried`: the handler threw and the message will be redelivered; `dead_lettered`. */
export type ConsumeOutcome = 'processed' | 'retried' | 'dead_lettered';
type DeadLetterKind = 'invalid' | 'forbidden' | 'rejected' | 'exhausted';

/**
 * After this many failed attempts a message goes to the dead-letter topic instead of blocking its
 * partition. Failures of the infrastructure (`KafkaModuleOptions.isTransient`: PostgreSQL away or restarting, a
 * connection cut, a deadlock) do not count: the message waits for as long as they last.
 */
export const MAX_HANDLER_ATTEMPTS = 5;

/** Waits before a transient failure's redelivery: doubling from the first, up to the last. */
export const TRANSIENT_BACKOFF_MS = { first: 100, max: 2_000 } as const;

/**
 * Entry point of every consumed message: validates it against its topic's schema, hands valid
 * events to the handler, and routes invalid ones (and ones whose handler keeps failing) to the
 * topic's `.dlq` with the reason in the headers. Nothing is dropped silently.
 */
@Injectable()
export class EventInbox {
  private readonly logger = new Logger(EventInbox.name);
  private readonly failures = new Map<string, number>();
  /** Consecutive transient failures per topic-partition (the back-off's exponent). */
  private readonly transientFailures = new Map<string, number>();

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
    context: InboxMessage,
    handle: (event: EventOf<T>) => Promise<void>,
  ): Promise<void> {
    if (isTombstone(context)) {
      messagesConsumed.inc({ topic: context.topic, outcome: 'processed' });
      return; // a compacted topic's tombstone: nothing to apply here
    }
    const started = process.hrtime.bigint();
    const span = trace.getActiveSpan();
    span?.setAttribute('messaging.consumer.group.name', context.groupId ?? this.options.groupId);
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

  /**
   * Handles a run of messages of one partition, in order: invalid ones are dead-lettered, the valid
   * ones applied together by `handleMany` (one transaction instead of one per message). Should the
   * batch fail, its messages are handled one at a time as `dispatch` would (retries, then
   * dead-lettering), and `handled` is told each message done, so the caller can commit up to it
   * before a failure makes the rest redelivered. Each message gets a `process <topic>` span in its
   * producer's trace, linked to the batch's `receive` span (the kafkajs instrumentation's, which
   * starts a trace of its own for every fetch).
   */
  async dispatchBatch<T extends Topic>(
    topic: T,
    messages: readonly InboxMessage[],
    handleMany: BatchHandler<T>,
    handled: (message: InboxMessage) => void,
    onTombstone?: TombstoneHandler,
    authorise?: EventAuthoriser<T>,
  ): Promise<void> {
    const tombstones = messages.filter(isTombstone);
    if (tombstones.length > 0) {
      // Rare (an erasure): the events before each tombstone are applied first, then it, in order.
      for (const run of splitAtTombstones(messages)) {
        if (isTombstone(run[0]!)) {
          await onTombstone?.(String(run[0]!.message.key));
          messagesConsumed.inc({ topic, outcome: 'processed' });
          handled(run[0]!);
        } else {
          await this.dispatchBatch(topic, run, handleMany, handled, undefined, authorise);
        }
      }
      return;
    }
    const started = process.hrtime.bigint();
    const batchSpan = trace.getActiveSpan();
    const items = messages.map((message): BatchItem<T> => {
      const raw = toBuffer(message.message.value);
      const parsed = parseEvent(topic, raw);
      const { span, context } = this.startProcessSpan(message, messages.length, batchSpan);
      if (parsed.ok) span.setAttributes(eventAttributes(parsed.event));
      const forbidden = parsed.ok ? authorise?.(parsed.event) : undefined;
      return { message, raw, parsed, forbidden, span, context };
    });
    const outcomes = new Map<InboxMessage, ConsumeOutcome>();
    try {
      const valid = items.flatMap((item) => (item.parsed.ok && item.forbidden === undefined ? [{ item, event: item.parsed.event }] : []));
      let rejections: Map<BatchItem<T>, string | undefined> | undefined;
      try {
        const reasons = valid.length === 0 ? [] : await handleMany(valid.map(({ item, event }) => ({ event, context: item.context })));
        rejections = new Map(valid.map(({ item }, i) => [item, reasons[i]]));
      } catch (error) {
        // The database is away: one at a time would fail alike. The whole run waits and is redelivered.
        if (this.options.isTransient(error)) await this.backOff(messages[0]!, `batch of ${valid.length}`, error);
        this.logger.warn(`batch of ${valid.length} ${topic} events failed, applying them one at a time: ${(error as Error).message}`);
      }
      if (rejections !== undefined && messages[0]) this.transientFailures.delete(partitionOf(messages[0]));
      for (const item of items) {
        outcomes.set(item.message, await this.settle(item, rejections, handleMany));
        handled(item.message);
      }
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const item of items) {
        const outcome = outcomes.get(item.message) ?? 'retried';
        const labels = { topic: item.message.topic, outcome };
        messagesConsumed.inc(labels);
        messageProcessingDuration.observe(labels, seconds);
        item.span.setAttribute('talentmatch.consume.outcome', outcome);
        if (outcome !== 'processed') item.span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        item.span.end();
      }
    }
  }

  /**
   * One message of a batch once the batch ran: dead-letters it if invalid or rejected; if the batch
   * failed, applies it alone with the retry rules of `dispatch` (a throw leaves it for redelivery).
   */
  private async settle<T extends Topic>(
    item: BatchItem<T>,
    rejections: Map<BatchItem<T>, string | undefined> | undefined,
    handleMany: BatchHandler<T>,
  ): Promise<ConsumeOutcome> {
    if (item.forbidden !== undefined) {
      await this.deadLetter(item.message, item.raw, 'forbidden', `forbidden: ${item.forbidden}`, 1);
      return 'dead_lettered';
    }
    if (!item.parsed.ok || rejections === undefined) {
      return otelContext.with(item.context, () =>
        this.handleParsed(item.parsed, item.raw, item.message, async (event) => {
          const [rejection] = await handleMany([{ event, context: item.context }]);
          if (rejection !== undefined) throw new RejectedMessageError(rejection);
        }),
      );
    }
    const reason = rejections.get(item);
    if (reason === undefined) return 'processed';
    await this.deadLetter(item.message, item.raw, 'rejected', `rejected: ${reason}`, 1);
    return 'dead_lettered';
  }

  /**
   * The message's span in its producer's trace (with the baggage it carried), linked to the batch
   * it arrived in, and the context to continue the message's work in.
   */
  private startProcessSpan(message: InboxMessage, batchSize: number, batchSpan: Span | undefined): { span: Span; context: Context } {
    const parent = propagation.extract(ROOT_CONTEXT, headersToStrings(message.message.headers));
    const batch = batchSpan?.spanContext();
    const span = tracer.startSpan(
      `process ${message.topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': message.topic,
          'messaging.destination.partition.id': String(message.partition),
          'messaging.kafka.offset': Number(message.message.offset),
          ...(message.message.key !== null && message.message.key !== undefined && { 'messaging.kafka.message.key': String(message.message.key) }),
          'messaging.consumer.group.name': message.groupId ?? this.options.groupId,
          'messaging.batch.message_count': batchSize,
        },
        ...(batch && trace.isSpanContextValid(batch) && { links: [{ context: batch }] }),
      },
      parent,
    );
    return { span, context: trace.setSpan(parent, span) };
  }

  private async handleMessage<T extends Topic>(
    topic: T,
    payload: unknown,
    context: InboxMessage,
    handle: (event: EventOf<T>) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    const raw = toBuffer(payload);
    return this.handleParsed(parseEvent(topic, raw), raw, context, handle);
  }

  private async handleParsed<T extends Topic>(
    parsed: ParseResult<T>,
    raw: Buffer,
    context: InboxMessage,
    handle: (event: EventOf<T>) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    if (!parsed.ok) {
      await this.deadLetter(context, raw, 'invalid', `invalid event: ${parsed.reason}`, 1);
      return 'dead_lettered';
    }
    trace.getActiveSpan()?.setAttributes(eventAttributes(parsed.event));
    const position = `${context.topic}/${context.partition}/${context.message.offset}`;
    try {
      await handle(parsed.event);
      this.failures.delete(position);
      this.transientFailures.delete(partitionOf(context));
      return 'processed';
    } catch (error) {
      if (this.options.isTransient(error)) await this.backOff(context, position, error);
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

  /**
   * A transient failure: waits (doubling per consecutive failure on the partition, see
   * `TRANSIENT_BACKOFF_MS`), then rethrows, so the message is redelivered without counting as an
   * attempt.
   */
  private async backOff(context: InboxMessage, what: string, error: unknown): Promise<never> {
    const partition = partitionOf(context);
    const failures = (this.transientFailures.get(partition) ?? 0) + 1;
    this.transientFailures.set(partition, failures);
    const delay = Math.min(TRANSIENT_BACKOFF_MS.first * 2 ** (failures - 1), TRANSIENT_BACKOFF_MS.max);
    this.logger.warn(`${what}: the database or its connection failed (${failures} in a row on ${partition}), retrying in ${delay} ms: ${(error as Error).message}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    throw error;
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
          [DeadLetterHeaders.consumerGroup]: context.groupId ?? this.options.groupId,
          [DeadLetterHeaders.service]: this.options.serviceName,
          [DeadLetterHeaders.failedAt]: new Date().toISOString(),
          [DeadLetterHeaders.attempts]: String(attempts),
        },
      },
    ]);
  }
}

/** The messages in runs: each tombstone alone, the messages between them together. */
function splitAtTombstones(messages: readonly InboxMessage[]): InboxMessage[][] {
  const runs: InboxMessage[][] = [];
  for (const message of messages) {
    const last = runs.at(-1);
    if (isTombstone(message) || !last || isTombstone(last[0]!)) runs.push([message]);
    else last.push(message);
  }
  return runs;
}

function partitionOf(context: InboxMessage): string {
  return `${context.topic}/${context.partition}`;
}

/** Span attributes naming an event: ids only, never its contents. */
function eventAttributes(event: { id: string; type: string; subject: string }): Record<string, string> {
  return {
    'messaging.message.id': event.id,
    'cloudevents.event_id': event.id,
    'cloudevents.event_type': event.type,
    'cloudevents.event_subject': event.subject,
  };
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
