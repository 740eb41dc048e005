import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { dropDatabase } from '@talent/persistence';
import { fuzzRoute, fuzzSeed, platformRoutes, requireKafkaBrokers, sendRaw, servedRoutes, testDatabaseUrl, type RouteFuzz } from '@talent/testing';
import { candidatesEnvSchema } from './config';
import { startCandidates } from './service';

/** Generated hostile input at every route: never a 500, every refusal a problem, nothing stored by a refusal. */
describe('candidates under generated hostile input (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('candidates_fuzz');
  const seed = fuzzSeed('candidates');
  const numRuns = Number(process.env.FUZZ_RUNS ?? 100);
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let candidateId: string;

  const candidate = {
    organisationId: 'fuzz-org',
    externalId: 'CAND-1',
    name: 'Ada Example',
    contact: { email: 'ada@example.com', phone: '+49 30 1234567' },
    location: { city: 'Berlin', region: 'Berlin', country: 'Germany' },
    workplacePreference: 'any',
    willingToRelocate: true,
    totalYearsExperience: 7,
    skills: [{ name: 'TypeScript', years: 5, lastUsed: 2025 }, { name: 'PostgreSQL' }],
  };
  /** The `PUT` body: the same fields without who publishes them. */
  const fields = Object.fromEntries(Object.entries(candidate).filter(([key]) => key !== 'organisationId' && key !== 'externalId'));

  const routes = (): RouteFuzz[] => [
    { route: 'POST /candidates/bulk', ndjson: true, body: candidate },
    { route: 'POST /candidates', body: candidate },
    { route: 'GET /candidates', query: { organisationId: ['fuzz-org'], status: ['active', 'withdrawn'], skill: ['typescript'], limit: ['1', '200'], cursor: [] } },
    { route: 'GET /candidates/:id', params: { id: [candidateId] } },
    { route: 'PUT /candidates/:id', params: { id: [candidateId] }, body: fields },
    { route: 'POST /candidates/:id/withdraw', params: { id: [candidateId] } },
    // An id never stored (erasing the fuzzed candidate would leave the other routes nothing to read).
    { route: 'DELETE /candidates/:id', params: { id: [randomUUID()] } },
    ...platformRoutes,
  ];

  /** What the API writes: candidates (and their versions), outbox rows, idempotency keys. */
  const storedState = async () => {
    const { rows } = await database.query<{ state: string }>(
      `SELECT concat_ws(' ', (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM candidates), (SELECT count(*) FROM outbox), (SELECT count(*) FROM idempotency_keys)) AS state`,
    );
    return rows[0]?.state ?? '';
  };

  beforeAll(async () => {
    const env = parseEnv(candidatesEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      PORT: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
      LOG_LEVEL: 'fatal',
    });
    app = await startCandidates(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    const created = await sendRaw(baseUrl, { method: 'POST', path: '/candidates', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(candidate)) });
    expect(created.status).toBe(201);
    candidateId = (JSON.parse(created.body) as { candidate: { id: string } }).candidate.id;
  });

  afterAll(async () => {
    await database?.end();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('covers every route the application serves', () => {
    expect(servedRoutes(app)).toEqual([...new Set(routes().map((route) => route.route))].sort());
  });

  it.each(routes().map((route, index) => [`${route.route} #${index}`, index] as const))('%s', async (_name, index) => {
    const route = routes()[index];
    if (!route) throw new Error(`no route ${index}`);
    await fuzzRoute(route, { baseUrl, numRuns, seed: seed + index, storedState });
  });
});
