import { baseEnvSchema, databaseUrl, portSchema, refineKafkaSecurityEnv } from '@talent/config';
import { authEnvFields, rateLimitEnvFields, refineAuthEnv, retentionEnvFields } from '@talent/service-kit';
import { z } from 'zod';

export const matcherEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3003),
  DATABASE_URL: databaseUrl('matcher'),
  /**
   * Consumer group of the matcher instances: they share the candidates' partitions (each instance
   * owns a shard of candidates). Instances of one deployment use the same group.
   */
  KAFKA_GROUP_ID: z.string().trim().min(1).max(200).default('matcher'),
  /**
   * This instance's name. Every instance reads all postings through a consumer group of its own,
   * named after the group and this id, so the id must differ between instances and stay the same
   * across restarts of one instance. Default: host name and port.
   */
  MATCHER_INSTANCE_ID: z.string().trim().regex(/^[\w.-]{1,100}$/, 'letters, digits, _ . - only').optional(),
  ...authEnvFields,
  ...rateLimitEnvFields,
  ...retentionEnvFields,
}).superRefine(refineAuthEnv)
  .superRefine(refineKafkaSecurityEnv);

export type MatcherEnv = z.infer<typeof matcherEnvSchema>;
