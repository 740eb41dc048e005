import { SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { outboxPublishDelay } from '@talent/observability';
import { contextFromCarrier } from '@talent/telemetry';
import { OUTBOX_WRITTEN } from './outbox-writer';

/**
 * Rows a relay sends per request unless told otherwise. The batch is acknowledged as a whole or sent
 * again as a whole, so it is also the most one lost acknowledgement can publish twice.
 */
export const OUTBOX_RELAY_BATCH = 200;

export interface OutboxRecord {
  topic: string;
  key: string;
  /** null: a tombstone. */
  value: string | null;
  headers: Record<string, string>;
  /** The row's trace context (its `outbox publish` span): the record's Kafka span belongs under it. */
  context: Context;
}

/**
 * What the relay needs from Kafka: an ordered, acknowledged send of many records at once, each
 * traced in its own context.
 */
export interface OutboxSink {
  send(records: readonly OutboxRecord[]): Promise<void>;
}

export interface OutboxRelayOptions {
  pollIntervalMs: number;
  batchSize?: number;
  /** Distinguishes the relays of different services sharing one PostgreSQL server. */
  lockName: string;
  onError?: (error: unknown) => void;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  event_id: string;
  payload: unknown;
  trace_context: Record<string, string> | null;
  created_at: Date;
}

export interface OutboxBacklog {
  /** Rows not yet published. */
  messages: number;
  /** Age of the oldest of them, in seconds (0 when there are none). */
  oldestAgeSeconds: number;
}

/** How far behind the relay is; cheap thanks to the partial index on unpublished rows. */
export async function readOutboxBacklog(dataSource: DataSource): Promise<OutboxBacklog> {
  const [row] = await dataSource.query<Array<{ messages: number; age: number }>>(
    `SELECT count(*)::int AS messages,
            COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
       FROM outbox WHERE published_at IS NULL`,
  );
  return { messages: row?.messages ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
}

const tracer = trace.getTracer('talent-match-outbox');

/**
 * Publishes outbox rows in id order. One relay per service is active at a time (a PostgreSQL
 * advisory lock elects it), which keeps each aggregate's events in order across instances.
 * A row is marked published only after the broker acknowledged it: delivery is at least once,
 * and consumers are idempotent. With the broker down, rows simply wait.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Set by a nudge; an empty round pauses only if none came while it was reading. */
  private nudged = false;
  /** Holds the advisory lock: only then does a nudge cut a pause short (else it would retry the lock). */
  private leader = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sink: OutboxSink,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.dataSource.subscribers.push(this.onCommit);
    this.loop = this.run();
  }

  /** Nudges the relay after each transaction that wrote outbox rows through `enqueueEvent(s)`. */
  private readonly onCommit: EntitySubscriberInterface = {
    afterTransactionCommit: (event) => {
      if (event.queryRunner.data[OUTBOX_WRITTEN] !== true) return;
      delete event.queryRunner.data[OUTBOX_WRITTEN];
      this.nudge();
    },
  };

  /** Shortens the wait when the caller knows new rows were just committed. */
  nudge(): void {
    this.nudged = true;
    if (this.leader) this.wake?.();
  }

  async stop(): Promise<void> {
    const subscribers = this.dataSource.subscribers;
    if (subscribers.includes(this.onCommit)) subscribers.splice(subscribers.indexOf(this.onCommit), 1);
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let runner: QueryRunner | undefined;
      let holdsLock = false;
      try {
        runner = this.dataSource.createQueryRunner();
        await runner.connect();
        const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
          `outbox:${this.options.lockName}`,
        ])) as [{ locked: boolean }];
        if (!locked) {
          await this.pause(this.options.pollIntervalMs * 10);
          continue;
        }
        holdsLock = true;
        this.leader = true;
        failures = 0;
        while (this.running) {
          this.nudged = false;
          const published = await this.publishBatch(runner);
          failures = 0;
          // Nothing to publish: wait for the next poll, unless rows were committed (and nudged
          // about) while this round was reading — it could not see them.
          if (published === 0 && !this.nudged) {
            await this.pause(this.options.pollIntervalMs);
          }
        }
        this.leader = false;
        await this.unlock(runner);
        holdsLock = false;
      } catch (error) {
        this.leader = false; // the back-off below is not cut short by nudges
        failures += 1;
        this.options.onError?.(error);
        await this.pause(Math.min(this.options.pollIntervalMs * 2 ** failures, 5_000));
      } finally {
        // After a failed round (a Kafka send, a query) the lock is given up before the connection
        // goes back to the pool: a session lock would otherwise stay with the pooled connection.
        if (holdsLock && runner) await this.unlock(runner).catch(() => undefined);
        await runner?.release().catch(() => undefined);
      }
    }
  }

  private async unlock(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`outbox:${this.options.lockName}`]);
  }

  private async publishBatch(runner: QueryRunner): Promise<number> {
    const rows = (await runner.query(
      'SELECT id, topic, message_key, event_id, payload, trace_context, created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1',
      [this.options.batchSize ?? OUTBOX_RELAY_BATCH],
    )) as OutboxRow[];
    if (rows.length === 0) {
      return 0;
    }
    // The whole batch goes out in one request per topic, in id order, so one aggregate's rows
    // (same key, same partition) keep their order. It is acknowledged as a whole or not at all:
    // on failure nothing is marked and the batch is sent again (at least once; consumers are
    // idempotent). Each row still has its own span, a child of the span that wrote it.
    const traced = rows.map((row) => this.startPublishSpan(row));
    try {
      await this.sink.send(
        traced.map(({ row, context }) => ({ topic: row.topic, key: row.message_key, value: row.payload === null ? null : JSON.stringify(row.payload), headers: {}, context })),
      );
    } catch (error) {
      for (const { span } of traced) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        span.end();
      }
      throw error;
    }
    const now = Date.now();
    for (const { row, span } of traced) {
      outboxPublishDelay.observe({ topic: row.topic }, Math.max(0, (now - new Date(row.created_at).getTime()) / 1000));
      span.end();
    }
    await runner.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
    return rows.length;
  }

  /**
   * The row's `outbox publish <topic>` span, within the trace context it was written in (a child
   * of the span that wrote it), so its Kafka `send` span, and the traceparent header consumers
   * continue from, belong to the originating request's trace. The stored baggage travels on too.
   */
  private startPublishSpan(row: OutboxRow): { row: OutboxRow; span: Span; context: Context } {
    const parent = contextFromCarrier(row.trace_context);
    const span = tracer.startSpan(
      `outbox publish ${row.topic}`,
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': row.topic,
          'messaging.message.id': row.event_id,
          'messaging.kafka.message.key': row.message_key,
          'talentmatch.outbox.id': row.id,
        },
      },
      parent,
    );
    return { row, span, context: trace.setSpan(parent, span) };
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
