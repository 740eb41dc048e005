import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing per the Standard Webhooks specification (standardwebhooks.com): the signed content is
 * `<webhook-id>.<webhook-timestamp>.<body>`, HMAC-SHA256 with the base64-decoded part of a
 * `whsec_` secret, sent as `webhook-signature: v1,<base64>`. The id stays the same across
 * retries of one message (receivers deduplicate on it); the timestamp is that of the attempt.
 */
export const WebhookHeaders = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

const SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

export function sign(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', secretKey(secret)).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${digest}`;
}

/**
 * The headers of one call. With several secrets (the current one and, during a rotation's grace
 * period, the previous one) the signature header lists one signature per secret, space-separated,
 * as the specification allows: a receiver accepts the call if any of them verifies.
 */
export function signedHeaders(secrets: string | readonly string[], messageId: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [WebhookHeaders.id]: messageId,
    [WebhookHeaders.timestamp]: String(timestamp),
    [WebhookHeaders.signature]: (typeof secrets === 'string' ? [secrets] : secrets).map((secret) => sign(secret, messageId, timestamp, body)).join(' '),
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** What a receiver does: checks headers, timestamp tolerance and any of the `v1` signatures. */
export function verify(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): VerifyResult {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header(WebhookHeaders.id);
  const timestamp = header(WebhookHeaders.timestamp);
  const signatures = header(WebhookHeaders.signature);
  if (!id || !timestamp || !signatures) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) {
    return { ok: false, reason: 'timestamp outside the tolerance' };
  }
  const expected = Buffer.from(sign(secret, id, seconds, body).slice(3), 'base64');
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'no matching signature' };
}
