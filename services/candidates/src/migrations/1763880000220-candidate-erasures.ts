import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidates erased at their request: the id, talent pool and last version only, no attribute of
 * the person, so `DELETE /candidates/{id}` can answer a repeated erasure (204) and tell it from an
 * id never known (404).
 */
export class CandidateErasures1763880000220 implements MigrationInterface {
  name = 'CandidateErasures1763880000220';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE candidate_erasures (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        version integer NOT NULL,
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE candidate_erasures');
  }
}
