import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { dropDatabase, IDEMPOTENCY_KEY_LIFETIME_SECONDS } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl, TestIssuer } from '@talent/testing';
import { candidatesEnvSchema } from '../config';
import { startCandidates } from '../service';

interface Answer {
  status: number;
  replayed: boolean;
  body: { outcome: string; candidate: { id: string; organisationId: string; name: string } };
}

describe('candidates: Idempotency-Key per organisation and caller (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('candidates_idempotency');
  const ACME = `acme-${randomBytes(4).toString('hex')}`;
  const GLOBEX = `globex-${randomBytes(4).toString('hex')}`;
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;

  const register = async (token: string, key: string, body: object): Promise<Answer> => {
    const response = await fetch(`${baseUrl}/candidates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { status: response.status, replayed: response.headers.get('idempotency-replayed') === 'true', body: (await response.json()) as Answer['body'] };
  };
  const stored = async (name: string) =>
    (await database.query<{ organisation_id: string }>('SELECT organisation_id FROM candidates WHERE name = $1 ORDER BY organisation_id', [name])).rows.map(
      (row) => row.organisation_id,
    );

  beforeAll(async () => {
    issuer = await TestIssuer.create({ scope: 'candidates:write' });
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

  it('another organisation sending the same key and body gets its own write, not the first one’s answer', async () => {
    const body = { name: 'Grace Hopper', contact: { email: 'grace@example.org' }, skills: [{ name: 'COBOL', years: 30 }] };
    const acme = await register(await issuer.mint({ org: ACME, sub: 'pipeline' }), 'import-1', body);
    const globex = await register(await issuer.mint({ org: GLOBEX, sub: 'pipeline' }), 'import-1', body);

    expect(acme).toMatchObject({ status: 201, replayed: false, body: { outcome: 'created', candidate: { organisationId: ACME } } });
    expect(globex).toMatchObject({ status: 201, replayed: false, body: { outcome: 'created', candidate: { organisationId: GLOBEX } } });
    expect(globex.body.candidate.id).not.toBe(acme.body.candidate.id);
    expect(await stored('Grace Hopper')).toEqual([ACME, GLOBEX].sort());
  });

  it('another caller of the same organisation cannot claim a key first: it is theirs alone', async () => {
    const body = { name: 'Edsger Dijkstra', skills: [{ name: 'ALGOL', years: 20 }] };
    const first = await register(await issuer.mint({ org: ACME, sub: 'intruder' }), 'predictable-1', { ...body, name: 'Someone Else' });
    const own = await register(await issuer.mint({ org: ACME, sub: 'pipeline' }), 'predictable-1', body);

    expect(first.status).toBe(201);
    expect(own).toMatchObject({ status: 201, replayed: false, body: { candidate: { name: 'Edsger Dijkstra' } } });
  });

  it('a retry by the same caller replays the first answer; the key stores status and ids only', async () => {
    const token = await issuer.mint({ org: ACME, sub: 'pipeline' });
    const body = { name: 'Barbara Liskov', contact: { email: 'barbara@example.org', phone: '+1 617 555 0100' }, skills: [{ name: 'CLU', years: 12 }] };
    const first = await register(token, 'retry-1', body);
    const retry = await register(token, 'retry-1', body);

    expect(retry).toEqual({ ...first, replayed: true });
    const rows = await database.query<{ row: string }>(`SELECT row_to_json(k)::text AS row FROM idempotency_keys k WHERE key = 'retry-1'`);
    expect(rows.rows).toHaveLength(1);
    const row = rows.rows[0]!.row;
    for (const personal of ['Barbara', 'Liskov', 'barbara@example.org', '617 555', 'CLU']) expect(row).not.toContain(personal);
    expect(JSON.parse(row)).toMatchObject({ organisation_id: ACME, subject: 'pipeline', status: 201, refs: { candidateId: first.body.candidate.id } });
  });

  it('a key older than its lifetime is free again; within it another body is refused (422)', async () => {
    const token = await issuer.mint({ org: ACME, sub: 'pipeline' });
    await register(token, 'aged-1', { name: 'Alan Kay', skills: [{ name: 'Smalltalk', years: 25 }] });
    const reused = await fetch(`${baseUrl}/candidates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': 'aged-1' },
      body: JSON.stringify({ name: 'Adele Goldberg', skills: [{ name: 'Smalltalk', years: 25 }] }),
    });
    expect(reused.status).toBe(422);

    await database.query(`UPDATE idempotency_keys SET created_at = now() - make_interval(secs => $1 + 1) WHERE key = 'aged-1'`, [IDEMPOTENCY_KEY_LIFETIME_SECONDS]);
    const later = await register(token, 'aged-1', { name: 'Adele Goldberg', skills: [{ name: 'Smalltalk', years: 25 }] });
    expect(later).toMatchObject({ status: 201, replayed: false, body: { candidate: { name: 'Adele Goldberg' } } });
  });
});
