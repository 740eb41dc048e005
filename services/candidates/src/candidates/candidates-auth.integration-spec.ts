import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { type CandidateState } from '@talent/contracts';
import { dropDatabase } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl, TestIssuer, type MintOptions } from '@talent/testing';
import { candidatesEnvSchema } from '../config';
import { startCandidates } from '../service';


describe('candidates with AUTH_MODE=jwt: hostile requests (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('candidates_auth');
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;

  const mint = (claims: Record<string, unknown> = {}, options: MintOptions = {}) => issuer.mint(claims, options);

  const candidate = (fields: Record<string, unknown> = {}) => ({ name: 'Ada Lovelace', skills: [{ name: 'Go', years: 4 }], ...fields });
  const post = (body: unknown, token?: string, path = '/candidates') =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  // Only this file's candidates (its name): the service also applies what other tests left on the
  // shared broker's ingest topic for its consumer group.
  const count = async () => Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM candidates WHERE version > 0 AND name = 'Ada Lovelace'`)).rows[0]?.n);
  const problem = async (response: Response) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as { status: number; detail: string };
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create({ org: 'acme', scope: 'candidates:write' });
    const env = parseEnv(candidatesEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      PORT: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
      ...issuer.env,
    });
    app = await startCandidates(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('keeps health and the API description public', async () => {
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    const openApi = await fetch(`${baseUrl}/openapi.json`);
    expect(openApi.status).toBe(200);
    // The body is validated in the handler (after the token's organisation is applied) but still documented.
    const { paths } = (await openApi.json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>> };
    expect(Object.keys(paths['/candidates']?.post?.requestBody?.content['application/json']?.schema.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'skills', 'organisationId', 'externalId']),
    );
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
      const response = await post(candidate({ externalId: name.replace(/\W+/g, '-') }), token);
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await problem(response)).status).toBe(401);
    }
    const bulk = await fetch(`${baseUrl}/candidates/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: JSON.stringify(candidate({ externalId: 'bulk-0', organisationId: 'acme' })),
    });
    expect(bulk.status).toBe(401);
    expect((await fetch(`${baseUrl}/candidates?organisationId=acme`)).status).toBe(401);
    expect(await count()).toBe(0);
  });

  it('refuses a token without the scope (403) and an organisationId other than the token’s (403)', async () => {
    const reader = await post(candidate(), await mint({ scope: 'matches:read candidates:read' }));
    expect(reader.status).toBe(403);
    expect(reader.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    expect((await problem(reader)).detail).toMatch(/candidates:write/);

    const postingsWriter = await fetch(`${baseUrl}/candidates`, { headers: { authorization: `Bearer ${await mint({ scope: 'postings:write' })}` } });
    expect(postingsWriter.status).toBe(403);

    const spoofed = await post(candidate({ organisationId: 'globex' }), await mint());
    expect(spoofed.status).toBe(403);
    expect((await problem(spoofed)).detail).toMatch(/organisation/);
    expect(await count()).toBe(0);
  });

  it('stores a candidate for the token’s organisation; another organisation gets 404 on it', async () => {
    const created = await post(candidate(), await mint());
    expect(created.status).toBe(201);
    const { candidate: stored } = (await created.json()) as { candidate: CandidateState };
    expect(stored.organisationId).toBe('acme');

    const globex = await mint({ org: 'globex', scope: 'candidates:write matches:read' });
    const headers = { authorization: `Bearer ${globex}`, 'content-type': 'application/json' };
    expect((await fetch(`${baseUrl}/candidates/${stored.id}`, { headers })).status).toBe(404);
    expect((await fetch(`${baseUrl}/candidates/${stored.id}`, { method: 'PUT', headers, body: JSON.stringify(candidate({ name: 'Hijacked' })) })).status).toBe(404);
    expect((await fetch(`${baseUrl}/candidates/${stored.id}/withdraw`, { method: 'POST', headers })).status).toBe(404);
    expect((await fetch(`${baseUrl}/candidates?organisationId=acme`, { headers })).status).toBe(404);
    const own = (await (await fetch(`${baseUrl}/candidates`, { headers })).json()) as { items: CandidateState[] };
    expect(own.items).toEqual([]);
    expect((await database.query('SELECT name, status FROM candidates WHERE id = $1', [stored.id])).rows[0]).toEqual({ name: 'Ada Lovelace', status: 'active' });

    for (const scope of ['candidates:read', 'matches:read']) {
      const reader = { authorization: `Bearer ${await mint({ scope })}` };
      const read = await fetch(`${baseUrl}/candidates/${stored.id}`, { headers: reader });
      expect({ scope, status: read.status }).toEqual({ scope, status: 200 });
      expect(((await read.json()) as { name: string }).name).toBe('Ada Lovelace');
      const list = (await (await fetch(`${baseUrl}/candidates`, { headers: reader })).json()) as { items: Array<{ id: string; name: string }> };
      // This file's candidates among the organisation's (others come from the shared ingest topic).
      expect(list.items.filter((item) => item.name === 'Ada Lovelace').map((item) => item.id)).toEqual([stored.id]);
    }

    const acme = { authorization: `Bearer ${await mint()}` };
    const withdrawn = await fetch(`${baseUrl}/candidates/${stored.id}/withdraw`, { method: 'POST', headers: acme });
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as { candidate: CandidateState }).candidate.status).toBe('withdrawn');
  });

  it('rejects bulk lines of another organisation and stores the others as the token’s', async () => {
    const body = [
      JSON.stringify(candidate({ externalId: 'bulk-1' })),
      JSON.stringify(candidate({ externalId: 'bulk-2', organisationId: 'globex' })),
      JSON.stringify(candidate({ externalId: 'bulk-3', organisationId: 'acme' })),
    ].join('\n');
    const upload = (token: string) =>
      fetch(`${baseUrl}/candidates/bulk`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` }, body });

    expect((await upload(await mint({ scope: 'candidates:read' }))).status).toBe(403);
    const response = await upload(await mint());
    expect(response.status).toBe(200);
    const result = (await response.json()) as { summary: Record<string, number>; results: Array<{ line: number; outcome: string; errors?: Array<{ name: string }> }> };
    expect(result.summary).toMatchObject({ total: 3, created: 2, rejected: 1 });
    expect(result.results[1]).toMatchObject({ line: 2, outcome: 'rejected', errors: [{ name: 'organisationId' }] });
    expect((await database.query("SELECT count(*) AS n FROM candidates WHERE organisation_id = 'globex'")).rows[0]).toEqual({ n: '0' });
    expect((await database.query("SELECT count(*) AS n FROM candidates WHERE organisation_id = 'acme' AND external_id LIKE 'bulk-%'")).rows[0]).toEqual({ n: '2' });
  });
});
