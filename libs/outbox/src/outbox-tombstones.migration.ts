import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row without a payload is a tombstone: the relay publishes its key with no value, so a
 * compacted topic forgets the key (an erased candidate, their matches).
 */
export class OutboxTombstones1763880000020 implements MigrationInterface {
  name = 'OutboxTombstones1763880000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE outbox ALTER COLUMN payload DROP NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM outbox WHERE payload IS NULL');
    await queryRunner.query('ALTER TABLE outbox ALTER COLUMN payload SET NOT NULL');
  }
}
