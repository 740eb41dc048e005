import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries of one match to one destination go out in the order they were queued: each delivery
 * gets a `sequence` (insertion order) and, when it tells of one match, that `match_id`; a delivery
 * is not claimed while an earlier one of its match to its destination is still pending or being
 * delivered. The partial index serves that check.
 */
export class DeliveryOrder1763880000420 implements MigrationInterface {
  name = 'DeliveryOrder1763880000420';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE deliveries ADD COLUMN sequence bigint GENERATED ALWAYS AS IDENTITY, ADD COLUMN match_id uuid');
    await queryRunner.query(`UPDATE deliveries SET match_id = match_ids[1] WHERE mode = 'instant' AND cardinality(match_ids) = 1`);
    await queryRunner.query(`CREATE INDEX deliveries_match_order ON deliveries (match_id, sequence) WHERE status IN ('pending', 'delivering') AND match_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX deliveries_match_order');
    await queryRunner.query('ALTER TABLE deliveries DROP COLUMN match_id, DROP COLUMN sequence');
  }
}
