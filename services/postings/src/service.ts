import type { INestApplication } from '@nestjs/common';
import { sharedIngestWarning } from '@talent/config';
import { Topics } from '@talent/contracts';
import { ingestSubscriptions } from '@talent/kafka';
import { bootstrapService } from '@talent/service-kit';
import { AppModule } from './app.module';
import type { PostingsEnv } from './config';
import { postingsDatabase } from './database';

/**
 * The postings service as it runs: `main.ts` starts it from the process environment, the integration
 * specs from theirs, so a spec runs the service production runs (same consumers, topics, warnings).
 */
export function startPostings(env: PostingsEnv): Promise<INestApplication> {
  return bootstrapService({
    name: 'postings',
    env,
    module: AppModule.forRoot(env),
    database: postingsDatabase,
    consumers: [{ subscriptions: ingestSubscriptions(Topics.postingsIngest, env.INGEST_PRINCIPALS) }],
    produces: [Topics.postings],
    warnings: [sharedIngestWarning(env, Topics.postingsIngest)],
    openApi: {
      title: 'talent-match postings',
      description: 'Job postings: publish, update, close, list, bulk import. Every change is published on postings.v1.',
    },
  });
}
