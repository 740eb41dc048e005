import { Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { rowsOf } from '../persistence-helpers';
import { SecretBox } from './secret-box';
import { generateWebhookSecret } from './standard-webhooks';

/** Default and longest time the previous secret keeps signing after a rotation. */
export const ROTATION_GRACE_SECONDS = { default: 86_400, max: 7 * 86_400 } as const;

export interface RotatedSecret {
  endpointId: string;
  /** The new secret, shown this once. */
  secret: string;
  /** Until then calls carry a signature with the previous secret as well. */
  previousSecretExpiresAt: string;
}

/**
 * Endpoints' signing secrets: sealed at rest (`SecretBox`), rotated with a grace period during
 * which calls are signed with both the new and the previous secret (Standard Webhooks lets a
 * `webhook-signature` header carry several signatures; a receiver accepts any it can verify).
 */
@Injectable()
export class WebhookSecretsService implements OnModuleInit {
  private readonly logger = new Logger(WebhookSecretsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {}

  /** Seals the secrets stored in plaintext (before sealing was introduced) or under a former application key. */
  async onModuleInit(): Promise<void> {
    const rows = await this.dataSource.query<Array<{ id: string; secret: string; previous_secret: string | null }>>(
      'SELECT id, secret, previous_secret FROM webhook_endpoints',
    );
    const stale = rows.filter((row) => this.box.needsSealing(row.secret) || (row.previous_secret !== null && this.box.needsSealing(row.previous_secret)));
    for (const row of stale) {
      await this.dataSource.query('UPDATE webhook_endpoints SET secret = $2, previous_secret = $3 WHERE id = $1 AND secret = $4', [
        row.id,
        this.box.seal(this.box.open(row.secret)),
        row.previous_secret === null ? null : this.box.seal(this.box.open(row.previous_secret)),
        row.secret,
      ]);
    }
    if (stale.length > 0) this.logger.log(`sealed ${stale.length} webhook signing secrets under the current SECRETS_KEY`);
  }

  /**
   * A new secret for an endpoint of the organisation (any, without one); the current one becomes
   * the previous one and keeps signing for `graceSeconds`. The operator's endpoint is configured,
   * not rotated here (`NOTIFY_WEBHOOK_SECRET`).
   */
  async rotate(id: string, graceSeconds: number, organisationId?: string): Promise<RotatedSecret> {
    const secret = generateWebhookSecret();
    const result: unknown = await this.dataSource.query(
      `UPDATE webhook_endpoints
          SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(secs => $3), secret = $4
        WHERE id = $1 AND active AND NOT is_default
          AND ($2::text IS NULL OR recruiter_id IN (SELECT r.id FROM recruiters r WHERE r.organisation_id = $2))
        RETURNING id, previous_secret_expires_at`,
      [id, organisationId ?? null, graceSeconds, this.box.seal(secret)],
    );
    const [row] = rowsOf<{ id: string; previous_secret_expires_at: Date }>(result);
    if (!row) throw new NotFoundException(`webhook endpoint ${id} does not exist (or is the configured default)`);
    return { endpointId: row.id, secret, previousSecretExpiresAt: new Date(row.previous_secret_expires_at).toISOString() };
  }
}
