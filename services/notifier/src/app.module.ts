import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@talent/persistence';
import { authOptions, PlatformModule, rateLimitOptions, RetentionModule } from '@talent/service-kit';
import type { NotifierEnv } from './config';
import { notifierDatabase } from './database';
import { notifierRetentionRules } from './retention/notifier-retention';
import { DeliveryWorker } from './deliveries/delivery-worker';
import { DigestScheduler } from './deliveries/digest-scheduler';
import { InboxController } from './inbox/inbox.controller';
import { InboxHub } from './inbox/inbox-hub';
import { NotifierConsumer } from './notifier.consumer';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { notifierProviders } from './notifier.providers';
import { PostingDirectoryService } from './postings/posting-directory.service';
import { RecruitersController, SubscriptionsController, WebhookEndpointsController } from './recruiters/recruiters.controller';
import { RecruitersService } from './recruiters/recruiters.service';
import { DefaultEndpointSync } from './webhooks/default-endpoint';
import { SecretBox } from './webhooks/secret-box';
import { WebhookSecretsController } from './webhooks/webhook-secrets.controller';
import { WebhookSecretsService } from './webhooks/webhook-secrets.service';

@Module({})
export class AppModule {
  static forRoot(env: NotifierEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ ...notifierDatabase, url: env.DATABASE_URL, applicationName: 'notifier' })),
        PlatformModule.forRoot({ serviceName: 'notifier', kafkaBrokers: env.KAFKA_BROKERS, outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, auth: authOptions(env), rateLimit: rateLimitOptions(env, 'notifier') }),
        RetentionModule.forRoot({ serviceName: 'notifier', intervalSeconds: env.RETENTION_INTERVAL_SECONDS, rules: notifierRetentionRules(env) }),
      ],
      controllers: [
        NotifierConsumer,
        NotificationsController,
        RecruitersController,
        SubscriptionsController,
        WebhookEndpointsController,
        WebhookSecretsController,
        InboxController,
      ],
      providers: [
        ...notifierProviders(env),
        NotificationsService,
        PostingDirectoryService,
        RecruitersService,
        DeliveryWorker,
        DigestScheduler,
        InboxHub,
        DefaultEndpointSync,
        { provide: SecretBox, useFactory: () => sealingBox(env) },
        WebhookSecretsService,
      ],
    };
  }
}

/** The box sealing webhook secrets; without SECRETS_KEY (refused in production) the public development key, with a warning. */
function sealingBox(env: NotifierEnv): SecretBox {
  const { box, development } = SecretBox.fromEnv(env);
  if (development) new Logger('SecretBox').warn('SECRETS_KEY is not set: webhook signing secrets are sealed with the public development key (production refuses to start so)');
  return box;
}
