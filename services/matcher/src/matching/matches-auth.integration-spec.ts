import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { parseEnv } from '@talent/config';
import { type MatchState } from '@talent/contracts';
import { dropDatabase } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl, TestIssuer, type MintOptions } from '@talent/testing';
import { matcherEnvSchema } from '../config';
import { MatchingService } from './matching.service';
import { startMatcher } from '../service';


describe('matcher query API with AUTH_MODE=jwt: organisation scoping (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('matcher_auth');
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;

  // acme: posting P1, candidate C1, match M1. globex: posting P2, candidate C2, match M2.
  // M3 pairs globex's posting with acme's candidate (the matcher never creates such a pair): it
  // shows that rows are filtered by the posting's organisation, not only by the id asked for.
  // Organisation names of this run only: the running consumers also store other suites' matches.
  const ACME = `acme-${randomBytes(4).toString('hex')}`;
  const GLOBEX = `globex-${randomBytes(4).toString('hex')}`;
  const ids = { P1: randomUUID(), P2: randomUUID(), C1: randomUUID(), C2: randomUUID(), M1: randomUUID(), M2: randomUUID(), M3: randomUUID() };

  const mint = (claims: Record<string, unknown> = {}, options: MintOptions = {}) => issuer.mint(claims, options);
  const get = async (path: string, token?: string) =>
    fetch(`${baseUrl}${path}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const matchIds = async (response: Response) => {
    expect(response.status).toBe(200);
    const body = (await response.json()) as MatchState[] | { items: MatchState[] };
    return (Array.isArray(body) ? body : body.items).map((match) => match.matchId).sort();
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create({ org: ACME, scope: 'matches:read' });
    const env = parseEnv(matcherEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      KAFKA_GROUP_ID: `matcher-auth-${randomBytes(4).toString('hex')}`,
      MATCHER_INSTANCE_ID: 'auth-test',
      PORT: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
      ...issuer.env,
    });
    app = await startMatcher(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    // The read model as the matcher stores it; no partition, so no shard load picks these up.
    for (const [id, organisation] of [[ids.P1, ACME], [ids.P2, GLOBEX]] as const) {
      await database.query(`INSERT INTO matcher_postings (id, organisation_id, state, required_keys, status, version) VALUES ($1, $2, '{}', '{go}', 'open', 1)`, [id, organisation]);
    }
    for (const [id, organisation] of [[ids.C1, ACME], [ids.C2, GLOBEX]] as const) {
      await database.query(`INSERT INTO matcher_candidates (id, organisation_id, state, skill_keys, status, version) VALUES ($1, $2, '{}', '{go}', 'active', 1)`, [id, organisation]);
    }
    for (const [id, posting, candidate, score] of [[ids.M1, ids.P1, ids.C1, 80], [ids.M2, ids.P2, ids.C2, 70], [ids.M3, ids.P2, ids.C1, 90]] as const) {
      await database.query(`INSERT INTO matches (id, posting_id, candidate_id, score, explanation, status, version) VALUES ($1, $2, $3, $4, '{}', 'active', 1)`, [id, posting, candidate, score]);
    }
  });

  afterAll(async () => {
    await database?.end();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('needs a token (401) with matches:read (403) on every match route', async () => {
    for (const path of ['/matches', `/matches/${ids.M1}`, `/postings/${ids.P1}/candidates`, `/candidates/${ids.C1}/postings`]) {
      const anonymous = await get(path);
      expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const writer = await get(path, await mint({ scope: 'candidates:write postings:write' }));
      expect({ path, status: writer.status }).toEqual({ path, status: 403 });
      expect(writer.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    }
    expect((await get('/health/live')).status).toBe(200);
  });

  it('answers only matches whose posting is the token organisation’s', async () => {
    const acme = await mint();
    expect(await matchIds(await get('/matches', acme))).toEqual([ids.M1]);
    expect(await matchIds(await get(`/matches?candidateId=${ids.C1}`, acme))).toEqual([ids.M1]);
    expect(await matchIds(await get(`/matches?postingId=${ids.P2}`, acme))).toEqual([]);
    expect(await matchIds(await get(`/postings/${ids.P1}/candidates`, acme))).toEqual([ids.M1]);
    expect(await matchIds(await get(`/candidates/${ids.C1}/postings`, acme))).toEqual([ids.M1]);

    const own = await get(`/matches/${ids.M1}`, acme);
    expect(own.status).toBe(200);
    expect((await own.json()) as MatchState).toMatchObject({ matchId: ids.M1, postingId: ids.P1, score: 80 });

    const globex = await mint({ org: GLOBEX });
    expect(await matchIds(await get('/matches', globex))).toEqual([ids.M2, ids.M3].sort());
    expect(await matchIds(await get(`/postings/${ids.P2}/candidates`, globex))).toEqual([ids.M2, ids.M3].sort());
  });

  it('answers another organisation’s match, posting or candidate with 404', async () => {
    const acme = await mint();
    for (const path of [`/matches/${ids.M2}`, `/matches/${ids.M3}`, `/matches/${randomUUID()}`, `/postings/${ids.P2}/candidates`, `/candidates/${ids.C2}/postings`, `/postings/${randomUUID()}/candidates`]) {
      const response = await get(path, acme);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await get(`/matches/${ids.M1}`, await mint({ org: GLOBEX }))).status).toBe(404);
  });

  it('without an organisation (AUTH_MODE=off) the same queries answer every organisation’s matches', async () => {
    const matching = app.get(MatchingService);
    // The running consumers may have added matches of other suites' events: the seeded ones of both
    // organisations must all be there.
    expect((await matching.list({})).map((match) => match.matchId)).toEqual(expect.arrayContaining([ids.M1, ids.M2, ids.M3]));
    expect((await matching.ranked('candidate', ids.C1, { minScore: 0, limit: 10 })).items.map((match) => match.matchId)).toEqual([ids.M3, ids.M1]);
    expect(await matching.get(ids.M2)).toMatchObject({ matchId: ids.M2, status: 'active' });
  });
});
