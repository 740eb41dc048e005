import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-posting scoring options (near misses, weight overrides), carried in posting events. */
export class PostingMatchingOptions1763880000110 implements MigrationInterface {
  name = 'PostingMatchingOptions1763880000110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE postings ADD COLUMN matching jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE postings DROP COLUMN matching');
  }
}
