import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per (match, version, channel): the unique key is what makes a redelivered event notify once. */
export class CreateNotifications1763880000400 implements MigrationInterface {
  name = 'CreateNotifications1763880000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        match_id uuid NOT NULL,
        match_version integer NOT NULL,
        channel text NOT NULL,
        event_type text NOT NULL,
        posting_id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        score double precision NOT NULL,
        summary text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'stored')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (match_id, match_version, channel)
      )`);
    await queryRunner.query('CREATE INDEX notifications_posting ON notifications (posting_id, created_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifications');
  }
}
