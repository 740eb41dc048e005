import { baseEnvSchema, databaseUrl, portSchema, refineKafkaSecurityEnv } from '@talent/config';
import { authEnvFields, rateLimitEnvFields, refineAuthEnv } from '@talent/service-kit';
import type { z } from 'zod';

export const postingsEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3001),
  DATABASE_URL: databaseUrl('postings'),
  ...authEnvFields,
  ...rateLimitEnvFields,
}).superRefine(refineAuthEnv)
  .superRefine(refineKafkaSecurityEnv);

export type PostingsEnv = z.infer<typeof postingsEnvSchema>;
