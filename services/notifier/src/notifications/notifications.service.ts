import { Inject, Injectable, Optional } from '@nestjs/common';
import { context, type Context } from '@opentelemetry/api';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { MatchEventTypes, NotificationEventTypes, type MatchEvent, type NotificationChannel } from '@talent/contracts';
import { OutboxRelayService } from '@talent/service-kit';
import { captureTraceContext } from '@talent/telemetry';
import { enqueueAudit } from '../audit/audit-events';
import type { NotifierEnv } from '../config';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import { composeMatchEmail } from '../email/email-composer';
import { inboxUrl, NOTIFIER_ENV } from '../notifier.providers';
import type { MatchItem } from './match-item';
import { NOTIFICATION_VIEW_COLUMNS, NOTIFICATION_VIEW_FROM, toView, type NotificationView } from './notification-view';

export const INBOX_CHANNEL = 'notifier_inbox';

type DigestWindow = 'hourly' | 'daily';

/** One place a match change must reach: a webhook endpoint, or a recruiter by e-mail or inbox. */
interface Target {
  channel: NotificationChannel;
  recipient: string;
  recruiterId: string | null;
  recruiterName: string | null;
  email: string | null;
  endpointId: string | null;
  url: string | null;
  digestWindow: DigestWindow | null;
}

interface SubscriptionRow {
  recruiter_id: string;
  name: string;
  email: string | null;
  channels: NotificationChannel[];
  mode: 'instant' | 'digest';
  digest_window: DigestWindow | null;
  min_score: number;
}

/**
 * What the events of one batch read alike, read once per batch (inside its transaction): the
 * postings they name, the operator's default endpoints, and each (organisation, posting)'s
 * subscriptions.
 */
class BatchLookups {
  private postings: Promise<Map<string, { organisation_id: string; title: string }>> | undefined;
  private defaults: Promise<Array<{ id: string; url: string }>> | undefined;
  private readonly subscriptionsOf = new Map<string, Promise<SubscriptionRow[]>>();

  constructor(
    private readonly manager: EntityManager,
    private readonly postingIds: readonly string[],
  ) {}

  async posting(id: string): Promise<{ organisation_id: string; title: string } | undefined> {
    this.postings ??= this.manager
      .query<Array<{ id: string; organisation_id: string; title: string }>>('SELECT id, organisation_id, title FROM notifier_postings WHERE id = ANY($1::uuid[])', [
        [...new Set(this.postingIds)],
      ])
      .then((rows) => new Map(rows.map((row) => [row.id, row])));
    return (await this.postings).get(id);
  }

  defaultEndpoints(): Promise<Array<{ id: string; url: string }>> {
    this.defaults ??= this.manager.query<Array<{ id: string; url: string }>>('SELECT id, url FROM webhook_endpoints WHERE is_default AND active');
    return this.defaults;
  }

  subscriptions(organisationId: string, postingId: string): Promise<SubscriptionRow[]> {
    const key = `${organisationId}\u0000${postingId}`;
    let found = this.subscriptionsOf.get(key);
    if (!found) {
      found = this.manager.query<SubscriptionRow[]>(
        `SELECT s.recruiter_id, r.name, r.email, s.channels, s.mode, s.digest_window, s.min_score
           FROM subscriptions s JOIN recruiters r ON r.id = s.recruiter_id
          WHERE r.organisation_id = $1
            AND $2::uuid = ANY(COALESCE(s.posting_ids, r.owned_posting_ids))`,
        [organisationId, postingId],
      );
      this.subscriptionsOf.set(key, found);
    }
    return found;
  }
}

export interface NotificationFilter {
  postingId?: string;
  matchId?: string;
  recruiterId?: string;
  channel?: string;
  /** Only notifications of this organisation's matches (the caller's token). */
  organisationId?: string;
}

