import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { dropDatabase } from '@talent/persistence';
import { fuzzRoute, fuzzSeed, platformRoutes, requireKafkaBrokers, servedRoutes, testDatabaseUrl, type RouteFuzz } from '@talent/testing';
import { matcherEnvSchema } from './config';
import { startMatcher } from './service';

/**
 * Generated hostile input at every route of the query API: never a 500, every refusal a problem.
 * The API only reads; what the matcher stores comes from the topics (other suites' events
 * included), so there is no stored state to compare across requests.
 */
describe('matcher query API under generated hostile input (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('matcher_fuzz');
  const seed = fuzzSeed('matcher');
  const numRuns = Number(process.env.FUZZ_RUNS ?? 100);
  const organisation = `fuzz-${randomBytes(4).toString('hex')}`;
  const ids = { posting: randomUUID(), candidate: randomUUID(), match: randomUUID() };
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;

  const ranked = { minScore: ['0', '50', '100'], limit: ['1', '200'], cursor: [Buffer.from(JSON.stringify([80, ids.match])).toString('base64url')] };
  const routes: RouteFuzz[] = [
    { route: 'GET /matches', query: { postingId: [ids.posting], candidateId: [ids.candidate] } },
    { route: 'GET /matches/:id', params: { id: [ids.match] } },
    { route: 'GET /postings/:id/candidates', params: { id: [ids.posting] }, query: ranked },
    { route: 'GET /candidates/:id/postings', params: { id: [ids.candidate] }, query: ranked },
    ...platformRoutes,
  ];

  beforeAll(async () => {
    const env = parseEnv(matcherEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      KAFKA_GROUP_ID: `matcher-fuzz-${randomBytes(4).toString('hex')}`,
      MATCHER_INSTANCE_ID: 'fuzz-test',
      PORT: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
      LOG_LEVEL: 'fatal',
    });
    app = await startMatcher(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    // One match as the matcher stores it, so valid ids reach the queries; no partition, so no shard load picks it up.
    await database.query(`INSERT INTO matcher_postings (id, organisation_id, state, required_keys, status, version) VALUES ($1, $2, '{}', '{go}', 'open', 1)`, [ids.posting, organisation]);
    await database.query(`INSERT INTO matcher_candidates (id, organisation_id, state, skill_keys, status, version) VALUES ($1, $2, '{}', '{go}', 'active', 1)`, [ids.candidate, organisation]);
    await database.query(`INSERT INTO matches (id, posting_id, candidate_id, score, explanation, status, version) VALUES ($1, $2, $3, 80, '{}', 'active', 1)`, [ids.match, ids.posting, ids.candidate]);
  });

  afterAll(async () => {
    await database?.end();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('covers every route the application serves', () => {
    expect(servedRoutes(app)).toEqual([...new Set(routes.map((route) => route.route))].sort());
  });

  it.each(routes.map((route, index) => [`${route.route} #${index}`, route, index] as const))('%s', async (_name, route, index) => {
    await fuzzRoute(route, { baseUrl, numRuns, seed: seed + index });
  });
});
