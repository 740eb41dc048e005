import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
import { outboxPublishDelay } from '@talent/observability';
import { contextFromCarrier } from '@talent/telemetry';

export interface OutboxRecord {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** What the relay needs from Kafka: an ordered, acknowledged send. */
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly sink: OutboxSink,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Shortens the wait when the caller knows new rows were just committed. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let runner: QueryRunner | undefined;
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
        failures = 0;
        while (this.running) {
          const published = await this.publishBatch(runner);
          failures = 0;
          if (published === 0) {
            await this.pause(this.options.pollIntervalMs);
          }
        }
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`outbox:${this.options.lockName}`]);
      } catch (error) {
        failures += 1;
        this.options.onError?.(error);
        await this.pause(Math.min(this.options.pollIntervalMs * 2 ** failures, 5_000));
      } finally {
        await runner?.release().catch(() => undefined);
      }
    }
  }

  private async publishBatch(runner: QueryRunner): Promise<number> {
    const rows = (await runner.query(
      'SELECT id, topic, message_key, event_id, payload, trace_context, created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1',
      [this.options.batchSize ?? 200],
    )) as OutboxRow[];
    if (rows.length === 0) {
      return 0;
    }
    // One aggregate's rows go out one after another, in id order; different aggregates in
    // parallel. A failed row stops its aggregate's chain (later rows wait for the next round) and
    // only what the broker acknowledged is marked published.
    const chains = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const chain = chains.get(row.message_key) ?? [];
      chain.push(row);
      chains.set(row.message_key, chain);
    }
    const published: string[] = [];
    const failures: unknown[] = [];
    await Promise.all(
      [...chains.values()].map(async (chain) => {
        for (const row of chain) {
          try {
            await this.publishRow(row);
            published.push(row.id);
          } catch (error) {
            failures.push(error);
            return;
          }
        }
      }),
    );
    if (published.length > 0) {
      await runner.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [published]);
    }
    if (failures.length > 0) {
      throw failures[0];
    }
    return rows.length;
  }

  /**
   * Sends one row within the trace context it was written in (a child of the span that wrote it),
   * so its Kafka `send` span, and the traceparent header consumers continue from, belong to the
   * originating request's trace. The stored baggage travels on too.
   */
  private publishRow(row: OutboxRow): Promise<void> {
    const attributes = {
      'messaging.system': 'kafka',
      'messaging.destination.name': row.topic,
      'messaging.message.id': row.event_id,
      'messaging.kafka.message.key': row.message_key,
      'talentmatch.outbox.id': row.id,
    };
    return context.with(contextFromCarrier(row.trace_context), () =>
      tracer.startActiveSpan(`outbox publish ${row.topic}`, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
        try {
          await this.sink.send([{ topic: row.topic, key: row.message_key, value: JSON.stringify(row.payload), headers: {} }]);
          outboxPublishDelay.observe({ topic: row.topic }, Math.max(0, (Date.now() - new Date(row.created_at).getTime()) / 1000));
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      }),
    );
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
