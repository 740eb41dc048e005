import './instrument';
import { loadEnvOrExit } from '@talent/config';
import { Topics } from '@talent/contracts';
import { bootstrapService, runService } from '@talent/service-kit';
import { AppModule } from './app.module';
import { notifierEnvSchema } from './config';
import { notifierDatabase } from './database';

runService(async () => {
  const env = loadEnvOrExit(notifierEnvSchema, 'notifier');
  await bootstrapService({
    name: 'notifier',
    env,
    module: AppModule.forRoot(env),
    database: notifierDatabase,
    consumes: [Topics.matches],
    produces: [],
  });
});
