import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a candidate agreed to be matched with other organisations' public postings; nobody has until they say so. */
export class CandidateOpenToPublicPostings1763880000230 implements MigrationInterface {
  name = 'CandidateOpenToPublicPostings1763880000230';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE candidates ADD COLUMN open_to_public_postings boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE candidates DROP COLUMN open_to_public_postings');
  }
}
