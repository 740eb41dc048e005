import { Inject, Injectable } from '@nestjs/common';
import { context, type Context } from '@opentelemetry/api';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { MatchEventTypes, NotificationEventTypes, type MatchEvent, type NotificationChannel } from '@talent/contracts';
import { captureTraceContext } from '@talent/telemetry';
import { enqueueAudits } from '../audit/audit-events';
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

/** The columns of one notification (and of its queued delivery, if any), as the claiming statement reads them. */
interface NotificationRow {
  id: string;
  match_id: string;
  match_version: number;
  channel: NotificationChannel;
  recipient: string;
  organisation_id: string | null;
  recruiter_id: string | null;
  event_type: MatchEvent['type'];
  posting_id: string;
  candidate_id: string;
  score: number;
  summary: string;
  payload: MatchEvent;
  status: 'delivered' | 'digest' | 'queued';
  mode: 'instant' | 'digest';
  digest_window: DigestWindow | null;
  window_ms: number;
  delivery_id?: string;
  endpoint_id?: string | null;
  destination?: string;
  delivery_payload?: unknown;
  trace_context?: Record<string, string>;
}

interface PlannedNotification {
  row: NotificationRow;
  /** The trace context of the event it tells of. */
  context: Context | undefined;
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
 * postings they name, the operator's default endpoints, each (organisation, posting)'s
 * subscriptions and each subscribed recruiter's webhook endpoints.
 */
class BatchLookups {
  private postings: Promise<Map<string, { organisation_id: string; title: string }>> | undefined;
  private defaults: Promise<Array<{ id: string; url: string }>> | undefined;
  private readonly subscriptionsOf = new Map<string, Promise<SubscriptionRow[]>>();
  private readonly endpointsOf = new Map<string, Promise<Array<{ id: string; url: string; recruiter_id: string }>>>();

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

  /** The active webhook endpoints of these recruiters (each recruiter's read once per batch). */
  async recruiterEndpoints(recruiterIds: readonly string[]): Promise<Array<{ id: string; url: string; recruiter_id: string }>> {
    const missing = recruiterIds.filter((id) => !this.endpointsOf.has(id));
    if (missing.length > 0) {
      const read = this.manager.query<Array<{ id: string; url: string; recruiter_id: string }>>(
        'SELECT id, url, recruiter_id FROM webhook_endpoints WHERE recruiter_id = ANY($1::uuid[]) AND active',
        [missing],
      );
      for (const id of missing) this.endpointsOf.set(id, read.then((rows) => rows.filter((row) => row.recruiter_id === id)));
    }
    return (await Promise.all(recruiterIds.map((id) => this.endpointsOf.get(id)!))).flat();
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
  ) {}

  /**
   * A fetch's match events in one transaction and a fixed number of statements, whatever their
   * number: who must hear of each is worked out from reads shared by the batch, then every
   * notification (with its queued delivery) is claimed by one statement, and the inbox's entries
   * are announced and audited by one more each. Each event's rows carry its own trace context
   * (`context`, the event's consumer span): its deliveries and audit events continue that trace.
   */
  async onMatchEvents(events: ReadonlyArray<{ event: MatchEvent; context?: Context }>): Promise<void> {
    const queued = await this.dataSource.transaction(async (manager) => {
      const lookups = new BatchLookups(manager, events.map(({ event }) => event.data.postingId));
      const planned: PlannedNotification[] = [];
      for (const { event, context: eventContext } of events) {
        const posting = await lookups.posting(event.data.postingId);
        const organisationId = event.data.organisationId ?? posting?.organisation_id ?? null;
        const targets = await this.targets(event, organisationId, lookups);
        context.with(eventContext ?? context.active(), () => {
          // The event's title is the posting's as scored; the directory's, for events without one.
          const title = event.data.postingTitle ?? posting?.title ?? null;
          for (const target of targets) planned.push(this.plan(event, organisationId, title, target, eventContext));
        });
      }
      return this.claim(manager, await this.withoutUntoldWithdrawals(manager, planned));
    });
    if (queued > 0) this.worker.nudge();
  }

