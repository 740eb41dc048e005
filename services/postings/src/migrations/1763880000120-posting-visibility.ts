import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who may match a posting: its organisation's candidates only (the default), or everyone's. */
export class PostingVisibility1763880000120 implements MigrationInterface {
  name = 'PostingVisibility1763880000120';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE postings ADD COLUMN visibility text NOT NULL DEFAULT 'organisation' CHECK (visibility IN ('organisation', 'public'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE postings DROP COLUMN visibility');
  }
}
