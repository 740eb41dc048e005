import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { dropDatabase } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl, TestIssuer } from '@talent/testing';
import { postingsEnvSchema } from '../config';
import { startPostings } from '../service';

describe('postings with a rate limit (real Redis, PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('postings_rate');
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;

  const create = (token: string, title: string) =>
    fetch(`${baseUrl}/postings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title, requiredSkills: ['Go'] }),
    });
  const stored = async () => Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM postings')).rows[0]?.n);

  beforeAll(async () => {
    issuer = await TestIssuer.create({ org: `acme-${randomBytes(3).toString('hex')}`, scope: 'postings:write' });
    const env = parseEnv(postingsEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      PORT: '0',
      NODE_ENV: 'test',
      RATE_LIMIT_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      RATE_LIMIT_REQUESTS: '3',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      ...issuer.env,
    });
    app = await startPostings(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('counts each client by its token, refuses the excess with 429 and stores nothing for it', async () => {
    // Subjects unique to this run: the budget lives in Redis, which outlives the test.
    const run = randomBytes(4).toString('hex');
    const pipeline = await issuer.mint({ sub: `pipeline-${run}` });
    const other = await issuer.mint({ sub: `other-${run}` });

    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await create(pipeline, `Go engineer ${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(await stored()).toBe(3);

    const refused = await create(pipeline, 'one too many');
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');

    // Another client of the same organisation has a budget of its own.
    expect((await create(other, 'Rust engineer')).status).toBe(201);
    expect(await stored()).toBe(4);
    // Probes stay free.
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
  });
});
