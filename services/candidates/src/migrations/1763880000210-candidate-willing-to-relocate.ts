import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a candidate will move for an on-site or hybrid role elsewhere (null: not said), carried in candidate events. */
export class CandidateWillingToRelocate1763880000210 implements MigrationInterface {
  name = 'CandidateWillingToRelocate1763880000210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE candidates ADD COLUMN willing_to_relocate boolean');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE candidates DROP COLUMN willing_to_relocate');
  }
}
