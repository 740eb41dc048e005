import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase } from '@talent/persistence';
import { fuzzRoute, fuzzSeed, platformRoutes, requireKafkaBrokers, sendRaw, servedRoutes, testDatabaseUrl, type RouteFuzz } from '@talent/testing';
import { notifierEnvSchema } from './config';
import { startNotifier } from './service';

/**
 * Generated hostile input at every route (recruiters, subscriptions, webhook endpoints and their
 * deliveries, notifications, the inbox page, items and event stream): never a 500, every refusal
 * a problem, and nothing the API writes changed by a refusal.
 */
describe('notifier under generated hostile input (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('notifier_fuzz');
  const seed = fuzzSeed('notifier');
  const numRuns = Number(process.env.FUZZ_RUNS ?? 100);
  // An organisation of this run only: the running consumers also see other suites' matches.
  const organisationId = `fuzz-${randomBytes(4).toString('hex')}`;
  const postingId = randomUUID();
  const ids = { recruiter: '', subscription: '', endpoint: '' };
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;

  const recruiter = { organisationId, name: 'Rita Recruiter', email: 'rita@acme.example', ownedPostingIds: [postingId] };
  const routes = (): RouteFuzz[] => {
    const recruiterIds = { id: [ids.recruiter] };
    return [
      { route: 'POST /recruiters', body: recruiter },
      { route: 'GET /recruiters', query: { organisationId: [organisationId] } },
      { route: 'GET /recruiters/:id', params: recruiterIds },
      { route: 'PATCH /recruiters/:id', params: recruiterIds, body: { name: 'Rita R.', email: null, ownedPostingIds: [postingId] } },
      { route: 'GET /recruiters/:id/inbox', params: recruiterIds },
      { route: 'GET /recruiters/:id/inbox/items', params: recruiterIds },
      { route: 'GET /recruiters/:id/inbox/events', params: recruiterIds },
      {
        route: 'POST /subscriptions',
        body: { recruiterId: ids.recruiter, postingIds: [postingId], minScore: 70, channels: ['webhook', 'email', 'inbox'], mode: 'digest', digestWindow: 'hourly' },
      },
      { route: 'GET /subscriptions', query: { recruiterId: [ids.recruiter] } },
      { route: 'DELETE /subscriptions/:id', params: { id: [ids.subscription] } },
      { route: 'POST /webhook-endpoints', body: { recruiterId: ids.recruiter, url: 'http://127.0.0.1:9/hooks/matches?x=1', description: 'Matches for Rita' } },
      { route: 'GET /webhook-endpoints', query: { recruiterId: [ids.recruiter] } },
      { route: 'GET /webhook-endpoints/:id', params: { id: [ids.endpoint] } },
      { route: 'POST /webhook-endpoints/:id/rotate-secret', params: { id: [ids.endpoint] }, body: { gracePeriodSeconds: 3600 } },
      { route: 'DELETE /webhook-endpoints/:id', params: { id: [ids.endpoint] } },
      { route: 'GET /webhook-endpoints/:id/deliveries', params: { id: [ids.endpoint] }, query: { status: ['pending', 'dead_lettered'], limit: ['1', '500'] } },
      { route: 'GET /notifications', query: { postingId: [postingId], matchId: [randomUUID()], recruiterId: [ids.recruiter], channel: ['webhook', 'email', 'inbox'] } },
      ...platformRoutes,
    ];
  };

  /** What the API writes: recruiters (and their changes), subscriptions, webhook endpoints. */
  const storedState = async () => {
    const { rows } = await database.query<{ state: string }>(
      `SELECT concat_ws(' ',
         (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '-') FROM recruiters),
         (SELECT count(*) FROM subscriptions),
         (SELECT count(*) || '/' || count(*) FILTER (WHERE active) FROM webhook_endpoints)) AS state`,
    );
    return rows[0]?.state ?? '';
  };

  beforeAll(async () => {
    const env = notifierEnvSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      OUTBOX_POLL_INTERVAL_MS: '50',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8',
      LOG_LEVEL: 'fatal',
    });
    app = await startNotifier(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    const create = async (path: string, body: unknown) => {
      const response = await sendRaw(baseUrl, { method: 'POST', path, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });
      expect({ path, status: response.status }).toEqual({ path, status: 201 });
      return (JSON.parse(response.body) as { id: string }).id;
    };
    ids.recruiter = await create('/recruiters', recruiter);
    ids.subscription = await create('/subscriptions', { recruiterId: ids.recruiter, channels: ['inbox'] });
    ids.endpoint = await create('/webhook-endpoints', { recruiterId: ids.recruiter, url: 'http://127.0.0.1:9/hook' });
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
