import { z } from 'zod';
import { IDEMPOTENCY_KEY_LIFETIME_SECONDS } from '@talent/persistence';

const HOUR = 3_600;

/**
 * How long rows are kept before the retention job deletes them (hours), and how often it runs.
 * The defaults are documented in docs/security.md ("Personal data"); a service uses the ones that
 * apply to its tables.
 */
export const retentionEnvFields = {
  /** Published outbox rows (the broker holds the events): 7 days. */
  RETENTION_OUTBOX_HOURS: z.coerce.number().min(0).max(87_600).default(168),
  /** Idempotency keys: their lifetime (a day), far longer than a retrying pipeline keeps retrying. */
  RETENTION_IDEMPOTENCY_KEYS_HOURS: z.coerce.number().min(0).max(87_600).default(IDEMPOTENCY_KEY_LIFETIME_SECONDS / HOUR),
  /** Webhook and e-mail delivery attempts (notifier): 30 days. */
  RETENTION_DELIVERY_ATTEMPTS_HOURS: z.coerce.number().min(0).max(87_600).default(720),
  /** Finished deliveries and the notifications that record who was told what (notifier): 90 days. */
  RETENTION_AUDIT_HOURS: z.coerce.number().min(0).max(87_600).default(2_160),
  /** Seconds between purges (each instance tries; one at a time purges). */
  RETENTION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
};

export interface RetentionEnv {
  RETENTION_OUTBOX_HOURS: number;
  RETENTION_IDEMPOTENCY_KEYS_HOURS: number;
  RETENTION_DELIVERY_ATTEMPTS_HOURS: number;
  RETENTION_AUDIT_HOURS: number;
  RETENTION_INTERVAL_SECONDS: number;
}

export function hoursToSeconds(hours: number): number {
  return Math.round(hours * HOUR);
}
