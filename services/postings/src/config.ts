import { baseEnvSchema, databaseUrl, ingestPrincipalsSchema, portSchema, refineKafkaSecurityEnv } from '@talent/config';
import { authEnvFields, rateLimitEnvFields, refineAuthEnv, retentionEnvFields } from '@talent/service-kit';
import type { z } from 'zod';

export const postingsEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3001),
  DATABASE_URL: databaseUrl('postings'),
  /** Which Kafka users may write which organisations' ingest commands; see `ingestPrincipalsSchema`. */
  INGEST_PRINCIPALS: ingestPrincipalsSchema,
  ...authEnvFields,
  ...rateLimitEnvFields,
  ...retentionEnvFields,
}).superRefine(refineAuthEnv)
  .superRefine(refineKafkaSecurityEnv);

export type PostingsEnv = z.infer<typeof postingsEnvSchema>;
