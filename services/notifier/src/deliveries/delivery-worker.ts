import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { context } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import { NotificationEventTypes, type NotificationChannel } from '@talent/contracts';
import { OutboxRelayService } from '@talent/outbox';
import { contextFromCarrier, ingestedAt } from '@talent/telemetry';
import { auditOutboxRow, type AuditType } from '../audit/audit-events';
import type { NotifierEnv } from '../config';
import type { ComposedEmail } from '../email/email-composer';
import type { MailSender } from '../email/mail-sender';
import { MAIL_SENDER, NOTIFIER_ENV } from '../notifier.providers';
import { SecretBox, SecretBoxError } from '../webhooks/secret-box';
import { signedHeaders } from '../webhooks/standard-webhooks';
import { SsrfGuard, SsrfRefusedError } from '../webhooks/ssrf-guard';
import { sendWebhook } from '../webhooks/webhook-sender';
import { retryDelayMs } from './backoff';
import { OutcomeWriter } from './outcome-writer';
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
  /** The webhook endpoint as it is now (null if removed), read with the claim. */
  endpoint_secret: string | null;
  /** The secret before the last rotation, while its grace period lasts (calls are signed with both). */
  endpoint_previous_secret: string | null;
  endpoint_is_default: boolean | null;
  endpoint_active: boolean | null;
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
 * endpoint holds a few slots while every other destination keeps flowing. The worker holds up to
 * as many claimed rows again per destination, ready for the next free slot, and writes outcomes
 * in groups (`OutcomeWriter`): under load a call follows the previous one without waiting for a
 * round trip to PostgreSQL.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  /** Calls in progress per destination (endpoint id, or address for e-mail). */
  private readonly inFlight = new Map<string, number>();
  /** Claimed rows waiting for a free slot of their destination, oldest first. */
  private readonly ready = new Map<string, ClaimedDelivery[]>();
  private readyCount = 0;
  /** Deliveries started and not yet recorded. */
  private readonly tasks = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Set by a nudge or a freed slot; a claim round that found nothing pauses only if none came meanwhile. */
  private signalled = false;
  private readonly outcomes: OutcomeWriter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
    private readonly guard: SsrfGuard,
    @Inject(MAIL_SENDER) private readonly mail: MailSender | null,
    private readonly box: SecretBox,
    @Optional() private readonly outbox?: OutboxRelayService,
  ) {
    this.outcomes = new OutcomeWriter(dataSource);
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
    this.mail?.close();
  }

  /** Stops claiming, returns the rows claimed but not started to the queue, and waits for the calls in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.signal();
    await this.loop;
    await this.releaseReady();
    await Promise.allSettled([...this.tasks]);
  }

  /** New deliveries were committed: look now instead of at the next poll. */
  nudge(): void {
    this.signal();
  }

  private signal(): void {
    this.signalled = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      this.signalled = false;
      try {
        const room = 2 * this.env.DELIVERY_CONCURRENCY - this.tasks.size - this.readyCount;
        if (room > 0) {
          const rows = await this.claim(room);
          claimed = rows.length;
          for (const row of rows) {
            const key = destinationKey(row);
            const queue = this.ready.get(key) ?? [];
            queue.push(row);
            this.ready.set(key, queue);
            this.readyCount += 1;
          }
          this.dispatch();
        }
      } catch (error) {
        this.logger.warn(`claiming deliveries failed: ${(error as Error).message}`);
      }
      // Nothing claimable: wait for the next poll, unless new work or a free slot was signalled
      // while this round's claim was in flight (it could not see them).
      if (claimed === 0 && !this.signalled) await this.pause(this.env.DELIVERY_POLL_INTERVAL_MS);
    }
  }

  /**
   * Claims due rows, oldest first (and a match's deliveries to a destination one after another,
   * in the order they were queued): for each destination enough to fill its slots (of
   * `DELIVERY_PER_DESTINATION`) and as many again waiting for them, less what this worker holds
   * for it already; `limit` in all. Holding the next rows here means a freed slot starts its next
   * call at once, without a round trip; the lease covers the wait (at most one call's timeout).
   */
  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const held = new Map(this.inFlight);
    for (const [key, queue] of this.ready) held.set(key, (held.get(key) ?? 0) + queue.length);
    const leaseSeconds = (2 * this.env.NOTIFY_WEBHOOK_TIMEOUT_MS + Math.max(this.env.SMTP_TIMEOUT_MS * 3, 30_000)) / 1000;
    return this.dataSource.query<ClaimedDelivery[]>(
      // Destinations with open deliveries are listed by skipping through the index (one probe
      // each), then each gives its oldest due rows up to its free slots: the cost follows the
      // destinations and the rows taken, not the backlog.
      `WITH RECURSIVE destinations AS (
         (SELECT COALESCE(endpoint_id::text, destination) AS key FROM deliveries
           WHERE status IN ('pending', 'delivering') ORDER BY 1 LIMIT 1)
         UNION ALL
         SELECT (SELECT COALESCE(d.endpoint_id::text, d.destination) FROM deliveries d
                  WHERE d.status IN ('pending', 'delivering') AND COALESCE(d.endpoint_id::text, d.destination) > destinations.key
                  ORDER BY 1 LIMIT 1)
           FROM destinations WHERE destinations.key IS NOT NULL
       ), due AS (
         SELECT c.id FROM destinations
           LEFT JOIN unnest($2::text[], $3::int[]) AS busy (key, held) ON busy.key = destinations.key
           CROSS JOIN LATERAL (
             SELECT d.id FROM deliveries d
              WHERE d.status IN ('pending', 'delivering') AND COALESCE(d.endpoint_id::text, d.destination) = destinations.key
                AND d.next_attempt_at <= now() AND (d.status = 'pending' OR d.locked_until < now())
                -- A match's deliveries to one destination go out in order: none while an earlier one is open.
                AND NOT EXISTS (
                  SELECT 1 FROM deliveries e
                   WHERE d.match_id IS NOT NULL AND e.match_id = d.match_id AND e.sequence < d.sequence
                     AND e.status IN ('pending', 'delivering')
                     AND COALESCE(e.endpoint_id::text, e.destination) = COALESCE(d.endpoint_id::text, d.destination))
              ORDER BY d.next_attempt_at, d.sequence
              LIMIT GREATEST(0, 2 * $4 - COALESCE(busy.held, 0))
           ) c
          WHERE destinations.key IS NOT NULL
       ), picked AS (
         SELECT d.id FROM deliveries d
          WHERE d.id IN (SELECT id FROM due)
            AND ((d.status = 'pending' AND d.next_attempt_at <= now()) OR (d.status = 'delivering' AND d.locked_until < now()))
          ORDER BY d.next_attempt_at, d.sequence LIMIT $1
          FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE deliveries SET status = 'delivering', attempts = deliveries.attempts + 1,
           locked_until = now() + make_interval(secs => $5::double precision)
          WHERE deliveries.id IN (SELECT id FROM picked)
         RETURNING deliveries.*
       )
       SELECT claimed.*, e.secret AS endpoint_secret,
              CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS endpoint_previous_secret, e.is_default AS endpoint_is_default, e.active AS endpoint_active
         FROM claimed LEFT JOIN webhook_endpoints e ON e.id = claimed.endpoint_id
        ORDER BY claimed.next_attempt_at, claimed.sequence`,
      [limit, [...held.keys()], [...held.values()], this.env.DELIVERY_PER_DESTINATION, leaseSeconds],
    );
  }

  /** Starts waiting rows while their destination has a free slot and the worker is below `DELIVERY_CONCURRENCY`. */
  private dispatch(): void {
    for (const [key, queue] of this.ready) {
      while (this.running && queue.length > 0 && (this.inFlight.get(key) ?? 0) < this.env.DELIVERY_PER_DESTINATION && this.tasks.size < this.env.DELIVERY_CONCURRENCY) {
        this.readyCount -= 1;
        this.start(key, queue.shift()!);
      }
      if (queue.length === 0) this.ready.delete(key);
    }
  }

  /** On shutdown: rows claimed but never started go back to the queue as they were, for the next worker. */
  private async releaseReady(): Promise<void> {
    const rows = [...this.ready.values()].flat();
    this.ready.clear();
    this.readyCount = 0;
    if (rows.length === 0) return;
    try {
      await this.dataSource.query(
        `UPDATE deliveries d SET status = 'pending', attempts = d.attempts - 1, locked_until = NULL
           FROM unnest($1::uuid[], $2::int[]) AS r (id, attempts)
          WHERE d.id = r.id AND d.status = 'delivering' AND d.attempts = r.attempts`,
        [rows.map((row) => row.id), rows.map((row) => row.attempts)],
      );
    } catch (error) {
      this.logger.warn(`returning ${rows.length} unstarted deliveries failed (their lease runs out instead): ${(error as Error).message}`);
    }
  }

  private start(key: string, row: ClaimedDelivery): void {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let released = false;
    // The destination's slot is free once the call is over; the outcome is written after.
    const release = () => {
      if (released) return;
      released = true;
      const count = (this.inFlight.get(key) ?? 1) - 1;
      if (count > 0) this.inFlight.set(key, count);
      else this.inFlight.delete(key);
      this.dispatch();
      // Claim more for this destination once half of its ready rows are used (not after every
      // call: a claim reads the whole due queue).
      if ((this.ready.get(key)?.length ?? 0) <= this.env.DELIVERY_PER_DESTINATION / 2) this.signal();
    };
    const task = context
      .with(contextFromCarrier(row.trace_context), () => this.deliver(row, release))
      .catch((error: unknown) => this.logger.error(`delivery ${row.id} failed unexpectedly: ${(error as Error).message}`))
      .finally(() => {
        this.tasks.delete(task);
        release();
        this.dispatch();
      });
    this.tasks.add(task);
  }

  private async deliver(row: ClaimedDelivery, release: () => void): Promise<void> {
    const startedAt = new Date();
    let outcome: Outcome;
    try {
      outcome = row.channel === 'webhook' ? await this.sendWebhook(row) : await this.sendEmail(row);
    } finally {
      release();
    }
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
    if (!row.endpoint_active || row.endpoint_secret === null) {
      return { ok: false, error: 'the webhook endpoint was removed', permanent: true };
    }
    let addresses;
    try {
      // The operator's own endpoint is configuration, trusted; recruiters' endpoints are checked.
      addresses = row.endpoint_is_default ? undefined : await this.guard.resolve(row.destination);
    } catch (error) {
      if (error instanceof SsrfRefusedError) return { ok: false, error: `refused: ${error.message}`, permanent: true };
      throw error;
    }
    const body = row.payload.body ?? '';
    let secrets: string[];
    try {
      secrets = [row.endpoint_secret, ...(row.endpoint_previous_secret === null ? [] : [row.endpoint_previous_secret])].map((sealed) => this.box.open(sealed));
    } catch (error) {
      // A key missing from the configuration: retried with backoff, so restoring the key recovers it.
      if (error instanceof SecretBoxError) return { ok: false, error: error.message };
      throw error;
    }
    return sendWebhook({
      url: row.destination,
      body,
      headers: signedHeaders(secrets, row.id, body),
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

  /**
   * Stores the outcome of an attempt, its log line and audit event (written with other attempts'
   * outcomes, see `OutcomeWriter`), unless the lease was lost meanwhile.
   */
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
    await this.outcomes.write({
      id: row.id,
      attempt: row.attempts,
      status,
      nextAttemptAt,
      statusCode: outcome.statusCode ?? null,
      error: outcome.error?.slice(0, 2000) ?? null,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      outcome: status === 'pending' ? 'failed' : status,
      notificationStatus: status === 'pending' ? 'retrying' : status,
      audit,
    });
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

/** What the per-destination limit counts by: the webhook endpoint, or the e-mail address. */
function destinationKey(row: ClaimedDelivery): string {
  return row.endpoint_id ?? row.destination;
}
