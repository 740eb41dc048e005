import { baseEnvSchema, databaseUrl, portSchema, refineKafkaSecurityEnv } from '@talent/config';
import { authEnvFields, rateLimitEnvFields, refineAuthEnv, retentionEnvFields } from '@talent/service-kit';
import { z } from 'zod';
import { refineSecretsKeyEnv, secretsKeyEnvFields } from './webhooks/secret-box';
import { parseAllowList } from './webhooks/ssrf-guard';
import { hasUserinfo, URL_USERINFO_REFUSED } from './webhooks/webhook-url';

const optionalUrl = (protocols: RegExp, message: string) =>
  z
    .url({ protocol: protocols, message })
    .optional()
    .or(z.literal('').transform(() => undefined));

const milliseconds = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const notifierEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(3004),
  DATABASE_URL: databaseUrl('notifier'),
  /**
   * The operator's endpoint: every match is POSTed there (signed like any endpoint). Unset, only
   * recruiters' own subscriptions are served.
   */
  NOTIFY_WEBHOOK_URL: optionalUrl(/^https?$/, 'must be an http(s) URL').refine((url) => url === undefined || !hasUserinfo(url), URL_USERINFO_REFUSED),
  /** Signing secret of that endpoint (`whsec_` + base64); unset, one is generated and kept in the database. */
  NOTIFY_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, 'must be whsec_ followed by a base64 key of at least 16 bytes')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Per-request timeout of a webhook call: a hanging endpoint gives up its slot after this. */
  NOTIFY_WEBHOOK_TIMEOUT_MS: milliseconds(100, 60_000, 5_000),
  /**
   * Hosts, addresses or CIDR ranges webhook URLs may resolve to although they are private,
   * loopback or link-local, comma-separated (e.g. `127.0.0.0/8,::1,hooks.internal`).
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .superRefine((value, context) => {
      try {
        parseAllowList(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** Attempts per delivery before it is dead-lettered. */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Backoff before retry n is about BASE × 2^(n-1) (with jitter), capped at MAX. */
  DELIVERY_RETRY_BASE_MS: milliseconds(10, 3_600_000, 5_000),
  DELIVERY_RETRY_MAX_MS: milliseconds(10, 86_400_000, 3_600_000),
  /** How often idle workers look for due deliveries (they are also woken by new ones). */
  DELIVERY_POLL_INTERVAL_MS: milliseconds(10, 60_000, 250),
  /**
   * Deliveries in flight per instance, and per destination (one slow endpoint holds at most that
   * many; the operator's endpoint, which hears of every match, needs them all under load).
   */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(128),
  DELIVERY_PER_DESTINATION: z.coerce.number().int().min(1).max(64).default(32),
  /** Digest windows: the first match opens a window; when it closes one message lists them all. */
  DIGEST_HOURLY_WINDOW_MS: milliseconds(100, 86_400_000, 3_600_000),
  DIGEST_DAILY_WINDOW_MS: milliseconds(100, 7 * 86_400_000, 86_400_000),
  DIGEST_POLL_INTERVAL_MS: milliseconds(10, 600_000, 1_000),
  /** SMTP server for e-mail notifications, e.g. `smtp://user:pass@mail.example.com:587`; unset, e-mail is off. */
  SMTP_URL: optionalUrl(/^smtps?$/, 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().min(3).default('talent-match <notifications@talent-match.invalid>'),
  SMTP_TIMEOUT_MS: milliseconds(100, 120_000, 10_000),
  /** Base URL of this service as recruiters reach it: links in e-mails point to its inbox page. */
  NOTIFIER_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).default('http://127.0.0.1:3004'),
  /**
   * Live inbox streams one caller (a token's organisation and subject; without authentication, a
   * recruiter) may hold open at once on one instance: each holds a connection and a listener.
   */
  INBOX_MAX_STREAMS_PER_PRINCIPAL: z.coerce.number().int().min(1).max(1_000).default(5),
  ...authEnvFields,
  ...rateLimitEnvFields,
  ...retentionEnvFields,
  ...secretsKeyEnvFields,
}).superRefine(refineAuthEnv)
  .superRefine(refineSecretsKeyEnv)
  .superRefine(refineKafkaSecurityEnv);

export type NotifierEnv = z.infer<typeof notifierEnvSchema>;
