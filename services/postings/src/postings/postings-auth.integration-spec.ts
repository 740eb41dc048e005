import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { type PostingState } from '@talent/contracts';
import { dropDatabase } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl, TestIssuer, type MintOptions } from '@talent/testing';
import { postingsEnvSchema } from '../config';
import { startPostings } from '../service';

/** The title of every posting this file writes. */
const TITLE = 'Go engineer';


describe('postings with AUTH_MODE=jwt: hostile requests (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('postings_auth');
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;

  const mint = (claims: Record<string, unknown> = {}, options: MintOptions = {}) => issuer.mint(claims, options);

  const posting = (fields: Record<string, unknown> = {}) => ({ title: TITLE, requiredSkills: ['Go'], ...fields });
  const post = (body: unknown, token?: string, path = '/postings') =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  // Only this file's postings (its title): the service also applies what other tests left on the
  // shared broker's ingest topic for its consumer group.
  const count = async () => Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM postings WHERE title = $1', [TITLE])).rows[0]?.n);
  const problem = async (response: Response) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as { status: number; detail: string };
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create({ org: 'acme', scope: 'postings:write' });
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

  it('keeps health, metrics and the API description public', async () => {
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/openapi.json`)).status).toBe(200);
  });

  it('refuses each hostile token with 401 and a Bearer challenge, storing nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const none = issuer.unsigned();
    const hostile: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['expired', await mint({}, { exp: now - 300 })],
      ['wrong issuer', await mint({}, { iss: 'https://evil.test' })],
      ['wrong audience', await mint({}, { aud: 'another-api' })],
      ['alg: none', none],
      ['HS256 with the public key as secret', await issuer.hmacWithPublicKey()],
      ['garbage', 'not.a.token'],
    ];
    for (const [name, token] of hostile) {
      const response = await post(posting({ externalId: name }), token);
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await problem(response)).status).toBe(401);
    }
    const text = await fetch(`${baseUrl}/postings?organisationId=acme`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Go engineer. Requirements: Go.' });
    expect(text.status).toBe(401);
    expect(await count()).toBe(0);
  });

  it('refuses a token without the scope (403) and an organisationId other than the token’s (403)', async () => {
    const reader = await post(posting(), await mint({ scope: 'matches:read' }));
    expect(reader.status).toBe(403);
    expect(reader.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    expect((await problem(reader)).detail).toMatch(/postings:write/);

    const spoofed = await post(posting({ organisationId: 'globex' }), await mint());
    expect(spoofed.status).toBe(403);
    expect((await problem(spoofed)).detail).toMatch(/organisation/);
    expect(await count()).toBe(0);
  });

  it('stores a posting for the token’s organisation; another organisation gets 404 on it', async () => {
    const created = await post(posting(), await mint());
    expect(created.status).toBe(201);
    const { posting: stored } = (await created.json()) as { posting: PostingState };
    expect(stored.organisationId).toBe('acme');

    const globex = await mint({ org: 'globex', scope: 'postings:write matches:read' });
    const headers = { authorization: `Bearer ${globex}`, 'content-type': 'application/json' };
    expect((await fetch(`${baseUrl}/postings/${stored.id}`, { headers })).status).toBe(404);
    expect((await fetch(`${baseUrl}/postings/${stored.id}`, { method: 'PUT', headers, body: JSON.stringify(posting({ title: 'Hijacked' })) })).status).toBe(404);
    expect((await fetch(`${baseUrl}/postings/${stored.id}/close`, { method: 'POST', headers })).status).toBe(404);
    expect((await fetch(`${baseUrl}/postings?organisationId=acme`, { headers })).status).toBe(404);
    const own = (await (await fetch(`${baseUrl}/postings`, { headers })).json()) as { items: PostingState[] };
    expect(own.items).toEqual([]);

    const acme = { authorization: `Bearer ${await mint()}` };
    expect(((await (await fetch(`${baseUrl}/postings/${stored.id}`, { headers: acme })).json()) as PostingState).title).toBe(TITLE);
  });

  it('rejects bulk lines of another organisation', async () => {
    const body = [JSON.stringify(posting({ externalId: 'bulk-1' })), JSON.stringify(posting({ externalId: 'bulk-2', organisationId: 'globex' }))].join('\n');
    const response = await fetch(`${baseUrl}/postings/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${await mint()}` },
      body,
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { summary: Record<string, number> };
    expect(result.summary).toMatchObject({ total: 2, created: 1, rejected: 1 });
    expect((await database.query("SELECT count(*) AS n FROM postings WHERE organisation_id = 'globex'")).rows[0]).toEqual({ n: '0' });
  });

  it('answers an oversized body with a 413 problem and stores nothing', async () => {
    const before = await count();
    const response = await post(posting({ description: 'x'.repeat(2 * 1024 * 1024) }), await mint());
    expect(response.status).toBe(413);
    expect((await problem(response)).status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('stores injection-shaped strings verbatim or refuses them cleanly, never a 500', async () => {
    const token = await mint();
    const title = "'; DROP TABLE postings; --";
    const created = await post(posting({ title, description: '<script>alert(1)</script>' }), token);
    expect(created.status).toBe(201);
    const { posting: stored } = (await created.json()) as { posting: PostingState };
    expect(stored).toMatchObject({ title, description: '<script>alert(1)</script>' });

    const search = await fetch(`${baseUrl}/postings?q=${encodeURIComponent("' OR 1=1 --")}`, { headers: { authorization: `Bearer ${token}` } });
    expect(search.status).toBe(200);
    const badId = await fetch(`${baseUrl}/postings/${encodeURIComponent("1' OR '1'='1")}`, { headers: { authorization: `Bearer ${token}` } });
    expect(badId.status).toBe(400);
    const badOrg = await post(posting(), await mint({ org: "acme'; --" }));
    expect(badOrg.status).toBe(400);
    const malformed = await post('{"title": ', token);
    expect(malformed.status).toBe(400);
    expect(await count()).toBeGreaterThan(0);
  });
});
