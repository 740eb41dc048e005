import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';

/** Stored outcome of a request made with an `Idempotency-Key`. */
export interface IdempotentResponse<T> {
  status: number;
  body: T;
}

export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('this Idempotency-Key was already used with a different request');
    this.name = 'IdempotencyKeyReusedError';
  }
}

export function requestFingerprint(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export interface IdempotencyClaim {
  scope: string;
  key: string;
  fingerprint: string;
}

/** `runIdempotent` when the request carried a key; otherwise `work` in a plain transaction. */
export async function runMaybeIdempotent<T>(
  dataSource: DataSource,
  claim: IdempotencyClaim | undefined,
  work: (manager: EntityManager) => Promise<IdempotentResponse<T>>,
): Promise<IdempotentResponse<T> & { replayed: boolean }> {
  if (claim) {
    return runIdempotent(dataSource, claim, work);
  }
  return { ...(await dataSource.transaction(work)), replayed: false };
}

/**
 * Runs `work` at most once per (scope, key): the key is claimed in the same transaction as the
 * work, so a retry after a timeout replays the stored response instead of repeating the effect,
 * and a concurrent retry waits for the first to commit. A key reused with another request fails.
 */
export async function runIdempotent<T>(
  dataSource: DataSource,
  claim: IdempotencyClaim,
  work: (manager: EntityManager) => Promise<IdempotentResponse<T>>,
): Promise<IdempotentResponse<T> & { replayed: boolean }> {
  return dataSource.transaction(async (manager) => {
    const claimed = await manager.query<unknown[]>(
      `INSERT INTO idempotency_keys (scope, key, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
      [claim.scope, claim.key, claim.fingerprint],
    );
    if (claimed.length === 0) {
      const [stored] = await manager.query<Array<{ fingerprint: string; status: number; body: T }>>(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [claim.scope, claim.key],
      );
      if (!stored || stored.fingerprint !== claim.fingerprint) {
        throw new IdempotencyKeyReusedError();
      }
      return { status: stored.status, body: stored.body, replayed: true };
    }
    const response = await work(manager);
    await manager.query('UPDATE idempotency_keys SET status = $3, body = $4 WHERE scope = $1 AND key = $2', [
      claim.scope,
      claim.key,
      response.status,
      JSON.stringify(response.body),
    ]);
    return { ...response, replayed: false };
  });
}

/** Idempotency keys are kept a day (a retrying pipeline gives up long before). */
export class CreateIdempotencyKeys1763880000010 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1763880000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        status integer,
        body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query('CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
