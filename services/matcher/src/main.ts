import './instrument';
import { loadEnvOrExit } from '@talent/config';
import { runService } from '@talent/service-kit';
import { matcherEnvSchema } from './config';
import { startMatcher } from './service';

runService(() => startMatcher(loadEnvOrExit(matcherEnvSchema, 'matcher')));
