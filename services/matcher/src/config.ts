import { baseEnvSchema, databaseUrl, portSchema } from '@talent/config';
import type { z } from 'zod';

export const matcherEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3003),
  DATABASE_URL: databaseUrl('matcher'),
});

export type MatcherEnv = z.infer<typeof matcherEnvSchema>;
