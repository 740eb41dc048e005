import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase } from '@talent/persistence';
import { requireKafkaBrokers, testDatabaseUrl, TestIssuer, type MintOptions } from '@talent/testing';
import { notifierEnvSchema } from './config';
import { startNotifier } from './service';


describe('notifier with AUTH_MODE=jwt: scopes and organisation scoping (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('notifier_auth');
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;

  const mint = (claims: Record<string, unknown> = {}, options: MintOptions = {}) => issuer.mint(claims, options);
  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  const created = async <T>(response: Response): Promise<T> => {
    expect(response.status).toBe(201);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create({ org: 'acme', scope: 'subscriptions:write matches:read' });
    const env = notifierEnvSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      OUTBOX_POLL_INTERVAL_MS: '50',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8',
      ...issuer.env,
    });
    app = await startNotifier(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
  });

  afterAll(async () => {
    await database?.end();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('needs a token (401), subscriptions:write to change settings and matches:read to read (403)', async () => {
    expect((await call('POST', '/recruiters', undefined, { name: 'Rita' })).status).toBe(401);
    expect((await call('GET', '/notifications')).status).toBe(401);
    const reader = await mint({ scope: 'matches:read' });
    const refused = await call('POST', '/recruiters', reader, { name: 'Rita' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    expect((await call('GET', '/notifications', await mint({ scope: 'subscriptions:write' }))).status).toBe(403);
    expect((await call('POST', '/recruiters', await mint(), { name: 'Rita', organisationId: 'globex' })).status).toBe(403);
    expect((await database.query('SELECT count(*) AS n FROM recruiters')).rows[0]).toEqual({ n: '0' });
  });

  it('keeps each organisation’s recruiters, subscriptions, endpoints, notifications and inbox to itself', async () => {
    const acme = await mint();
    const globex = await mint({ org: 'globex' });
    const rita = await created<{ id: string; organisationId: string }>(await call('POST', '/recruiters', acme, { name: 'Rita' }));
    expect(rita.organisationId).toBe('acme');
    const gus = await created<{ id: string }>(await call('POST', '/recruiters', globex, { name: 'Gus' }));
    const subscription = await created<{ id: string }>(await call('POST', '/subscriptions', acme, { recruiterId: rita.id, channels: ['inbox'] }));
    const endpoint = await created<{ id: string }>(await call('POST', '/webhook-endpoints', acme, { recruiterId: rita.id, url: 'http://127.0.0.1:9/hook' }));

    // globex can neither see nor change acme's settings, nor attach its own to acme's recruiter.
    for (const path of [`/recruiters/${rita.id}`, `/webhook-endpoints/${endpoint.id}`, `/webhook-endpoints/${endpoint.id}/deliveries`, `/recruiters/${rita.id}/inbox/items`, `/recruiters/${rita.id}/inbox/events`]) {
      const response = await call('GET', path, globex);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect((await call('GET', '/recruiters?organisationId=acme', globex)).status).toBe(404);
    expect((await call('PATCH', `/recruiters/${rita.id}`, globex, { name: 'Hijacked' })).status).toBe(404);
    expect((await call('POST', '/subscriptions', globex, { recruiterId: rita.id, channels: ['inbox'] })).status).toBe(404);
    expect((await call('POST', '/webhook-endpoints', globex, { recruiterId: rita.id, url: 'http://127.0.0.1:9/evil' })).status).toBe(404);
    expect((await call('DELETE', `/subscriptions/${subscription.id}`, globex)).status).toBe(404);
    expect((await call('DELETE', `/webhook-endpoints/${endpoint.id}`, globex)).status).toBe(404);
    const ids = async (path: string, token: string) => ((await (await call('GET', path, token)).json()) as Array<{ id: string }>).map((item) => item.id);
    expect(await ids('/recruiters', globex)).toEqual([gus.id]);
    expect(await ids('/subscriptions', globex)).toEqual([]);
    expect(await ids('/webhook-endpoints', globex)).toEqual([]);
    expect((await database.query('SELECT name FROM recruiters WHERE id = $1', [rita.id])).rows[0]).toEqual({ name: 'Rita' });

    // Notifications of acme's matches only.
    const notification = async (organisationId: string, recruiterId: string) => {
      const id = randomUUID();
      await database.query(
        `INSERT INTO notifications (id, match_id, match_version, channel, recipient, organisation_id, recruiter_id, event_type,
           posting_id, candidate_id, score, summary, payload, status, mode, delivered_at)
         VALUES ($1, $2, 1, 'inbox', $3::text, $4, $3::uuid, 'match.created', $5, $6, 80, 'fits', '{}', 'delivered', 'instant', now())`,
        [id, randomUUID(), recruiterId, organisationId, randomUUID(), randomUUID()],
      );
      return id;
    };
    const ritaNote = await notification('acme', rita.id);
    const gusNote = await notification('globex', gus.id);
    const reader = await mint({ scope: 'matches:read' });
    expect(await ids('/notifications', reader)).toEqual([ritaNote]);
    expect(await ids(`/recruiters/${rita.id}/inbox/items`, reader)).toEqual([ritaNote]);
    const globexReader = await mint({ org: 'globex', scope: 'matches:read' });
    expect(await ids('/notifications', globexReader)).toEqual([gusNote]);

    // The inbox page opens without a token (a browser cannot send one on navigation) and holds no
    // data; its recruiter, items and stream need a token of the recruiter's organisation.
    const page = await fetch(`${baseUrl}/recruiters/${rita.id}/inbox`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const secret of ['Rita', 'acme']) expect(html).not.toContain(secret);
    expect((await call('GET', `/recruiters/${rita.id}/inbox/events`)).status).toBe(401);
    expect((await call('GET', `/recruiters/${rita.id}/inbox/events`, globexReader)).status).toBe(404);
    expect((await call('GET', `/recruiters/${rita.id}/inbox/items`, globexReader)).status).toBe(404);
    expect((await call('GET', `/recruiters/${rita.id}`, globexReader)).status).toBe(404);

    // acme itself can read and change them.
    expect(await ids('/subscriptions', acme)).toEqual([subscription.id]);
    expect((await call('GET', `/webhook-endpoints/${endpoint.id}/deliveries`, acme)).status).toBe(200);
    expect((await call('DELETE', `/subscriptions/${subscription.id}`, acme)).status).toBe(204);
    expect((await call('DELETE', `/webhook-endpoints/${endpoint.id}`, acme)).status).toBe(204);
  });
});
