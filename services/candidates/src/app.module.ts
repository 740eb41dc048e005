import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, idempotencyKeysRule } from '@talent/persistence';
import { publishedOutboxRule } from '@talent/outbox';
import { authOptions, hoursToSeconds, PlatformModule, rateLimitOptions, RetentionModule } from '@talent/service-kit';
import { CandidatesBulkController } from './candidates/candidates-bulk.controller';
import { CandidatesIngestConsumer } from './candidates/candidates-ingest.consumer';
import { CandidatesController } from './candidates/candidates.controller';
import { CandidatesService } from './candidates/candidates.service';
import type { CandidatesEnv } from './config';
import { candidatesDatabase } from './database';

@Module({})
export class AppModule {
  static forRoot(env: CandidatesEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ ...candidatesDatabase, url: env.DATABASE_URL, applicationName: 'candidates' })),
        PlatformModule.forRoot({ serviceName: 'candidates', kafkaBrokers: env.KAFKA_BROKERS, outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, auth: authOptions(env), rateLimit: rateLimitOptions(env, 'candidates') }),
        RetentionModule.forRoot({ serviceName: 'candidates', intervalSeconds: env.RETENTION_INTERVAL_SECONDS, rules: [publishedOutboxRule(hoursToSeconds(env.RETENTION_OUTBOX_HOURS)), idempotencyKeysRule(hoursToSeconds(env.RETENTION_IDEMPOTENCY_KEYS_HOURS))] }),
      ],
      controllers: [CandidatesBulkController, CandidatesController, CandidatesIngestConsumer],
      providers: [
        CandidatesService,
      ],
    };
  }
}
