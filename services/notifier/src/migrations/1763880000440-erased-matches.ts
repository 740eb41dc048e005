import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matches of erased candidates (ids only). Their notifications and deliveries are deleted when the
 * erasure arrives; the ones still in flight then (a withdrawal notice being sent) are deleted by
 * the retention job once finished.
 */
export class ErasedMatches1763880000440 implements MigrationInterface {
  name = 'ErasedMatches1763880000440';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE erased_matches (match_id uuid PRIMARY KEY, erased_at timestamptz NOT NULL DEFAULT now())');
    await queryRunner.query('CREATE INDEX deliveries_match_ids ON deliveries USING gin (match_ids)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX deliveries_match_ids');
    await queryRunner.query('DROP TABLE erased_matches');
  }
}
