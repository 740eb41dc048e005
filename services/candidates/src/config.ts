import { baseEnvSchema, databaseUrl, portSchema } from '@talent/config';
import type { z } from 'zod';

export const candidatesEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3002),
  DATABASE_URL: databaseUrl('candidates'),
});

export type CandidatesEnv = z.infer<typeof candidatesEnvSchema>;
