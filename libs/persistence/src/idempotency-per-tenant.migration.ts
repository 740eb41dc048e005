import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys per organisation and caller, with the status and ids of the answer instead of
 * the answer itself (which could carry personal data). The keys kept so far were shared by every
 * organisation and held whole answers: they are dropped, so a retry within their day is taken as
 * a new request once.
 */
export class IdempotencyKeysPerTenant1763880000030 implements MigrationInterface {
  name = 'IdempotencyKeysPerTenant1763880000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        organisation_id text NOT NULL,
        subject text NOT NULL,
        scope text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        status integer,
        refs jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, subject, scope, key)
      )`);
    await queryRunner.query('CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL, key text NOT NULL, fingerprint text NOT NULL, status integer, body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query('CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)');
  }
}
