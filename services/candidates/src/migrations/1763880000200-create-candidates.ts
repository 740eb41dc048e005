import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCandidates1763880000200 implements MigrationInterface {
  name = 'CreateCandidates1763880000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE candidates (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        external_id text,
        name text NOT NULL,
        contact jsonb,
        location jsonb,
        workplace_preference text CHECK (workplace_preference IN ('on-site', 'hybrid', 'remote', 'any')),
        total_years_experience double precision,
        skills jsonb NOT NULL,
        skill_keys text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, external_id)
      )`);
    await queryRunner.query('CREATE INDEX candidates_list ON candidates (organisation_id, created_at DESC, id DESC)');
    await queryRunner.query('CREATE INDEX candidates_skill_keys ON candidates USING gin (skill_keys)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE candidates');
  }
}
