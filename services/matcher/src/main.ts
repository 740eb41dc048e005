import './instrument';
import { loadEnvOrExit } from '@talent/config';
import { Topics } from '@talent/contracts';
import { bootstrapService, runService } from '@talent/service-kit';
import { AppModule } from './app.module';
import { matcherEnvSchema } from './config';
import { matcherDatabase } from './database';

runService(async () => {
  const env = loadEnvOrExit(matcherEnvSchema, 'matcher');
  await bootstrapService({
    name: 'matcher',
    env,
    module: AppModule.forRoot(env),
    database: matcherDatabase,
    consumes: [Topics.postings, Topics.candidates],
    produces: [Topics.matches],
  });
});
