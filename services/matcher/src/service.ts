import type { INestApplication } from '@nestjs/common';
import { Topics } from '@talent/contracts';
import { bootstrapService } from '@talent/service-kit';
import { AppModule } from './app.module';
import type { MatcherEnv } from './config';
import { matcherDatabase } from './database';
import { matcherConsumers } from './matching/matching.consumer';

/**
 * The matcher service as it runs: `main.ts` starts it from the process environment, the integration
 * specs from theirs, so a spec runs the service production runs (same consumers, topics, warnings).
 */
export function startMatcher(env: MatcherEnv): Promise<INestApplication> {
  return bootstrapService({
    name: 'matcher',
    env,
    module: AppModule.forRoot(env),
    database: matcherDatabase,
    consumers: matcherConsumers(env),
    produces: [Topics.matches],
    openApi: {
      title: 'talent-match matcher',
      description: 'Matches of postings and candidates, ranked, with the explanation of every score.',
    },
  });
}
