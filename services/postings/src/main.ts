import './instrument';
import { loadEnvOrExit } from '@talent/config';
import { runService } from '@talent/service-kit';
import { postingsEnvSchema } from './config';
import { startPostings } from './service';

runService(() => startPostings(loadEnvOrExit(postingsEnvSchema, 'postings')));
