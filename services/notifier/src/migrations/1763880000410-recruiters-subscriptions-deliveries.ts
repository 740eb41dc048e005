import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recruiters, their subscriptions and webhook endpoints, a read model of postings, and the durable
 * delivery queue. A notification is now unique per (match, version, channel, recipient): the
 * recipient is the webhook endpoint or the recruiter, so two recruiters following one posting are
 * both told, and one recruiter is told once per channel however many subscriptions overlap.
 */
export class RecruitersSubscriptionsDeliveries1763880000410 implements MigrationInterface {
  name = 'RecruitersSubscriptionsDeliveries1763880000410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifier_postings (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        title text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE recruiters (
        id uuid PRIMARY KEY,
        organisation_id text NOT NULL,
        name text NOT NULL,
        email text,
        owned_posting_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX recruiters_organisation ON recruiters (organisation_id)');
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        recruiter_id uuid REFERENCES recruiters (id) ON DELETE CASCADE,
        url text NOT NULL,
        secret text NOT NULL,
        description text,
        is_default boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX webhook_endpoints_one_default ON webhook_endpoints (is_default) WHERE is_default');
    await queryRunner.query('CREATE INDEX webhook_endpoints_recruiter ON webhook_endpoints (recruiter_id) WHERE active');
    await queryRunner.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY,
        recruiter_id uuid NOT NULL REFERENCES recruiters (id) ON DELETE CASCADE,
        posting_ids uuid[],
        min_score double precision NOT NULL DEFAULT 0,
        channels text[] NOT NULL,
        mode text NOT NULL CHECK (mode IN ('instant', 'digest')),
        digest_window text CHECK (digest_window IN ('hourly', 'daily')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((mode = 'digest') = (digest_window IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX subscriptions_recruiter ON subscriptions (recruiter_id)');
    await queryRunner.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('webhook', 'email')),
        mode text NOT NULL CHECK (mode IN ('instant', 'digest')),
        organisation_id text,
        recruiter_id uuid,
        endpoint_id uuid REFERENCES webhook_endpoints (id) ON DELETE SET NULL,
        destination text NOT NULL,
        match_ids uuid[] NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'dead_lettered')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_status_code integer,
        last_error text,
        trace_context jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        dead_lettered_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'delivering')`);
    await queryRunner.query('CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, created_at DESC)');
    await queryRunner.query(`CREATE INDEX deliveries_dead_lettered ON deliveries (dead_lettered_at DESC) WHERE status = 'dead_lettered'`);
    await queryRunner.query(`
      CREATE TABLE delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        duration_ms integer NOT NULL,
        status_code integer,
        error text,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'dead_lettered'))
      )`);
    await queryRunner.query('CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, attempt)');

    await queryRunner.query('ALTER TABLE notifications DROP CONSTRAINT notifications_match_id_match_version_channel_key');
    await queryRunner.query('ALTER TABLE notifications DROP CONSTRAINT notifications_status_check');
    await queryRunner.query(`
      ALTER TABLE notifications
        ADD COLUMN recipient text NOT NULL DEFAULT 'default',
        ADD COLUMN organisation_id text,
        ADD COLUMN recruiter_id uuid,
        ADD COLUMN mode text NOT NULL DEFAULT 'instant' CHECK (mode IN ('instant', 'digest')),
        ADD COLUMN digest_window text,
        ADD COLUMN delivery_id uuid REFERENCES deliveries (id) ON DELETE SET NULL,
        ADD COLUMN digest_due_at timestamptz,
        DROP COLUMN attempts,
        DROP COLUMN last_error`);
    await queryRunner.query(`UPDATE notifications SET status = 'dead_lettered' WHERE status = 'failed'`);
    await queryRunner.query(`UPDATE notifications SET status = 'delivered', delivered_at = created_at WHERE status IN ('pending', 'stored')`);
    await queryRunner.query(`
      ALTER TABLE notifications
        ADD CONSTRAINT notifications_once UNIQUE (match_id, match_version, channel, recipient),
        ADD CONSTRAINT notifications_status_check CHECK (status IN ('queued', 'digest', 'retrying', 'delivered', 'dead_lettered'))`);
    await queryRunner.query(`CREATE INDEX notifications_digest ON notifications (channel, recipient, digest_due_at) WHERE status = 'digest'`);
    await queryRunner.query('CREATE INDEX notifications_recruiter ON notifications (recruiter_id, created_at DESC)');
    await queryRunner.query('CREATE INDEX notifications_delivery ON notifications (delivery_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM notifications WHERE recipient <> \'default\'');
    await queryRunner.query('DROP INDEX notifications_digest');
    await queryRunner.query('DROP INDEX notifications_recruiter');
    await queryRunner.query('DROP INDEX notifications_delivery');
    await queryRunner.query('ALTER TABLE notifications DROP CONSTRAINT notifications_once, DROP CONSTRAINT notifications_status_check');
    await queryRunner.query(`UPDATE notifications SET status = CASE WHEN status = 'delivered' THEN 'delivered' WHEN status = 'dead_lettered' THEN 'failed' ELSE 'pending' END`);
    await queryRunner.query(`
      ALTER TABLE notifications
        DROP COLUMN recipient, DROP COLUMN organisation_id, DROP COLUMN recruiter_id, DROP COLUMN mode, DROP COLUMN digest_window,
        DROP COLUMN delivery_id, DROP COLUMN digest_due_at,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN last_error text,
        ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'delivered', 'failed', 'stored')),
        ADD CONSTRAINT notifications_match_id_match_version_channel_key UNIQUE (match_id, match_version, channel)`);
    await queryRunner.query('DROP TABLE delivery_attempts');
    await queryRunner.query('DROP TABLE deliveries');
    await queryRunner.query('DROP TABLE subscriptions');
    await queryRunner.query('DROP TABLE webhook_endpoints');
    await queryRunner.query('DROP TABLE recruiters');
    await queryRunner.query('DROP TABLE notifier_postings');
  }
}
