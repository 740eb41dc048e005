import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@talent/persistence';
import { authOptions, PlatformModule, rateLimitOptions } from '@talent/service-kit';
import type { NotifierEnv } from './config';
import { notifierDatabase } from './database';
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

@Module({})
export class AppModule {
  static forRoot(env: NotifierEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ ...notifierDatabase, url: env.DATABASE_URL, applicationName: 'notifier' })),
        PlatformModule.forRoot({ serviceName: 'notifier', kafkaBrokers: env.KAFKA_BROKERS, outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, auth: authOptions(env), rateLimit: rateLimitOptions(env, 'notifier') }),
      ],
      controllers: [
        NotificationsController,
        RecruitersController,
        SubscriptionsController,
        WebhookEndpointsController,
        InboxController,
      ],
      providers: [
        ...notifierProviders(env),
        NotificationsService,
        PostingDirectoryService,
        NotifierConsumer,
        RecruitersService,
        DeliveryWorker,
        DigestScheduler,
        InboxHub,
        DefaultEndpointSync,
      ],
    };
  }
}
