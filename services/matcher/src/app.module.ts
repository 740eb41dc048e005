import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@talent/persistence';
import { authOptions, PlatformModule, rateLimitOptions } from '@talent/service-kit';
import type { MatcherEnv } from './config';
import { matcherDatabase } from './database';
import { MatchesController } from './matching/matches.controller';
import { MATCHER_ENV, MatchingConsumers } from './matching/matching.consumer';
import { MatchingService } from './matching/matching.service';

@Module({})
export class AppModule {
  static forRoot(env: MatcherEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ ...matcherDatabase, url: env.DATABASE_URL, applicationName: 'matcher' })),
        PlatformModule.forRoot({ serviceName: 'matcher', kafkaBrokers: env.KAFKA_BROKERS, outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, auth: authOptions(env), rateLimit: rateLimitOptions(env, 'matcher') }),
      ],
      controllers: [MatchesController],
      providers: [MatchingService, MatchingConsumers, { provide: MATCHER_ENV, useValue: env }],
    };
  }
}
