import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { dropDatabase } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl } from '@talent/testing';
import { candidatesEnvSchema } from '../config';
import { startCandidates } from '../service';

describe('candidates: media types and single-line fields (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('candidates_media');
  const organisationId = 'media-types-org';
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;

  const candidate = (fields: Record<string, unknown> = {}) => ({ organisationId, name: 'Ada Lovelace', skills: [{ name: 'Go', years: 4 }], ...fields });
  const post = (path: string, type: string, body: string | Buffer) => fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  // Only this file's organisation: the service also applies what other tests left on the shared ingest topic.
  const stored = async () => Number((await database.query<{ n: string }>('SELECT count(*) AS n FROM candidates WHERE organisation_id = $1', [organisationId])).rows[0]?.n);
  const problem = async (response: Response) => {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as { status: number; detail: string; 'invalid-params'?: Array<{ name: string; reason: string }> };
  };

  beforeAll(async () => {
    const env = parseEnv(candidatesEnvSchema, { DATABASE_URL: databaseUrl, KAFKA_BROKERS: requireKafkaBrokers(), PORT: '0', OUTBOX_POLL_INTERVAL_MS: '50', NODE_ENV: 'test' });
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

  it('answers a bulk upload sent as application/json with 415, importing nothing', async () => {
    const lines = [candidate({ externalId: 'a-1' }), candidate({ externalId: 'a-2' })].map((line) => JSON.stringify(line)).join('\n');
    for (const body of [lines, JSON.stringify(candidate({ externalId: 'a-3' }))]) {
      const response = await post('/candidates/bulk', 'application/json', body);
      expect(response.status).toBe(415);
      expect((await problem(response)).detail).toMatch(/application\/x-ndjson/);
    }
    expect(await stored()).toBe(0);
    const accepted = await post('/candidates/bulk', 'application/x-ndjson', `${lines}\n`);
    expect(accepted.status).toBe(200);
    expect(await stored()).toBe(2);
  });

  it('answers JSON declared as UTF-16 with 415, storing nothing', async () => {
    const before = await stored();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(candidate({ name: 'Grace Hopper' })), 'utf16le')]);
    for (const [type, body] of [
      ['application/json; charset=utf-16', utf16],
      ['application/json; charset=utf-16', Buffer.from(JSON.stringify(candidate({ name: 'Grace Hopper' })))],
    ] as const) {
      const response = await post('/candidates', type, body);
      expect(response.status).toBe(415);
      expect((await problem(response)).detail).toMatch(/UTF-8/);
    }
    expect(await stored()).toBe(before);
  });

  it('refuses CR/LF and other control characters in names, skills and places (400), storing nothing', async () => {
    const before = await stored();
    for (const [field, body] of [
      ['name', candidate({ name: 'Ada\r\nLovelace' })],
      ['skills.0.name', candidate({ skills: [{ name: 'Go\nPython' }] })],
      ['location.city', candidate({ location: { city: 'Ber\u0085lin' } })],
      ['externalId', candidate({ externalId: 'ats\t42' })],
    ] as const) {
      const response = await post('/candidates', 'application/json', JSON.stringify(body));
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect((await problem(response))['invalid-params']).toEqual([{ name: field, reason: expect.stringMatching(/single line/) as unknown }]);
    }
    const line = await post('/candidates/bulk', 'application/x-ndjson', `${JSON.stringify(candidate({ externalId: 'b-1', name: 'Ada\rLovelace' }))}\n`);
    expect(line.status).toBe(200);
    expect(await line.json()).toMatchObject({ summary: { rejected: 1, created: 0 } });
    expect(await stored()).toBe(before);
  });
});
