import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The matcher's read model of postings and candidates (the state their events carry) and the
 * current matches. `*_keys` hold normalised skills; GIN indexes find the plausible pairs.
 */
export class CreateMatcherState1763880000300 implements MigrationInterface {
  name = 'CreateMatcherState1763880000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE matcher_postings (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        state jsonb NOT NULL,
        required_keys text[] NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX matcher_postings_required_keys ON matcher_postings USING gin (required_keys)');
    await queryRunner.query(`
      CREATE TABLE matcher_candidates (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        state jsonb NOT NULL,
        skill_keys text[] NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX matcher_candidates_skill_keys ON matcher_candidates USING gin (skill_keys)');
    await queryRunner.query(`
      CREATE TABLE matches (
        id uuid PRIMARY KEY,
        posting_id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        score double precision NOT NULL,
        explanation jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (posting_id, candidate_id)
      )`);
    await queryRunner.query('CREATE INDEX matches_candidate ON matches (candidate_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE matches');
    await queryRunner.query('DROP TABLE matcher_candidates');
    await queryRunner.query('DROP TABLE matcher_postings');
  }
}
