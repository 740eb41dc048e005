// First import of main.ts: telemetry must be running before NestJS, pg, kafkajs and http load.
import { startTelemetry } from '@talent/telemetry';

startTelemetry({ serviceName: 'postings' });
