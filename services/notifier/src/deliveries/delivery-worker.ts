import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { context } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import { NotificationEventTypes, type NotificationChannel } from '@talent/contracts';
import { OutboxRelayService } from '@talent/service-kit';
import { contextFromCarrier, ingestedAt } from '@talent/telemetry';
import { auditOutboxRow, type AuditType } from '../audit/audit-events';
import type { NotifierEnv } from '../config';
import type { ComposedEmail } from '../email/email-composer';
import type { MailSender } from '../email/mail-sender';
import { MAIL_SENDER, NOTIFIER_ENV } from '../notifier.providers';
import { signedHeaders } from '../webhooks/standard-webhooks';
import { SsrfGuard, SsrfRefusedError } from '../webhooks/ssrf-guard';
import { sendWebhook } from '../webhooks/webhook-sender';
import { retryDelayMs } from './backoff';
import { recordNotificationDelivery } from '@talent/observability';

interface ClaimedDelivery {
  id: string;
  channel: Exclude<NotificationChannel, 'inbox'>;
  mode: 'instant' | 'digest';
  organisation_id: string | null;
  recruiter_id: string | null;
  endpoint_id: string | null;
  destination: string;
  match_ids: string[];
  payload: { body?: string; to?: string } & Partial<ComposedEmail>;
  attempts: number;
  trace_context: Record<string, string> | null;
}

interface Outcome {
  ok: boolean;
  statusCode?: number;
  error?: string;
  /** Retrying cannot help (refused address, endpoint removed, permanent SMTP rejection). */
  permanent?: boolean;
}

