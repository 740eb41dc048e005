import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plausible pairs now come from the in-memory inverted index: the GIN indexes on the read model's
 * skill keys are no longer read, and maintaining them cost a GIN update on every posting and
 * candidate event. The key columns stay (they document what the index held when a row was written).
 */
export class DropSkillGinIndexes1763880000320 implements MigrationInterface {
  name = 'DropSkillGinIndexes1763880000320';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS matcher_postings_required_keys');
    await queryRunner.query('DROP INDEX IF EXISTS matcher_candidates_skill_keys');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX matcher_postings_required_keys ON matcher_postings USING gin (required_keys)');
    await queryRunner.query('CREATE INDEX matcher_candidates_skill_keys ON matcher_candidates USING gin (skill_keys)');
  }
}
