import type { OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { RateLimitOptions } from './rate-limit-config';

/** What one request's check decided, with the figures for the `RateLimit-*` headers. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the client's budget is whole again. */
  resetSeconds: number;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Generic cell rate algorithm in one atomic script: the key holds the client's "theoretical
 * arrival time" (ms). Each request moves it on by window/limit; a request is refused while it would
 * move it more than one window past now. Smooth (no burst at window edges), one key per client,
 * and the time comes from Redis itself, so instances with skewed clocks still agree.
 */
const GCRA_SCRIPT = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local interval = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
if new_tat - window > now then
  return {0, tat - now, new_tat - window - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil(new_tat - now))
return {1, new_tat - now, 0}
`;

type GcraReply = [allowed: number, backlogMs: number, retryAfterMs: number];

/** Counts requests per client in Redis; every instance pointed at the same Redis shares the budgets. */
export class RedisRateLimiter implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly intervalMs: number;
  private readonly windowMs: number;

  constructor(private readonly options: RateLimitOptions) {
    this.windowMs = options.windowSeconds * 1000;
    this.intervalMs = this.windowMs / options.requests;
    // A request waits at most half a second for the limiter: commands queue only while the first
    // connection is being made (consume() fails fast once the connection is known to be down).
    this.redis = new Redis(options.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      commandTimeout: 500,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('error', () => undefined); // each failed check reports its own error
    this.redis.defineCommand('gcra', { numberOfKeys: 1, lua: GCRA_SCRIPT });
    this.redis.connect().catch(() => undefined);
  }

  async consume(client: string): Promise<RateLimitDecision> {
    if (this.redis.status === 'reconnecting' || this.redis.status === 'end') {
      throw new Error(`Redis connection is ${this.redis.status}`);
    }
    const redis = this.redis as Redis & { gcra(key: string, interval: number, window: number): Promise<GcraReply> };
    const [allowed, backlogMs, retryAfterMs] = await redis.gcra(`${this.options.keyPrefix}${client}`, this.intervalMs, this.windowMs);
    return {
      allowed: allowed === 1,
      limit: this.options.requests,
      remaining: Math.max(0, Math.floor((this.windowMs - backlogMs) / this.intervalMs)),
      resetSeconds: Math.ceil(backlogMs / 1000),
      retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}
