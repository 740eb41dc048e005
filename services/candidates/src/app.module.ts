import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@talent/persistence';
import { authOptions, PlatformModule, rateLimitOptions } from '@talent/service-kit';
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
      ],
      controllers: [CandidatesBulkController, CandidatesController],
      providers: [CandidatesService, CandidatesIngestConsumer],
    };
  }
}
