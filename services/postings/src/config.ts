import { baseEnvSchema, databaseUrl, portSchema } from '@talent/config';
import type { z } from 'zod';

export const postingsEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3001),
  DATABASE_URL: databaseUrl('postings'),
});

export type PostingsEnv = z.infer<typeof postingsEnvSchema>;
