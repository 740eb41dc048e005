import { baseEnvSchema, databaseUrl, ingestPrincipalsSchema, portSchema, refineKafkaSecurityEnv } from '@talent/config';
import { authEnvFields, rateLimitEnvFields, refineAuthEnv, retentionEnvFields } from '@talent/service-kit';
import type { z } from 'zod';

export const candidatesEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3002),
  DATABASE_URL: databaseUrl('candidates'),
  /** Which Kafka users may write which organisations' ingest commands; see `ingestPrincipalsSchema`. */
  INGEST_PRINCIPALS: ingestPrincipalsSchema,
  ...authEnvFields,
  ...rateLimitEnvFields,
  ...retentionEnvFields,
}).superRefine(refineAuthEnv)
  .superRefine(refineKafkaSecurityEnv);

export type CandidatesEnv = z.infer<typeof candidatesEnvSchema>;
