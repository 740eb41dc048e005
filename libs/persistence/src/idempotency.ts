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

/**
 * How long an `Idempotency-Key` is remembered: within it a retry replays the first answer; after
 * it the key is free again (a new request) and its row may be purged (the retention job's default).
 */
export const IDEMPOTENCY_KEY_LIFETIME_SECONDS = 86_400;

/**
 * A request's claim on its key. Keys belong to the organisation the request acts for (after the
 * token's organisation is applied) and the caller (the token's subject; empty without one): the
 * same key from anyone else is another key.
 */
export interface IdempotencyClaim {
  organisationId: string;
  subject: string;
  /** The operation: method and path. */
  scope: string;
  key: string;
  /** Of the request as it acts (organisation applied), so the same bytes for another organisation never match. */
  fingerprint: string;
}

/** Ids of what a request created or changed, and its outcome word: all a replay is rebuilt from. */
export type IdempotencyRefs = Record<string, string>;

/**
 * How a response is kept: only its status and `refs` are stored (never the body, which may carry
 * personal data), and a replay reads the resources again.
 */
export interface IdempotentReplay<T> {
  refs: (body: T) => IdempotencyRefs;
  replay: (manager: EntityManager, refs: IdempotencyRefs, status: number) => Promise<T>;
}

/** `runIdempotent` when the request carried a key; otherwise `work` in a plain transaction. */
export async function runMaybeIdempotent<T>(
  dataSource: DataSource,
  claim: IdempotencyClaim | undefined,
  work: (manager: EntityManager) => Promise<IdempotentResponse<T>>,
  replay: IdempotentReplay<T>,
): Promise<IdempotentResponse<T> & { replayed: boolean }> {
  if (claim) {
    return runIdempotent(dataSource, claim, work, replay);
  }
  return { ...(await dataSource.transaction(work)), replayed: false };
}

/**
 * Runs `work` at most once per key of an organisation and caller: the key is claimed in the same
 * transaction as the work, so a retry after a timeout replays the first answer (its status, the
 * resources as they are now) instead of repeating the effect, and a concurrent retry waits for
 * the first to commit. A key reused with another request fails; a key older than
 * `lifetimeSeconds` is free again.
 */
export async function runIdempotent<T>(
  dataSource: DataSource,
  claim: IdempotencyClaim,
  work: (manager: EntityManager) => Promise<IdempotentResponse<T>>,
  { refs, replay }: IdempotentReplay<T>,
  lifetimeSeconds = IDEMPOTENCY_KEY_LIFETIME_SECONDS,
): Promise<IdempotentResponse<T> & { replayed: boolean }> {
  const where = [claim.organisationId, claim.subject, claim.scope, claim.key];
  return dataSource.transaction(async (manager) => {
    const claimed = await manager.query<unknown[]>(
      `INSERT INTO idempotency_keys (organisation_id, subject, scope, key, fingerprint) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, subject, scope, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, status = NULL, refs = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - make_interval(secs => $6)
       RETURNING key`,
      [...where, claim.fingerprint, lifetimeSeconds],
    );
    if (claimed.length === 0) {
      const [stored] = await manager.query<Array<{ fingerprint: string; status: number; refs: IdempotencyRefs }>>(
        'SELECT fingerprint, status, refs FROM idempotency_keys WHERE organisation_id = $1 AND subject = $2 AND scope = $3 AND key = $4',
        where,
      );
      if (!stored || stored.fingerprint !== claim.fingerprint) {
        throw new IdempotencyKeyReusedError();
      }
      return { status: stored.status, body: await replay(manager, stored.refs, stored.status), replayed: true };
    }
    const response = await work(manager);
    await manager.query('UPDATE idempotency_keys SET status = $5, refs = $6 WHERE organisation_id = $1 AND subject = $2 AND scope = $3 AND key = $4', [
      ...where,
      response.status,
      JSON.stringify(refs(response.body)),
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
