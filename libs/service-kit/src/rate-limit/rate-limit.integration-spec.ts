import { randomBytes } from 'node:crypto';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { ProblemDetailsFilter } from '../problem-details.filter';
import type { RateLimitOptions } from './rate-limit-config';
import { RateLimitModule } from './rate-limit.module';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Handler calls per app, so a test can tell that a refused request did no work. */
const handled = { count: 0 };

@Controller()
class ThingsController {
  @Get('things')
  things(): { ok: true } {
    handled.count += 1;
    return { ok: true };
  }

  @Get('health/live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}

async function instance(options: Partial<RateLimitOptions> & { keyPrefix: string }): Promise<{ app: INestApplication; url: string }> {
  @Module({
    imports: [RateLimitModule.forRoot({ redisUrl: REDIS_URL, requests: 5, windowSeconds: 60, onStoreError: 'allow', ...options })],
    controllers: [ThingsController],
  })
  class TestModule {}
  const app = await NestFactory.create(TestModule, { logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('rate limiting shared through Redis (real Redis, two instances)', () => {
  const apps: INestApplication[] = [];
  const redis = new Redis(REDIS_URL);
  const prefix = `ratelimit-test:${randomBytes(4).toString('hex')}:`;
  const start = async (options: Partial<RateLimitOptions> & { keyPrefix: string }) => {
    const started = await instance(options);
    apps.push(started.app);
    return started.url;
  };

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  beforeEach(() => {
    handled.count = 0;
  });

  it('gives each client one budget across instances, then answers 429 problem details with Retry-After', async () => {
    const keyPrefix = `${prefix}shared:`;
    const [first, second] = [await start({ keyPrefix }), await start({ keyPrefix })];
    const remaining: string[] = [];
    for (const url of [first, second, first, second, first]) {
      const response = await fetch(`${url}/things`);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('5');
      remaining.push(response.headers.get('ratelimit-remaining') ?? '');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);

    const refused = await fetch(`${second}/things`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(12); // one request's share of the window
    expect(await refused.json()).toMatchObject({ status: 429, title: 'too many requests', instance: '/things' });
    expect(handled.count).toBe(5);

    // Probes are never counted nor refused.
    expect((await fetch(`${first}/health/live`)).status).toBe(200);
  });

  it('refills the budget as the window passes', async () => {
    const url = await start({ keyPrefix: `${prefix}refill:`, requests: 2, windowSeconds: 1 });
    expect((await fetch(`${url}/things`)).status).toBe(200);
    expect((await fetch(`${url}/things`)).status).toBe(200);
    expect((await fetch(`${url}/things`)).status).toBe(429);
    // One request's share of the window (0.5 s) later, one more is allowed; poll rather than sleep.
    const deadline = Date.now() + 3_000;
    let status = 429;
    while (status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await fetch(`${url}/things`)).status;
    }
    expect(status).toBe(200);
  });

  it('with Redis unreachable, keeps answering (allow) or refuses with 503 (refuse), as configured', async () => {
    const unreachable = 'redis://127.0.0.1:1';
    const allowing = await start({ keyPrefix: `${prefix}down:`, redisUrl: unreachable, onStoreError: 'allow' });
    const refusing = await start({ keyPrefix: `${prefix}down:`, redisUrl: unreachable, onStoreError: 'refuse' });
    expect((await fetch(`${allowing}/things`)).status).toBe(200);
    const refused = await fetch(`${refusing}/things`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(handled.count).toBe(1);
  });
});
