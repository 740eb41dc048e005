import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@talent/persistence';
import { PlatformModule } from '@talent/service-kit';
import type { NotifierEnv } from './config';
import { notifierDatabase } from './database';
import { NotificationsConsumer } from './notifications/notifications.consumer';
import { NotificationsController } from './notifications/notifications.controller';
import { NOTIFIER_ENV, NotificationsService } from './notifications/notifications.service';

@Module({})
export class AppModule {
  static forRoot(env: NotifierEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ ...notifierDatabase, url: env.DATABASE_URL, applicationName: 'notifier' })),
        PlatformModule.forRoot({ serviceName: 'notifier', kafkaBrokers: env.KAFKA_BROKERS, outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS }),
      ],
      controllers: [NotificationsController, NotificationsConsumer],
      providers: [{ provide: NOTIFIER_ENV, useValue: env }, NotificationsService],
    };
  }
}
