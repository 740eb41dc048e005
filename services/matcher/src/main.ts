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
    lagTopics: [Topics.candidates], // postings are read by a group per instance
    produces: [Topics.matches],
    openApi: {
      title: 'talent-match matcher',
      description: 'Matches of postings and candidates, ranked, with the explanation of every score.',
    },
  });
});
