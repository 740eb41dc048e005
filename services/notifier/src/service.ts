import type { INestApplication } from '@nestjs/common';
import { Topics } from '@talent/contracts';
import { bootstrapService } from '@talent/service-kit';
import { AppModule } from './app.module';
import type { NotifierEnv } from './config';
import { notifierDatabase } from './database';

/**
 * The notifier service as it runs: `main.ts` starts it from the process environment, the integration
 * specs from theirs, so a spec runs the service production runs (same consumers, topics, warnings).
 */
export function startNotifier(env: NotifierEnv): Promise<INestApplication> {
  return bootstrapService({
    name: 'notifier',
    env,
    module: AppModule.forRoot(env),
    database: notifierDatabase,
    consumers: [{ subscriptions: [Topics.matches, Topics.postings] }],
    produces: [Topics.notifications],
    openApi: {
      title: 'talent-match notifier',
      description:
        'Recruiters, their subscriptions and webhook endpoints; notifications and delivery logs; the live inbox (page and Server-Sent Events). Delivery outcomes are published on notifications.v1.',
    },
  });
}
