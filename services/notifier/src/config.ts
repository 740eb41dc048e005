import { baseEnvSchema, databaseUrl, portSchema } from '@talent/config';
import { z } from 'zod';

export const notifierEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3004),
  DATABASE_URL: databaseUrl('notifier'),
  /** Where match notifications are POSTed; unset, they are only stored (and listed by the API). */
  NOTIFY_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  NOTIFY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
});

export type NotifierEnv = z.infer<typeof notifierEnvSchema>;
