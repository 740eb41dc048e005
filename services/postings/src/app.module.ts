import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@talent/persistence';
import { authOptions, PlatformModule, rateLimitOptions } from '@talent/service-kit';
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
      ],
      controllers: [PostingsBulkController, PostingsController],
      providers: [PostingsService, PostingsIngestConsumer, skillTaxonomyProvider],
    };
  }
}
