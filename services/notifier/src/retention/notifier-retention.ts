import { deleteChunk, type RetentionRule } from '@talent/persistence';
import { publishedOutboxRule } from '@talent/outbox';
import { hoursToSeconds, type RetentionEnv } from '@talent/service-kit';

/** Notifications and deliveries done with: nothing more will be sent for them. */
const FINISHED = `('delivered', 'dead_lettered')`;

/**
 * What the notifier deletes once it is old enough: published outbox rows, delivery attempts, and
 * the audit of finished work (notifications, and deliveries delivered or dead-lettered). Work in
 * hand (queued, retrying, in a digest, pending or being delivered) is never purged. A match event
 * redelivered after its notifications were purged would be notified again: the audit period
 * (90 days by default) is far beyond any redelivery. Every round also finishes the erasure of
 * erased candidates' matches (see `NotificationsService.forgetMatch`): their rows still in flight
 * then (a withdrawal notice being sent) go once finished.
 */
export function notifierRetentionRules(env: RetentionEnv): RetentionRule[] {
  return [
    publishedOutboxRule(hoursToSeconds(env.RETENTION_OUTBOX_HOURS)),
    {
      name: 'delivery_attempts',
      retentionSeconds: hoursToSeconds(env.RETENTION_DELIVERY_ATTEMPTS_HOURS),
      sql: deleteChunk('delivery_attempts', 'id', 'SELECT id FROM delivery_attempts WHERE started_at < now() - make_interval(secs => $1) ORDER BY id'),
    },
    {
      name: 'notifications',
      retentionSeconds: hoursToSeconds(env.RETENTION_AUDIT_HOURS),
      sql: deleteChunk('notifications', 'id', `SELECT id FROM notifications WHERE status IN ${FINISHED} AND created_at < now() - make_interval(secs => $1)`),
    },
    {
      name: 'deliveries',
      retentionSeconds: hoursToSeconds(env.RETENTION_AUDIT_HOURS),
      sql: deleteChunk(
        'deliveries',
        'id',
        `SELECT id FROM deliveries WHERE status IN ${FINISHED} AND COALESCE(delivered_at, dead_lettered_at, created_at) < now() - make_interval(secs => $1)`,
      ),
    },
    ...erasedMatchRules,
  ];
}

/** The rows of erased matches that were still in flight when the erasure arrived, once finished. */
export const erasedMatchRules: readonly RetentionRule[] = [
  {
    name: 'erased_notifications',
    retentionSeconds: 0,
    sql: deleteChunk('notifications', 'id', `SELECT n.id FROM notifications n JOIN erased_matches e ON e.match_id = n.match_id WHERE n.status IN ${FINISHED} AND $1::int >= 0`),
  },
  {
    name: 'erased_deliveries',
    retentionSeconds: 0,
    sql: deleteChunk(
      'deliveries',
      'id',
      `SELECT d.id FROM deliveries d WHERE d.status IN ${FINISHED} AND d.match_ids && ARRAY(SELECT match_id FROM erased_matches) AND $1::int >= 0`,
    ),
  },
];
