import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox table, shared by every service that publishes events. Frozen like every migration:
 * a change to the table is a new migration, never an edit of this one.
 */
export class CreateOutbox1763880000000 implements MigrationInterface {
  name = 'CreateOutbox1763880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_id uuid NOT NULL,
        payload jsonb NOT NULL,
        trace_context jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox');
  }
}
