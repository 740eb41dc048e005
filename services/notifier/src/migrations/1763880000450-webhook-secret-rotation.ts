import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An endpoint's secret can be rotated: the previous one keeps signing (alongside the new one) until
 * `previous_secret_expires_at`, so the receiver can switch over without missing a call. Both are
 * stored sealed (`SecretBox`); secrets stored in plaintext before are sealed at start-up.
 */
export class WebhookSecretRotation1763880000450 implements MigrationInterface {
  name = 'WebhookSecretRotation1763880000450';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE webhook_endpoints ADD COLUMN previous_secret text, ADD COLUMN previous_secret_expires_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE webhook_endpoints DROP COLUMN previous_secret, DROP COLUMN previous_secret_expires_at');
  }
}
