import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePostings1763880000100 implements MigrationInterface {
  name = 'CreatePostings1763880000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE postings (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        external_id text,
        title text NOT NULL,
        description text,
        location jsonb,
        workplace text CHECK (workplace IN ('on-site', 'hybrid', 'remote')),
        employment_type text,
        experience_years jsonb,
        required_skills jsonb NOT NULL,
        preferred_skills jsonb NOT NULL DEFAULT '[]'::jsonb,
        skill_keys text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, external_id)
      )`);
    await queryRunner.query('CREATE INDEX postings_list ON postings (organisation_id, created_at DESC, id DESC)');
    await queryRunner.query('CREATE INDEX postings_skill_keys ON postings USING gin (skill_keys)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE postings');
  }
}
