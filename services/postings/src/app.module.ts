import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, idempotencyKeysRule } from '@talent/persistence';
import { publishedOutboxRule } from '@talent/outbox';
import { authOptions, hoursToSeconds, PlatformModule, rateLimitOptions, RetentionModule } from '@talent/service-kit';
import type { PostingsEnv } from './config';
import { postingsDatabase } from './database';
import { PostingsBulkController } from './postings/postings-bulk.controller';
import { PostingsIngestConsumer } from './postings/postings-ingest.consumer';
import { PostingsController } from './postings/postings.controller';
import { PostingsService } from './postings/postings.service';
import { skillTaxonomyProvider } from './postings/skill-taxonomy.provider';

@Module({})
export class AppModule {
  static forRoot(env: PostingsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ ...postingsDatabase, url: env.DATABASE_URL, applicationName: 'postings' })),
        PlatformModule.forRoot({ serviceName: 'postings', kafkaBrokers: env.KAFKA_BROKERS, outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, auth: authOptions(env), rateLimit: rateLimitOptions(env, 'postings') }),
        RetentionModule.forRoot({ serviceName: 'postings', intervalSeconds: env.RETENTION_INTERVAL_SECONDS, rules: [publishedOutboxRule(hoursToSeconds(env.RETENTION_OUTBOX_HOURS)), idempotencyKeysRule(hoursToSeconds(env.RETENTION_IDEMPOTENCY_KEYS_HOURS))] }),
      ],
      controllers: [PostingsBulkController, PostingsController, PostingsIngestConsumer],
      providers: [
        PostingsService,
        skillTaxonomyProvider,
      ],
    };
  }
}
