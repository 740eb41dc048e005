import { context, SpanKind, trace } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
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
  payload: unknown;
  trace_context: Record<string, string> | null;
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
      'SELECT id, topic, message_key, payload, trace_context FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1',
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
   * Sends one row within the trace context it was written in, so its Kafka span (and the
   * traceparent header consumers continue from) belongs to the originating request's trace.
   */
  private publishRow(row: OutboxRow): Promise<void> {
    return context.with(contextFromCarrier(row.trace_context), () =>
      tracer.startActiveSpan(`outbox publish ${row.topic}`, { kind: SpanKind.INTERNAL }, async (span) => {
        try {
          await this.sink.send([{ topic: row.topic, key: row.message_key, value: JSON.stringify(row.payload), headers: {} }]);
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
