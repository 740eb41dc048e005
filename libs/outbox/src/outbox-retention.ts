import { deleteChunk, type RetentionRule } from '@talent/persistence';

/** Published outbox rows: the broker holds the events, the row is only the relay's bookkeeping. */
export function publishedOutboxRule(retentionSeconds: number): RetentionRule {
  return {
    name: 'outbox',
    retentionSeconds,
    sql: deleteChunk('outbox', 'id', 'SELECT id FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1) ORDER BY id'),
  };
}
