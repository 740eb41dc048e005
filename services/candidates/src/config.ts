import { baseEnvSchema, databaseUrl, portSchema, refineKafkaSecurityEnv } from '@talent/config';
import { authEnvFields, rateLimitEnvFields, refineAuthEnv } from '@talent/service-kit';
import type { z } from 'zod';

export const candidatesEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3002),
  DATABASE_URL: databaseUrl('candidates'),
  ...authEnvFields,
  ...rateLimitEnvFields,
}).superRefine(refineAuthEnv)
  .superRefine(refineKafkaSecurityEnv);

export type CandidatesEnv = z.infer<typeof candidatesEnvSchema>;
