import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@talent/persistence';
import { publishedOutboxRule } from '@talent/outbox';
import { authOptions, hoursToSeconds, PlatformModule, rateLimitOptions, RetentionModule } from '@talent/service-kit';
import type { MatcherEnv } from './config';
import { matcherDatabase } from './database';
import { MatchesController } from './matching/matches.controller';
import { MatchingConsumer } from './matching/matching.consumer';
import { MatchingService } from './matching/matching.service';

@Module({})
export class AppModule {
  static forRoot(env: MatcherEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ ...matcherDatabase, url: env.DATABASE_URL, applicationName: 'matcher' })),
        PlatformModule.forRoot({ serviceName: 'matcher', groupId: env.KAFKA_GROUP_ID, kafkaBrokers: env.KAFKA_BROKERS, outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, auth: authOptions(env), rateLimit: rateLimitOptions(env, 'matcher') }),
        RetentionModule.forRoot({ serviceName: 'matcher', intervalSeconds: env.RETENTION_INTERVAL_SECONDS, rules: [publishedOutboxRule(hoursToSeconds(env.RETENTION_OUTBOX_HOURS))] }),
      ],
      controllers: [MatchesController, MatchingConsumer],
      providers: [MatchingService],
    };
  }
}
