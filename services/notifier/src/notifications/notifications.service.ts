import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { MatchEvent } from '@talent/contracts';
import { recordNotificationDelivery } from '@talent/observability';
import { ingestedAt } from '@talent/telemetry';
import type { NotifierEnv } from '../config';
import { postWebhook } from './webhook.client';

export const NOTIFIER_ENV = Symbol('NOTIFIER_ENV');

export interface NotificationView {
  id: string;
  matchId: string;
  matchVersion: number;
  channel: string;
  eventType: string;
  postingId: string;
  candidateId: string;
  score: number;
  summary: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const WEBHOOK = 'webhook';

/**
 * Turns match events into notifications. The (match, version, channel) row is claimed before
 * delivery, so a redelivered event never notifies twice.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
  ) {}

  async onMatchEvent(event: MatchEvent): Promise<void> {
    const match = event.data;
    const url = this.env.NOTIFY_WEBHOOK_URL;
    const id = randomUUID();
    const claimed = await this.dataSource.query<unknown[]>(
      `INSERT INTO notifications (id, match_id, match_version, channel, event_type, posting_id, candidate_id, score, summary, payload, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (match_id, match_version, channel) DO NOTHING
       RETURNING id`,
      [id, match.matchId, match.version, WEBHOOK, event.type, match.postingId, match.candidateId, match.score,
        match.explanation.summary, JSON.stringify(event), url ? 'pending' : 'stored'],
    );
    if (claimed.length === 0 || !url) {
      return; // already handled, or no endpoint configured
    }
    const started = performance.now();
    const result = await postWebhook(url, event, { 'x-talentmatch-event-id': event.id }, this.env.NOTIFY_WEBHOOK_TIMEOUT_MS);
    recordNotificationDelivery({
      channel: WEBHOOK,
      delivered: result.ok,
      durationSeconds: (performance.now() - started) / 1000,
      ingestedAtMs: ingestedAt(),
    });
    if (result.ok) {
      this.logger.log(`delivered match ${match.matchId} v${match.version} by ${WEBHOOK}`);
    } else {
      this.logger.warn(`webhook delivery of match ${match.matchId} v${match.version} failed: ${result.error}`);
    }
    await this.dataSource.query(
      `UPDATE notifications SET status = $2, attempts = attempts + 1, last_error = $3,
         delivered_at = CASE WHEN $2 = 'delivered' THEN now() END WHERE id = $1`,
      [id, result.ok ? 'delivered' : 'failed', result.error ?? null],
    );
  }

  async list(filter: { postingId?: string; matchId?: string }): Promise<NotificationView[]> {
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM notifications
        WHERE ($1::uuid IS NULL OR posting_id = $1) AND ($2::uuid IS NULL OR match_id = $2)
        ORDER BY created_at DESC LIMIT 200`,
      [filter.postingId ?? null, filter.matchId ?? null],
    );
    return rows.map((row) => ({
      id: row.id as string,
      matchId: row.match_id as string,
      matchVersion: row.match_version as number,
      channel: row.channel as string,
      eventType: row.event_type as string,
      postingId: row.posting_id as string,
      candidateId: row.candidate_id as string,
      score: row.score as number,
      summary: row.summary as string,
      status: row.status as string,
      attempts: row.attempts as number,
      lastError: (row.last_error as string | null) ?? null,
      createdAt: (row.created_at as Date).toISOString(),
      deliveredAt: row.delivered_at ? (row.delivered_at as Date).toISOString() : null,
    }));
  }
}
