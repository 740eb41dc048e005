import { z } from 'zod';

/**
 * The rate-limit settings each service adds to its environment schema. Without
 * `RATE_LIMIT_REDIS_URL` no limit applies; with it, every client of the HTTP API gets
 * `RATE_LIMIT_REQUESTS` requests per `RATE_LIMIT_WINDOW_SECONDS`, counted in Redis, so all
 * instances of a service share one budget per client.
 */
export const rateLimitEnvFields = {
  RATE_LIMIT_REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).optional(),
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** When Redis cannot be reached: `allow` keeps the API up without limits, `refuse` answers 503. */
  RATE_LIMIT_ON_STORE_ERROR: z.enum(['allow', 'refuse']).default('allow'),
};

export interface RateLimitEnv {
  RATE_LIMIT_REDIS_URL?: string;
  RATE_LIMIT_REQUESTS: number;
  RATE_LIMIT_WINDOW_SECONDS: number;
  RATE_LIMIT_ON_STORE_ERROR: 'allow' | 'refuse';
}

export interface RateLimitOptions {
  redisUrl: string;
  /** Requests a client may make per window (also the largest burst). */
  requests: number;
  windowSeconds: number;
  onStoreError: 'allow' | 'refuse';
  /** Prefix of the Redis keys; the service name, so instances of one service share budgets. */
  keyPrefix: string;
}

/** The limiter's options, or `undefined` when no Redis is configured (no limit). */
export function rateLimitOptions(env: RateLimitEnv, serviceName: string): RateLimitOptions | undefined {
  if (env.RATE_LIMIT_REDIS_URL === undefined) return undefined;
  return {
    redisUrl: env.RATE_LIMIT_REDIS_URL,
    requests: env.RATE_LIMIT_REQUESTS,
    windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    onStoreError: env.RATE_LIMIT_ON_STORE_ERROR,
    keyPrefix: `ratelimit:${serviceName}:`,
  };
}
