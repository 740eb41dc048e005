import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { MatchEvent } from '@talent/contracts';
import type { NotifierEnv } from '../config';
import { composeDigestEmail } from '../email/email-composer';
import type { MatchItem } from '../notifications/match-item';
import { inboxUrl, NOTIFIER_ENV } from '../notifier.providers';
import { DeliveryWorker } from './delivery-worker';

interface DigestEntry {
  id: string;
  channel: 'webhook' | 'email';
  recipient: string;
  recruiter_id: string;
  organisation_id: string | null;
  digest_window: string | null;
  payload: MatchEvent;
  posting_title: string | null;
  created_at: Date;
}

/**
 * Closes digest windows: every (channel, recipient) whose oldest waiting entry is due gets one
 * delivery listing all its waiting entries, queued like any other delivery (retries, dead letter,
 * audit). Entries are locked with `SKIP LOCKED`, so instances never flush one window twice.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
    private readonly worker: DeliveryWorker,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.flushing ??= this.flushDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`digest flush failed: ${(error as Error).message}`))
        .finally(() => (this.flushing = undefined));
    }, this.env.DIGEST_POLL_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
  }

  /** Queues one delivery per due window; returns how many. */
  async flushDue(): Promise<number> {
    const due = await this.dataSource.query<Array<{ channel: string; recipient: string }>>(
      `SELECT channel, recipient FROM notifications WHERE status = 'digest'
        GROUP BY channel, recipient HAVING min(digest_due_at) <= now() LIMIT 100`,
    );
    let queued = 0;
    for (const group of due) {
      queued += await this.dataSource.transaction((manager) => this.flush(manager, group.channel, group.recipient));
    }
    if (queued > 0) this.worker.nudge();
    return queued;
  }

  private async flush(manager: EntityManager, channel: string, recipient: string): Promise<number> {
    const entries = await manager.query<DigestEntry[]>(
      `SELECT n.id, n.channel, n.recipient, n.recruiter_id, n.organisation_id, n.digest_window, n.payload, n.created_at,
              COALESCE(p.title, n.payload->'data'->>'postingTitle') AS posting_title
         FROM notifications n LEFT JOIN notifier_postings p ON p.id = n.posting_id
        WHERE n.status = 'digest' AND n.channel = $1 AND n.recipient = $2
        ORDER BY n.created_at, n.id
        FOR UPDATE OF n SKIP LOCKED`,
      [channel, recipient],
    );
    const first = entries[0];
    if (!first) return 0;
    const [recruiter] = await manager.query<Array<{ name: string; email: string | null }>>('SELECT name, email FROM recruiters WHERE id = $1', [
      first.recruiter_id,
    ]);
    const items: MatchItem[] = entries.map((entry) => ({
      eventType: entry.payload.type,
      matchId: entry.payload.data.matchId,
      version: entry.payload.data.version,
      postingId: entry.payload.data.postingId,
      postingTitle: entry.posting_title,
      candidateId: entry.payload.data.candidateId,
      score: entry.payload.data.score,
      explanation: entry.payload.data.explanation,
    }));
    const deliveryId = randomUUID();
    const windowLabel = first.digest_window === 'daily' ? 'daily' : 'hourly';
    let destination: string | undefined;
    let payload: unknown;
    if (first.channel === 'webhook') {
      const [endpoint] = await manager.query<Array<{ url: string }>>('SELECT url FROM webhook_endpoints WHERE id = $1 AND active', [recipient]);
      destination = endpoint?.url;
      payload = {
        body: JSON.stringify({
          specversion: '1.0',
          id: deliveryId,
          type: 'talentmatch.match.digest',
          source: '/notifier',
          time: new Date().toISOString(),
          subject: first.recruiter_id,
          datacontenttype: 'application/json',
          data: { recruiterId: first.recruiter_id, organisationId: first.organisation_id, window: windowLabel, since: first.created_at.toISOString(), matches: items },
        }),
      };
    } else {
      destination = recruiter?.email ?? undefined;
      const email = composeDigestEmail(items, { recruiterName: recruiter?.name ?? '', inboxUrl: inboxUrl(this.env, first.recruiter_id), windowLabel });
      payload = { to: destination, ...email };
    }
    const ids = entries.map((entry) => entry.id);
    if (!destination) {
      // The endpoint was removed or the address cleared since: nothing to send them to.
      await manager.query(`UPDATE notifications SET status = 'dead_lettered' WHERE id = ANY($1::uuid[])`, [ids]);
      return 0;
    }
    await manager.query(
      `INSERT INTO deliveries (id, channel, mode, organisation_id, recruiter_id, endpoint_id, destination, match_ids, payload, status)
       VALUES ($1, $2, 'digest', $3, $4, $5, $6, $7, $8, 'pending')`,
      [deliveryId, first.channel, first.organisation_id, first.recruiter_id, first.channel === 'webhook' ? recipient : null, destination,
        [...new Set(items.map((item) => item.matchId))], JSON.stringify(payload)],
    );
    await manager.query(`UPDATE notifications SET status = 'queued', delivery_id = $2 WHERE id = ANY($1::uuid[])`, [ids, deliveryId]);
    return 1;
  }
}
