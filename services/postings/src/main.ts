import './instrument';
import { loadEnvOrExit } from '@talent/config';
import { Topics } from '@talent/contracts';
import { bootstrapService, runService } from '@talent/service-kit';
import { AppModule } from './app.module';
import { postingsEnvSchema } from './config';
import { postingsDatabase } from './database';

runService(async () => {
  const env = loadEnvOrExit(postingsEnvSchema, 'postings');
  await bootstrapService({
    name: 'postings',
    env,
    module: AppModule.forRoot(env),
    database: postingsDatabase,
    consumes: [Topics.postingsIngest],
    produces: [Topics.postings],
    openApi: {
      title: 'talent-match postings',
      description: 'Job postings: publish, update, close, list, bulk import. Every change is published on postings.v1.',
    },
  });
});
