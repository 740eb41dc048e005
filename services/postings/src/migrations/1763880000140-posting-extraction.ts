import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How a posting read from free text was read: each requirement's evidence and confidence, carried in posting events. */
export class PostingExtraction1763880000140 implements MigrationInterface {
  name = 'PostingExtraction1763880000140';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE postings ADD COLUMN extraction jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE postings DROP COLUMN extraction');
  }
}