  /**
   * A tombstone on `matches.v1`: the match's candidate was erased (its withdrawal came just
   * before). Its notifications and deliveries are deleted, but for those still in flight (the
   * withdrawal notice being sent), which the retention job deletes once finished
   * (`erasedMatchRules`). A digest that listed the match goes too, once sent.
   */
  async forgetMatch(matchId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO erased_matches (match_id) VALUES ($1) ON CONFLICT DO NOTHING', [matchId]);
      await manager.query(`DELETE FROM notifications WHERE match_id = $1 AND status IN ('delivered', 'dead_lettered')`, [matchId]);
      await manager.query(`DELETE FROM deliveries WHERE match_ids @> ARRAY[$1::uuid] AND status IN ('delivered', 'dead_lettered')`, [matchId]);
    });
  }

  /** One notification of one event for one target, and the delivery it queues (if instant and not the inbox). */
  private plan(event: MatchEvent, organisationId: string | null, postingTitle: string | null, target: Target, eventContext: Context | undefined): PlannedNotification {
    const match = event.data;
    const status = target.channel === 'inbox' ? 'delivered' : target.digestWindow ? 'digest' : 'queued';
    const item: MatchItem = {
      eventType: event.type,
      matchId: match.matchId,
      version: match.version,
      postingId: match.postingId,
      postingTitle,
      candidateId: match.candidateId,
      score: match.score,
      explanation: match.explanation,
    };
    return {
      row: {
        id: randomUUID(),
        match_id: match.matchId,
        match_version: match.version,
        channel: target.channel,
        recipient: target.recipient,
        organisation_id: organisationId,
        recruiter_id: target.recruiterId,
        event_type: event.type,
        posting_id: match.postingId,
        candidate_id: match.candidateId,
        score: match.score,
        summary: match.explanation.summary,
        payload: event,
        status,
        mode: target.digestWindow ? 'digest' : 'instant',
        digest_window: target.digestWindow,
        window_ms: target.digestWindow === 'daily' ? this.env.DIGEST_DAILY_WINDOW_MS : this.env.DIGEST_HOURLY_WINDOW_MS,
        ...(status === 'queued' ? this.deliveryColumns(target, event, item) : {}),
      },
      context: eventContext,
    };
  }

  /**
   * A withdrawal is told only to whom the match was told before: drops the planned withdrawals
   * whose (match, channel, recipient) has no earlier notification, neither stored nor planned
   * earlier in this batch.
   */
  private async withoutUntoldWithdrawals(manager: EntityManager, planned: PlannedNotification[]): Promise<PlannedNotification[]> {
    const key = (row: { match_id: string; channel: string; recipient: string }) => `${row.match_id}\u0000${row.channel}\u0000${row.recipient}`;
    const isWithdrawal = (row: NotificationRow) => row.event_type === MatchEventTypes.withdrawn;
    const withdrawals = planned.map(({ row }) => row).filter(isWithdrawal);
    if (withdrawals.length === 0) return planned;
    const stored = await manager.query<Array<{ match_id: string; channel: string; recipient: string }>>(
      `SELECT DISTINCT n.match_id, n.channel, n.recipient
         FROM notifications n
         JOIN unnest($1::uuid[], $2::text[], $3::text[]) AS w (match_id, channel, recipient)
           ON n.match_id = w.match_id AND n.channel = w.channel AND n.recipient = w.recipient
        WHERE n.event_type <> $4`,
      [withdrawals.map((row) => row.match_id), withdrawals.map((row) => row.channel), withdrawals.map((row) => row.recipient), MatchEventTypes.withdrawn],
    );
    const told = new Set(stored.map(key));
    return planned.filter(({ row }) => {
      if (!isWithdrawal(row)) {
        told.add(key(row));
        return true;
      }
      return told.has(key(row)); // never told of the match: nothing to withdraw
    });
  }

  /**
   * Claims (match, version, channel, recipient) for every planned notification and writes the
   * queued deliveries of those claimed, in one statement; a key already taken (a redelivered or
   * replayed event) records nothing. Then announces and audits the inbox's new entries. Returns
   * how many deliveries it queued.
   */
  private async claim(manager: EntityManager, planned: PlannedNotification[]): Promise<number> {
    if (planned.length === 0) return 0;
    const claimed = await manager.query<Array<{ id: string }>>(
      `WITH planned AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS p (
           id uuid, match_id uuid, match_version integer, channel text, recipient text, organisation_id text, recruiter_id uuid,
           event_type text, posting_id uuid, candidate_id uuid, score double precision, summary text, payload jsonb, status text,
           mode text, digest_window text, window_ms double precision, delivery_id uuid, endpoint_id uuid, destination text,
           delivery_payload jsonb, trace_context jsonb, ord integer)
       ), claimed AS (
         INSERT INTO notifications (id, match_id, match_version, channel, recipient, organisation_id, recruiter_id, event_type,
           posting_id, candidate_id, score, summary, payload, status, mode, digest_window, digest_due_at, delivered_at, delivery_id)
         SELECT p.id, p.match_id, p.match_version, p.channel, p.recipient, p.organisation_id, p.recruiter_id, p.event_type,
           p.posting_id, p.candidate_id, p.score, p.summary, p.payload, p.status, p.mode, p.digest_window,
           CASE WHEN p.status = 'digest' THEN COALESCE(
             (SELECT min(n.digest_due_at) FROM notifications n WHERE n.status = 'digest' AND n.channel = p.channel AND n.recipient = p.recipient),
             now() + make_interval(secs => p.window_ms / 1000)) END,
           CASE WHEN p.status = 'delivered' THEN now() END,
           p.delivery_id
           FROM planned p
         ON CONFLICT (match_id, match_version, channel, recipient) DO NOTHING
         RETURNING id, delivery_id
       ), delivery AS (
         INSERT INTO deliveries (id, channel, mode, organisation_id, recruiter_id, endpoint_id, destination, match_ids, match_id, payload, status, trace_context)
         SELECT p.delivery_id, p.channel, 'instant', p.organisation_id, p.recruiter_id, p.endpoint_id, p.destination, ARRAY[p.match_id], p.match_id,
           p.delivery_payload, 'pending', p.trace_context
           FROM claimed c JOIN planned p ON p.id = c.id
          WHERE c.delivery_id IS NOT NULL
          ORDER BY p.ord -- sequence follows the events' order: a match's deliveries go out in it
       )
       SELECT id FROM claimed`,
      [JSON.stringify(planned.map(({ row }, ord) => ({ ...row, ord })))],
    );
    const taken = new Set(claimed.map((row) => row.id));
    const inbox = planned.filter(({ row }) => row.channel === 'inbox' && taken.has(row.id));
    if (inbox.length > 0) {
      await manager.query('SELECT pg_notify($1, entry) FROM unnest($2::text[]) AS entry', [
        INBOX_CHANNEL,
        inbox.map(({ row }) => JSON.stringify({ recruiterId: row.recruiter_id, notificationId: row.id })),
      ]);
      await enqueueAudits(
        manager,
        NotificationEventTypes.delivered,
        inbox.map(({ row }) => ({
          deliveryId: row.id, channel: 'inbox', mode: 'instant', organisationId: row.organisation_id, recruiterId: row.recruiter_id, endpointId: null,
          matchIds: [row.match_id], attempts: 1, statusCode: null, error: null, nextAttemptAt: null,
        })),
        inbox.map(({ context: eventContext }) => eventContext),
      );
    }
    return planned.filter(({ row }) => row.delivery_id && taken.has(row.id)).length;
  }

  /** Who must hear of this match: the operator's endpoint, and the organisation's subscribed recruiters. */
  private async targets(event: MatchEvent, organisationId: string | null, lookups: BatchLookups): Promise<Target[]> {
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
    const endpoints = await lookups.recruiterEndpoints(webhookRecruiters);
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

  /** The queued delivery of one target: where it goes and what it carries, in the active trace context. */
  private deliveryColumns(target: Target, event: MatchEvent, item: MatchItem): Pick<NotificationRow, 'delivery_id' | 'endpoint_id' | 'destination' | 'delivery_payload' | 'trace_context'> {
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
    return { delivery_id: randomUUID(), endpoint_id: target.endpointId, destination, delivery_payload: payload, trace_context: captureTraceContext() };
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
