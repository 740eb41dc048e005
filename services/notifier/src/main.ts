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
    consumes: [Topics.matches, Topics.postings],
    produces: [Topics.notifications],
    openApi: {
      title: 'talent-match notifier',
      description:
        'Recruiters, their subscriptions and webhook endpoints; notifications and delivery logs; the live inbox (page and Server-Sent Events). Delivery outcomes are published on notifications.v1.',
    },
  });
});