/**
 * Turns match events into notifications. In one transaction it decides who must hear of the
 * change (the operator's endpoint, and recruiters of the match's organisation whose subscriptions
 * cover the posting and whose threshold the score reaches), claims (match, version, channel,
 * recipient) with a unique key and records what must be sent: a queued delivery, a digest entry,
 * or an inbox entry. A redelivered event finds its keys taken and records nothing.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
    private readonly worker: DeliveryWorker,
    @Optional() private readonly outbox?: OutboxRelayService,
  ) {}

  /**
   * Match events in one transaction, in order, each recorded in its own trace context (`context`,
   * the event's consumer span): its deliveries and audit events continue that trace.
   */
  async onMatchEvents(events: ReadonlyArray<{ event: MatchEvent; context?: Context }>): Promise<void> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      const lookups = new BatchLookups(manager, events.map(({ event }) => event.data.postingId));
      const total = { deliveries: 0, audits: 0 };
      for (const { event, context: eventContext } of events) {
        const one = await context.with(eventContext ?? context.active(), () => this.record(manager, event, lookups));
        total.deliveries += one.deliveries;
        total.audits += one.audits;
      }
      return total;
    });
    if (recorded.deliveries > 0) this.worker.nudge();
    if (recorded.audits > 0) this.outbox?.nudge();
  }

  private async record(manager: EntityManager, event: MatchEvent, lookups: BatchLookups): Promise<{ deliveries: number; audits: number }> {
    const match = event.data;
    const posting = await lookups.posting(match.postingId);
    const organisationId = match.organisationId ?? posting?.organisation_id ?? null;
    const item: MatchItem = {
      eventType: event.type,
      matchId: match.matchId,
      version: match.version,
      postingId: match.postingId,
      postingTitle: posting?.title ?? null,
      candidateId: match.candidateId,
      score: match.score,
      explanation: match.explanation,
    };
    const withdrawal = event.type === MatchEventTypes.withdrawn;
    let deliveries = 0;
    let audits = 0;
    for (const target of await this.targets(manager, event, organisationId, lookups)) {
      if (withdrawal && !(await this.wasTold(manager, match.matchId, target))) {
        continue; // never told of the match: nothing to withdraw
      }
      const status = target.channel === 'inbox' ? 'delivered' : target.digestWindow ? 'digest' : 'queued';
      const window = target.digestWindow === 'daily' ? this.env.DIGEST_DAILY_WINDOW_MS : this.env.DIGEST_HOURLY_WINDOW_MS;
      // A queued delivery is written by the same statement, only if the claim succeeded: one round
      // trip for the claim, the notification and its delivery.
      const delivery = status === 'queued' ? this.deliveryRow(target, event, item) : undefined;
      const [claimed] = await manager.query<Array<{ id: string }>>(
        `WITH claimed AS (
           INSERT INTO notifications (id, match_id, match_version, channel, recipient, organisation_id, recruiter_id, event_type,
             posting_id, candidate_id, score, summary, payload, status, mode, digest_window, digest_due_at, delivered_at, delivery_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
             CASE WHEN $14 = 'digest' THEN COALESCE(
               (SELECT min(digest_due_at) FROM notifications WHERE status = 'digest' AND channel = $4 AND recipient = $5),
               now() + make_interval(secs => $17::double precision / 1000)) END,
             CASE WHEN $14 = 'delivered' THEN now() END,
             $18::uuid)
           ON CONFLICT (match_id, match_version, channel, recipient) DO NOTHING
           RETURNING id
         ), delivery AS (
           INSERT INTO deliveries (id, channel, mode, organisation_id, recruiter_id, endpoint_id, destination, match_ids, payload, status, trace_context)
           SELECT $18::uuid, $4::text, 'instant', $6::text, $7::uuid, $19::uuid, $20::text, $21::uuid[], $22::jsonb, 'pending', $23::jsonb
             FROM claimed WHERE $18::uuid IS NOT NULL
         )
         SELECT id FROM claimed`,
        [randomUUID(), match.matchId, match.version, target.channel, target.recipient, organisationId, target.recruiterId, event.type,
          match.postingId, match.candidateId, match.score, match.explanation.summary, JSON.stringify(event), status,
          target.digestWindow ? 'digest' : 'instant', target.digestWindow, window,
          delivery?.id ?? null, delivery?.endpointId ?? null, delivery?.destination ?? null, delivery?.matchIds ?? null, delivery?.payload ?? null,
          delivery?.traceContext ?? null],
      );
      if (!claimed) {
        continue; // already recorded: a redelivered or replayed event
      }
      if (target.channel === 'inbox') {
        await manager.query('SELECT pg_notify($1, $2)', [INBOX_CHANNEL, JSON.stringify({ recruiterId: target.recruiterId, notificationId: claimed.id })]);
        await enqueueAudit(manager, NotificationEventTypes.delivered, {
          deliveryId: claimed.id, channel: 'inbox', mode: 'instant', organisationId, recruiterId: target.recruiterId, endpointId: null,
          matchIds: [match.matchId], attempts: 1, statusCode: null, error: null, nextAttemptAt: null,
        });
        audits += 1;
      } else if (delivery) {
        deliveries += 1;
      }
    }
    return { deliveries, audits };
  }

  /** Who must hear of this match: the operator's endpoint, and the organisation's subscribed recruiters. */
  private async targets(manager: EntityManager, event: MatchEvent, organisationId: string | null, lookups: BatchLookups): Promise<Target[]> {
    const match = event.data;
    const targets = new Map<string, Target>();
    const add = (target: Target) => {
      const key = `${target.channel}:${target.recipient}`;
      const existing = targets.get(key);
      // Overlapping subscriptions: instant beats digest, and the shorter window beats the longer.
      if (!existing || (existing.digestWindow && (!target.digestWindow || target.digestWindow === 'hourly'))) {
        targets.set(key, target);
      }
    };
    for (const endpoint of await lookups.defaultEndpoints()) {
      add({ channel: 'webhook', recipient: endpoint.id, recruiterId: null, recruiterName: null, email: null, endpointId: endpoint.id, url: endpoint.url, digestWindow: null });
    }
    if (!organisationId) {
      return [...targets.values()]; // no organisation known: no recruiter may be told
    }
    const subscriptions = await lookups.subscriptions(organisationId, match.postingId);
    const withdrawal = event.type === MatchEventTypes.withdrawn;
    const eligible = subscriptions.filter((subscription) => withdrawal || match.score >= subscription.min_score);
    const webhookRecruiters = [...new Set(eligible.filter((s) => s.channels.includes('webhook')).map((s) => s.recruiter_id))];
    const endpoints = webhookRecruiters.length
      ? await manager.query<Array<{ id: string; url: string; recruiter_id: string }>>(
          'SELECT id, url, recruiter_id FROM webhook_endpoints WHERE recruiter_id = ANY($1::uuid[]) AND active',
          [webhookRecruiters],
        )
      : [];
    for (const subscription of eligible) {
      const digestWindow = subscription.mode === 'digest' ? subscription.digest_window : null;
      const base = { recruiterId: subscription.recruiter_id, recruiterName: subscription.name, email: subscription.email, endpointId: null, url: null };
      for (const channel of subscription.channels) {
        if (channel === 'webhook') {
          for (const endpoint of endpoints.filter((candidate) => candidate.recruiter_id === subscription.recruiter_id)) {
            add({ ...base, channel, recipient: endpoint.id, endpointId: endpoint.id, url: endpoint.url, digestWindow });
          }
        } else if (channel === 'email') {
          if (subscription.email) add({ ...base, channel, recipient: subscription.recruiter_id, digestWindow });
        } else {
          add({ ...base, channel, recipient: subscription.recruiter_id, digestWindow: null }); // the inbox is always live
        }
      }
    }
    return [...targets.values()];
  }

  private async wasTold(manager: EntityManager, matchId: string, target: Target): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM notifications WHERE match_id = $1 AND channel = $2 AND recipient = $3 AND event_type <> $4 LIMIT 1`,
      [matchId, target.channel, target.recipient, MatchEventTypes.withdrawn],
    );
    return rows.length > 0;
  }

  /** The queued delivery of one target: where it goes and what it carries, in the active trace context. */
  private deliveryRow(target: Target, event: MatchEvent, item: MatchItem) {
    let destination: string;
    let payload: unknown;
    if (target.channel === 'webhook') {
      destination = target.url!;
      payload = { body: JSON.stringify(event) };
    } else {
      destination = target.email!;
      const email = composeMatchEmail(item, { recruiterName: target.recruiterName ?? '', inboxUrl: inboxUrl(this.env, target.recruiterId!) });
      payload = { to: target.email, ...email };
    }
    return {
      id: randomUUID(),
      endpointId: target.endpointId,
      destination,
      matchIds: [event.data.matchId],
      payload: JSON.stringify(payload),
      traceContext: JSON.stringify(captureTraceContext()),
    };
  }

  async list(filter: NotificationFilter): Promise<NotificationView[]> {
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT ${NOTIFICATION_VIEW_COLUMNS} FROM ${NOTIFICATION_VIEW_FROM}
        WHERE ($1::uuid IS NULL OR n.posting_id = $1) AND ($2::uuid IS NULL OR n.match_id = $2)
          AND ($3::uuid IS NULL OR n.recruiter_id = $3) AND ($4::text IS NULL OR n.channel = $4)
          AND ($5::text IS NULL OR n.organisation_id = $5)
        ORDER BY n.created_at DESC LIMIT 200`,
      [filter.postingId ?? null, filter.matchId ?? null, filter.recruiterId ?? null, filter.channel ?? null, filter.organisationId ?? null],
    );
    return rows.map(toView);
  }

  async get(id: string): Promise<NotificationView | undefined> {
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT ${NOTIFICATION_VIEW_COLUMNS} FROM ${NOTIFICATION_VIEW_FROM} WHERE n.id = $1`,
      [id],
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }
}
