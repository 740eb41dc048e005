import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { dropDatabase } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl, TestIssuer } from '@talent/testing';
import { postingsEnvSchema } from '../config';
import { startPostings } from '../service';

/**
 * A public posting is matched with other organisations' candidates: publishing one needs the scope
 * `postings:publish-public` besides `postings:write` (real PostgreSQL and broker).
 */
describe('postings: publishing publicly needs its own scope', () => {
  const databaseUrl = testDatabaseUrl('postings_public');
  const ORG = `acme-${randomBytes(4).toString('hex')}`;
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;
  let writer: string;
  let publisher: string;

  const send = (method: string, path: string, token: string, body: string, type = 'application/json') =>
    fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': type, authorization: `Bearer ${token}` }, body });
  const posting = (title: string, fields: Record<string, unknown> = {}) => JSON.stringify({ title, requiredSkills: ['Go'], ...fields });
  const visibilities = async (title: string) =>
    (await database.query<{ visibility: string }>('SELECT visibility FROM postings WHERE title = $1 AND organisation_id = $2', [title, ORG])).rows.map((row) => row.visibility);

  beforeAll(async () => {
    issuer = await TestIssuer.create({ org: ORG });
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
    writer = await issuer.mint({ scope: 'postings:write' });
    publisher = await issuer.mint({ scope: 'postings:write postings:publish-public' });
  });

  afterAll(async () => {
    await database?.end();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('refuses a public posting from a token with postings:write alone (403), storing nothing', async () => {
    for (const body of [posting('Public A', { visibility: 'public' }), JSON.stringify({ title: 'Public A', description: 'Requirements: Go, PostgreSQL', visibility: 'public' })]) {
      const response = await send('POST', '/postings', writer, body);
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="postings:publish-public"');
      expect(((await response.json()) as { detail: string }).detail).toBe('publishing a posting as public needs the scope postings:publish-public');
    }
    expect(await visibilities('Public A')).toEqual([]);
  });

  it('publishes within the organisation with postings:write, and publicly with postings:publish-public', async () => {
    expect((await send('POST', '/postings', writer, posting('Own B'))).status).toBe(201);
    expect((await send('POST', '/postings', publisher, posting('Public B', { visibility: 'public' }))).status).toBe(201);
    expect(await visibilities('Own B')).toEqual(['organisation']);
    expect(await visibilities('Public B')).toEqual(['public']);
  });

  it('refuses making a posting public by replacing it without the scope', async () => {
    const created = (await (await send('POST', '/postings', writer, posting('Own C'))).json()) as { posting: { id: string } };
    const replaced = await send('PUT', `/postings/${created.posting.id}`, writer, posting('Own C', { visibility: 'public' }));
    expect(replaced.status).toBe(403);
    expect(await visibilities('Own C')).toEqual(['organisation']);
    expect((await send('PUT', `/postings/${created.posting.id}`, publisher, posting('Own C', { visibility: 'public' }))).status).toBe(200);
    expect(await visibilities('Own C')).toEqual(['public']);
  });

  it('rejects a bulk line that publishes publicly without the scope, and stores the others', async () => {
    const upload = [posting('Bulk D', { externalId: 'd-1' }), posting('Bulk public D', { externalId: 'd-2', visibility: 'public' })].join('\n');
    const response = await send('POST', '/postings/bulk', writer, upload, 'application/x-ndjson');
    expect(response.status).toBe(200);
    const result = (await response.json()) as { results: Array<{ line: number; outcome: string; errors?: unknown }> };
    expect(result.results).toEqual([
      expect.objectContaining({ line: 1, outcome: 'created' }),
      { line: 2, outcome: 'rejected', errors: [{ name: 'visibility', reason: 'publishing a posting as public needs the scope postings:publish-public' }] },
    ]);
    expect(await visibilities('Bulk public D')).toEqual([]);
  });
});
