import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { NotifierEnv } from '../config';
import { NOTIFIER_ENV } from '../notifier.providers';
import { SecretBox } from './secret-box';
import { generateWebhookSecret } from './standard-webhooks';
import { redactUrl } from './webhook-url';

/**
 * Keeps the operator's endpoint (`NOTIFY_WEBHOOK_URL`) in step with the configuration: one row
 * flagged `is_default`, receiving every match, signed with `NOTIFY_WEBHOOK_SECRET` or a secret
 * generated once and kept.
 */
@Injectable()
export class DefaultEndpointSync implements OnModuleInit {
  private readonly logger = new Logger(DefaultEndpointSync.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
    private readonly box: SecretBox,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.env.NOTIFY_WEBHOOK_URL;
    if (!url) {
      await this.dataSource.query('UPDATE webhook_endpoints SET active = false WHERE is_default');
      return;
    }
    await this.dataSource.query(
      `INSERT INTO webhook_endpoints (id, url, secret, description, is_default, active)
       VALUES ($1, $2, $3, 'NOTIFY_WEBHOOK_URL', true, true)
       ON CONFLICT (is_default) WHERE is_default
       DO UPDATE SET url = EXCLUDED.url, active = true, secret = COALESCE($4, webhook_endpoints.secret)`,
      [
        randomUUID(),
        url,
        this.box.seal(this.env.NOTIFY_WEBHOOK_SECRET ?? generateWebhookSecret()),
        this.env.NOTIFY_WEBHOOK_SECRET === undefined ? null : this.box.seal(this.env.NOTIFY_WEBHOOK_SECRET),
      ],
    );
    this.logger.log(`every match is also POSTed to ${redactUrl(url)}`);
  }
}
