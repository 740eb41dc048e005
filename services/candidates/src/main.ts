import './instrument';
import { loadEnvOrExit } from '@talent/config';
import { Topics } from '@talent/contracts';
import { bootstrapService, runService } from '@talent/service-kit';
import { AppModule } from './app.module';
import { candidatesEnvSchema } from './config';
import { candidatesDatabase } from './database';

runService(async () => {
  const env = loadEnvOrExit(candidatesEnvSchema, 'candidates');
  await bootstrapService({
    name: 'candidates',
    env,
    module: AppModule.forRoot(env),
    database: candidatesDatabase,
    consumes: [Topics.candidatesIngest],
    produces: [Topics.candidates],
    openApi: {
      title: 'talent-match candidates',
      description: 'Candidate profiles: register, update, withdraw, list, bulk import. Changes are published on candidates.v1 without personal data.',
    },
  });
});
