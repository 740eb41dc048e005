import type { DataSource } from 'typeorm';
import { GroupCommit } from '@talent/persistence';
import { type OutboxRowColumns } from '@talent/outbox';

/** What one delivery attempt changes: the delivery, its attempt row, its notifications and its audit event. */
export interface DeliveryOutcome {
  id: string;
  attempt: number;
  status: 'delivered' | 'pending' | 'dead_lettered';
  nextAttemptAt: Date | null;
  statusCode: number | null;
  error: string | null;
  startedAt: Date;
  durationMs: number;
  /** The attempt row's outcome. */
  outcome: 'delivered' | 'failed' | 'dead_lettered';
  /** The new status of the delivery's notifications. */
  notificationStatus: 'delivered' | 'retrying' | 'dead_lettered';
  /** The audit event's outbox row. */
  audit: OutboxRowColumns;
}

/**
 * Writes delivery outcomes in groups (`GroupCommit`): an outcome that arrives while a write is in
 * flight waits for it and goes out with the others that arrived meanwhile, in one statement. Idle,
 * an outcome is written at once; under load, many attempts share a round trip. Each outcome is
 * applied only if its lease is still held (`delivering`, same attempt), so one that lost its row
 * to another worker changes nothing, as before.
 */
export class OutcomeWriter {
  private readonly groups: GroupCommit<DeliveryOutcome, void>;

  constructor(private readonly dataSource: DataSource) {
    this.groups = new GroupCommit<DeliveryOutcome, void>(async (outcomes) => {
      await this.apply(outcomes);
      return outcomes.map(() => undefined);
    });
  }

  /** Resolves once the outcome is committed; rejects if its statement failed. */
  write(outcome: DeliveryOutcome): Promise<void> {
    return this.groups.submit(outcome);
  }

  private async apply(outcomes: readonly DeliveryOutcome[]): Promise<void> {
    const rows = outcomes.map((outcome) => ({
      id: outcome.id,
      attempt: outcome.attempt,
      status: outcome.status,
      next_attempt_at: outcome.nextAttemptAt?.toISOString() ?? null,
      status_code: outcome.statusCode,
      error: outcome.error,
      started_at: outcome.startedAt.toISOString(),
      duration_ms: outcome.durationMs,
      outcome: outcome.outcome,
      notification_status: outcome.notificationStatus,
      ...outcome.audit,
    }));
    // One statement, so one round trip and atomic: each delivery's new state, its attempt, its
    // notifications, and its audit event in the outbox — all or nothing, and nothing for a
    // delivery whose lease ran out and whose row another worker owns now.
    await this.dataSource.query(
      `WITH o AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS o (
           id uuid, attempt integer, status text, next_attempt_at timestamptz, status_code integer, error text,
           started_at timestamptz, duration_ms integer, outcome text, notification_status text,
           topic text, message_key text, event_id uuid, payload jsonb, trace_context jsonb)
       ), updated AS (
         UPDATE deliveries d SET status = o.status, locked_until = NULL, next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at),
           last_status_code = o.status_code, last_error = o.error,
           delivered_at = CASE WHEN o.status = 'delivered' THEN now() END,
           dead_lettered_at = CASE WHEN o.status = 'dead_lettered' THEN now() END
           FROM o
          WHERE d.id = o.id AND d.status = 'delivering' AND d.attempts = o.attempt
         RETURNING d.id
       ), applied AS (
         SELECT o.* FROM o JOIN updated ON updated.id = o.id
       ), attempt AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, outcome)
         SELECT id, attempt, started_at, duration_ms, status_code, error, outcome FROM applied
       ), notified AS (
         UPDATE notifications n SET status = a.notification_status, delivered_at = CASE WHEN a.notification_status = 'delivered' THEN now() END
           FROM applied a
          WHERE n.delivery_id = a.id
       )
       INSERT INTO outbox (topic, message_key, event_id, payload, trace_context)
       SELECT topic, message_key, event_id, payload, trace_context FROM applied`,
      [JSON.stringify(rows)],
    );
  }
}
