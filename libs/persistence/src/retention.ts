import type { DataSource } from 'typeorm';

/**
 * One kind of row that is deleted once it is older than its retention period. `sql` deletes at
 * most `$2` rows older than `$1` seconds and answers one row, `n`, the number deleted: see
 * `deleteChunk`.
 */
export interface RetentionRule {
  name: string;
  retentionSeconds: number;
  sql: string;
}

/** A statement for `RetentionRule.sql`: deletes up to `$2` rows of `table` that `select` (their `key` column) names. */
export function deleteChunk(table: string, key: string, select: string): string {
  return `WITH deleted AS (DELETE FROM ${table} WHERE ${key} IN (${select} LIMIT $2) RETURNING 1) SELECT count(*)::int AS n FROM deleted`;
}

/** Idempotency keys: a retry after their lifetime is a new request. */
export function idempotencyKeysRule(retentionSeconds: number): RetentionRule {
  return {
    name: 'idempotency_keys',
    retentionSeconds,
    sql: deleteChunk('idempotency_keys', 'ctid', 'SELECT ctid FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1)'),
  };
}

/** Rows deleted per statement: short transactions, no long lock on a busy table. */
const PURGE_CHUNK = 1_000;

/**
 * Deletes the rows past their retention, rule by rule, in chunks. Only one instance of a service
 * purges at a time: each chunk runs in a transaction holding a transaction-level advisory lock
 * named after the service (`pg_try_advisory_xact_lock`); an instance that does not get it skips
 * the round (another one is purging). Returns the rows deleted per rule, or undefined when skipped.
 */
export async function purgeExpired(dataSource: DataSource, lockName: string, rules: readonly RetentionRule[]): Promise<Record<string, number> | undefined> {
  const deleted: Record<string, number> = {};
  for (const rule of rules) {
    deleted[rule.name] = 0;
    for (;;) {
      const count = await dataSource.transaction(async (manager) => {
        const [lock] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`retention:${lockName}`]);
        if (!lock?.locked) return undefined;
        const [row] = await manager.query<Array<{ n: number }>>(rule.sql, [rule.retentionSeconds, PURGE_CHUNK]);
        return row?.n ?? 0;
      });
      if (count === undefined) return undefined;
      deleted[rule.name] = (deleted[rule.name] ?? 0) + count;
      if (count < PURGE_CHUNK) break;
    }
  }
  return deleted;
}