/**
 * Works off the `deliveries` queue. Rows are claimed with `FOR UPDATE SKIP LOCKED` (so instances
 * share the work) and leased: a claimed row whose worker died is claimed again when the lease
 * runs out. The call itself happens outside any transaction, with a per-request timeout; at most
 * `DELIVERY_PER_DESTINATION` deliveries per destination are in flight at once, so a hanging
 * endpoint holds a few slots while every other destination keeps flowing.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Map<string, number>();
  private readonly tasks = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
    private readonly guard: SsrfGuard,
    @Inject(MAIL_SENDER) private readonly mail: MailSender | null,
    @Optional() private readonly outbox?: OutboxRelayService,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.tasks]);
    this.mail?.close();
  }

  /** New deliveries were committed: look now instead of at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        const free = this.env.DELIVERY_CONCURRENCY - this.tasks.size;
        if (free > 0) {
          const rows = await this.claim(free);
          claimed = rows.length;
          for (const row of rows) this.start(row);
        }
      } catch (error) {
        this.logger.warn(`claiming deliveries failed: ${(error as Error).message}`);
      }
      if (claimed === 0) await this.pause(this.env.DELIVERY_POLL_INTERVAL_MS);
    }
  }

  /**
   * Claims due rows, oldest first: for each destination as many as it has free slots (of
   * `DELIVERY_PER_DESTINATION`, less those in flight here), `limit` in all.
   */
  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const inFlight = [...this.inFlight];
    const leaseSeconds = (this.env.NOTIFY_WEBHOOK_TIMEOUT_MS + Math.max(this.env.SMTP_TIMEOUT_MS * 3, 30_000)) / 1000;
    return this.dataSource.query<ClaimedDelivery[]>(
      `WITH due AS (
         SELECT id, COALESCE(endpoint_id::text, destination) AS key,
                row_number() OVER (PARTITION BY COALESCE(endpoint_id::text, destination) ORDER BY next_attempt_at) AS rank
           FROM deliveries
          WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'delivering' AND locked_until < now())
       ), picked AS (
         SELECT d.id FROM deliveries d
           JOIN due ON due.id = d.id
           LEFT JOIN unnest($2::text[], $3::int[]) AS busy (key, in_flight) ON busy.key = due.key
          WHERE due.rank <= $4 - COALESCE(busy.in_flight, 0)
            AND ((d.status = 'pending' AND d.next_attempt_at <= now()) OR (d.status = 'delivering' AND d.locked_until < now()))
          ORDER BY d.next_attempt_at LIMIT $1
          FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE deliveries SET status = 'delivering', attempts = deliveries.attempts + 1,
           locked_until = now() + make_interval(secs => $5::double precision)
          WHERE deliveries.id IN (SELECT id FROM picked)
         RETURNING deliveries.*
       )
       SELECT * FROM claimed`,
      [limit, inFlight.map(([key]) => key), inFlight.map(([, count]) => count), this.env.DELIVERY_PER_DESTINATION, leaseSeconds],
    );
  }

  private start(row: ClaimedDelivery): void {
    const key = row.endpoint_id ?? row.destination;
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    const task = context
      .with(contextFromCarrier(row.trace_context), () => this.deliver(row))
      .catch((error: unknown) => this.logger.error(`delivery ${row.id} failed unexpectedly: ${(error as Error).message}`))
      .finally(() => {
        const count = (this.inFlight.get(key) ?? 1) - 1;
        if (count > 0) this.inFlight.set(key, count);
        else this.inFlight.delete(key);
        this.tasks.delete(task);
        this.wake?.(); // a slot is free
      });
    this.tasks.add(task);
  }

  private async deliver(row: ClaimedDelivery): Promise<void> {
    const startedAt = new Date();
    const outcome = row.channel === 'webhook' ? await this.sendWebhook(row) : await this.sendEmail(row);
    await this.record(row, outcome, startedAt);
    recordNotificationDelivery({
      channel: row.channel,
      delivered: outcome.ok,
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      ingestedAtMs: ingestedAt(),
    });
    if (outcome.ok) this.logger.log(`delivered match ${row.match_ids.join(', ')} by ${row.channel} (delivery ${row.id})`);
  }

  private async sendWebhook(row: ClaimedDelivery): Promise<Outcome> {
    const [endpoint] = await this.dataSource.query<Array<{ url: string; secret: string; is_default: boolean; active: boolean }>>(
      'SELECT url, secret, is_default, active FROM webhook_endpoints WHERE id = $1',
      [row.endpoint_id],
    );
    if (!endpoint?.active) {
      return { ok: false, error: 'the webhook endpoint was removed', permanent: true };
    }
    let addresses;
    try {
      // The operator's own endpoint is configuration, trusted; recruiters' endpoints are checked.
      addresses = endpoint.is_default ? undefined : await this.guard.resolve(row.destination);
    } catch (error) {
      if (error instanceof SsrfRefusedError) return { ok: false, error: `refused: ${error.message}`, permanent: true };
      throw error;
    }
    const body = row.payload.body ?? '';
    return sendWebhook({
      url: row.destination,
      body,
      headers: signedHeaders(endpoint.secret, row.id, body),
      timeoutMs: this.env.NOTIFY_WEBHOOK_TIMEOUT_MS,
      addresses,
    });
  }

  private async sendEmail(row: ClaimedDelivery): Promise<Outcome> {
    if (!this.mail) {
      return { ok: false, error: 'e-mail is not configured (SMTP_URL)' };
    }
    const { subject = '', text = '', html = '' } = row.payload;
    return this.mail.send(row.destination, { subject, text, html }, `<${row.id}@talent-match.notifier>`);
  }

  /** Stores the outcome of an attempt, its log line and audit event, unless the lease was lost meanwhile. */
  private async record(row: ClaimedDelivery, outcome: Outcome, startedAt: Date): Promise<void> {
    const lastAttempt = outcome.permanent || row.attempts >= this.env.DELIVERY_MAX_ATTEMPTS;
    const status = outcome.ok ? 'delivered' : lastAttempt ? 'dead_lettered' : 'pending';
    const delayMs = status === 'pending' ? retryDelayMs(row.attempts, { baseMs: this.env.DELIVERY_RETRY_BASE_MS, maxMs: this.env.DELIVERY_RETRY_MAX_MS }) : 0;
    const nextAttemptAt = status === 'pending' ? new Date(Date.now() + delayMs) : null;
    const type: AuditType =
      status === 'delivered' ? NotificationEventTypes.delivered : status === 'pending' ? NotificationEventTypes.failed : NotificationEventTypes.deadLettered;
    const audit = auditOutboxRow(type, {
      deliveryId: row.id,
      channel: row.channel,
      mode: row.mode,
      organisationId: row.organisation_id,
      recruiterId: row.recruiter_id,
      endpointId: row.endpoint_id,
      matchIds: row.match_ids,
      attempts: row.attempts,
      statusCode: outcome.statusCode ?? null,
      error: outcome.error?.slice(0, 2000) ?? null,
      nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
    });
    // One statement, so one round trip and atomic: the delivery's new state, the attempt, its
    // notifications, and the audit event in the outbox — all or nothing, and nothing at all if the
    // lease ran out and another worker owns the row now.
    await this.dataSource.query(
      `WITH updated AS (
         UPDATE deliveries SET status = $3, locked_until = NULL, next_attempt_at = COALESCE($4, next_attempt_at),
           last_status_code = $5, last_error = $6,
           delivered_at = CASE WHEN $3 = 'delivered' THEN now() END,
           dead_lettered_at = CASE WHEN $3 = 'dead_lettered' THEN now() END
          WHERE id = $1 AND status = 'delivering' AND attempts = $2
         RETURNING id
       ), attempt AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, outcome)
         SELECT id, $2::int, $7::timestamptz, $8::int, $5::int, $6::text, $9::text FROM updated
       ), notified AS (
         UPDATE notifications SET status = $10, delivered_at = CASE WHEN $10 = 'delivered' THEN now() END
          WHERE delivery_id IN (SELECT id FROM updated)
       )
       INSERT INTO outbox (topic, message_key, event_id, payload, trace_context)
       SELECT $11, $12, $13::uuid, $14::jsonb, $15::jsonb FROM updated`,
      [
        row.id,
        row.attempts,
        status,
        nextAttemptAt,
        outcome.statusCode ?? null,
        outcome.error?.slice(0, 2000) ?? null,
        startedAt,
        Date.now() - startedAt.getTime(),
        status === 'pending' ? 'failed' : status,
        status === 'pending' ? 'retrying' : status,
        ...audit,
      ],
    );
    this.outbox?.nudge();
    if (!outcome.ok) {
      this.logger.warn(`${row.channel} delivery ${row.id} attempt ${row.attempts} failed (${outcome.error ?? 'unknown'}); ${status === 'pending' ? `retrying in ${delayMs} ms` : 'dead-lettered'}`);
    }
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
