import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a posting's applicants must be (countries, time zones, the same metro area), carried in posting events. */
export class PostingApplicantLocation1763880000130 implements MigrationInterface {
  name = 'PostingApplicantLocation1763880000130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE postings ADD COLUMN applicant_location jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE postings DROP COLUMN applicant_location');
  }
}
