import './instrument';
import { loadEnvOrExit } from '@talent/config';
import { runService } from '@talent/service-kit';
import { candidatesEnvSchema } from './config';
import { startCandidates } from './service';

runService(() => startCandidates(loadEnvOrExit(candidatesEnvSchema, 'candidates')));
