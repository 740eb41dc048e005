import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { dropDatabase } from '@talent/persistence';
import { fuzzRoute, fuzzSeed, platformRoutes, requireKafkaBrokers, sendRaw, servedRoutes, testDatabaseUrl, type RouteFuzz } from '@talent/testing';
import { postingsEnvSchema } from './config';
import { startPostings } from './service';

/** Generated hostile input at every route: never a 500, every refusal a problem, nothing stored by a refusal. */
describe('postings under generated hostile input (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('postings_fuzz');
  const seed = fuzzSeed('postings');
  const numRuns = Number(process.env.FUZZ_RUNS ?? 100);
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let postingId: string;

  const posting = {
    organisationId: 'fuzz-org',
    externalId: 'REQ-1',
    title: 'Backend engineer',
    description: 'Build the matching platform.',
    location: { city: 'Berlin', country: 'Germany' },
    workplace: 'hybrid',
    applicantLocation: { countries: ['Germany', 'AT', 'Schweiz'], utcOffsets: { min: 0, max: 2 }, sameMetro: false },
    employmentType: 'full-time',
    experienceYears: { min: 2, max: 8 },
    requiredSkills: ['TypeScript', { anyOf: ['PostgreSQL', 'MySQL'] }],
    preferredSkills: ['Kafka'],
    matching: { allowMissingRequired: 1, missingRequiredPenalty: 5, weights: { required: 50, preferred: 20 } },
  };
  /** The `PUT` body: the same fields without who publishes them. */
  const fields = Object.fromEntries(Object.entries(posting).filter(([key]) => key !== 'organisationId' && key !== 'externalId'));
  const described = { organisationId: 'fuzz-org', description: 'Senior Go Engineer. Requirements: 5+ years of Go, PostgreSQL. Nice to have: Kafka.' };

  const routes = (): RouteFuzz[] => [
    { route: 'POST /postings/bulk', ndjson: true, body: posting },
    { route: 'POST /postings', body: posting, text: true, query: { organisationId: ['fuzz-org'], externalId: ['REQ-9'], title: ['Go engineer'] } },
    { route: 'POST /postings', body: described },
    {
      route: 'GET /postings',
      query: { organisationId: ['fuzz-org'], status: ['open', 'closed'], workplace: ['remote'], skill: ['go'], q: ['engineer'], limit: ['1', '200'], cursor: [] },
    },
    { route: 'GET /postings/:id', params: { id: [postingId] } },
    { route: 'PUT /postings/:id', params: { id: [postingId] }, body: fields },
    { route: 'POST /postings/:id/close', params: { id: [postingId] } },
    ...platformRoutes,
  ];

  /** What the API writes: postings (and their versions), outbox rows, idempotency keys. */
  const storedState = async () => {
    const { rows } = await database.query<{ state: string }>(
      `SELECT concat_ws(' ', (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM postings), (SELECT count(*) FROM outbox), (SELECT count(*) FROM idempotency_keys)) AS state`,
    );
    return rows[0]?.state ?? '';
  };

  beforeAll(async () => {
    const env = parseEnv(postingsEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      PORT: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
      LOG_LEVEL: 'fatal',
    });
    app = await startPostings(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    const created = await sendRaw(baseUrl, { method: 'POST', path: '/postings', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(posting)) });
    expect(created.status).toBe(201);
    postingId = (JSON.parse(created.body) as { posting: { id: string } }).posting.id;
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
