import type { INestApplication } from '@nestjs/common';
import { sharedIngestWarning } from '@talent/config';
import { Topics } from '@talent/contracts';
import { ingestSubscriptions } from '@talent/kafka';
import { bootstrapService } from '@talent/service-kit';
import { AppModule } from './app.module';
import type { CandidatesEnv } from './config';
import { candidatesDatabase } from './database';

/**
 * The candidates service as it runs: `main.ts` starts it from the process environment, the integration
 * specs from theirs, so a spec runs the service production runs (same consumers, topics, warnings).
 */
export function startCandidates(env: CandidatesEnv): Promise<INestApplication> {
  return bootstrapService({
    name: 'candidates',
    env,
    module: AppModule.forRoot(env),
    database: candidatesDatabase,
    consumers: [{ subscriptions: ingestSubscriptions(Topics.candidatesIngest, env.INGEST_PRINCIPALS) }],
    produces: [Topics.candidates],
    warnings: [sharedIngestWarning(env, Topics.candidatesIngest)],
    openApi: {
      title: 'talent-match candidates',
      description: 'Candidate profiles: register, update, withdraw, list, bulk import. Changes are published on candidates.v1 without personal data.',
    },
  });
}
