import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { dropDatabase } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl, TestIssuer } from '@talent/testing';
import { postingsEnvSchema } from '../config';
import { startPostings } from '../service';

describe('postings: Idempotency-Key per organisation and caller (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('postings_idempotency');
  const ACME = `acme-${randomBytes(4).toString('hex')}`;
  const GLOBEX = `globex-${randomBytes(4).toString('hex')}`;
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;

  const publish = async (token: string, key: string, body: string, type = 'application/json', query = '') => {
    const response = await fetch(`${baseUrl}/postings${query}`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${token}`, 'idempotency-key': key },
      body,
    });
    return {
      status: response.status,
      replayed: response.headers.get('idempotency-replayed') === 'true',
      body: (await response.json()) as { outcome: string; posting: { id: string; organisationId: string }; extracted?: unknown },
    };
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create({ scope: 'postings:write' });
    const env = parseEnv(postingsEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      PORT: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
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

  it('another organisation sending the same key and body gets its own posting', async () => {
    const body = JSON.stringify({ title: 'Go engineer', requiredSkills: ['Go'] });
    const acme = await publish(await issuer.mint({ org: ACME, sub: 'board' }), 'job-1', body);
    const globex = await publish(await issuer.mint({ org: GLOBEX, sub: 'board' }), 'job-1', body);

    expect(acme).toMatchObject({ status: 201, replayed: false, body: { posting: { organisationId: ACME } } });
    expect(globex).toMatchObject({ status: 201, replayed: false, body: { posting: { organisationId: GLOBEX } } });
    const stored = await database.query<{ organisation_id: string }>(`SELECT organisation_id FROM postings WHERE title = 'Go engineer' ORDER BY organisation_id`);
    expect(stored.rows.map((row) => row.organisation_id)).toEqual([ACME, GLOBEX].sort());
  });

  it('replays a text posting to the same caller with what was read from it, storing only status and ids', async () => {
    const token = await issuer.mint({ org: ACME, sub: 'board' });
    const text = 'Senior Rust Engineer. Requirements: 5+ years of Rust, PostgreSQL. Nice to have: Kafka.';
    const first = await publish(token, 'text-1', text, 'text/plain');
    const retry = await publish(token, 'text-1', text, 'text/plain');

    expect(first).toMatchObject({ status: 201, replayed: false, body: { outcome: 'created', extracted: expect.any(Object) } });
    expect(retry).toEqual({ ...first, replayed: true });
    const [row] = (await database.query<{ status: number; refs: unknown }>(`SELECT status, refs FROM idempotency_keys WHERE key = 'text-1'`)).rows;
    expect(row).toEqual({ status: 201, refs: { postingId: first.body.posting.id, outcome: 'created' } });
  });
});
