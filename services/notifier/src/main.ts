import './instrument';
import { loadEnvOrExit } from '@talent/config';
import { runService } from '@talent/service-kit';
import { notifierEnvSchema } from './config';
import { startNotifier } from './service';

runService(() => startNotifier(loadEnvOrExit(notifierEnvSchema, 'notifier')));
