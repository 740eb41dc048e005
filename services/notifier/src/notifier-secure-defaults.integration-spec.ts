import { Logger, type INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { dropDatabase } from '@talent/persistence';
import { expectEventually, requireKafkaBrokers, testDatabaseUrl, TestIssuer } from '@talent/testing';
import { notifierEnvSchema } from './config';
import { startNotifier } from './service';

const OPERATOR_SECRET = 'ops-s3cret-token';

/** Starts a notifier against its own database and the broker, with the given extra environment. */
async function startWith(databaseUrl: string, extra: Record<string, string>): Promise<{ app: INestApplication; baseUrl: string }> {
  const env = notifierEnvSchema.parse({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: requireKafkaBrokers(),
    OUTBOX_POLL_INTERVAL_MS: '50',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8',
    ...extra,
  });
  const app = await startNotifier(env);
  return { app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('notifier secure defaults: inbox streams, webhook URLs, headers, media types (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('notifier_secure');
  const logged: string[] = [];
  let app: INestApplication;
  let baseUrl: string;
  let database: Client;
  let issuer: TestIssuer;
  let recruiterId: string;

  const call = (method: string, path: string, token?: string, body?: unknown, type = 'application/json') =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': type, ...(token !== undefined && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
    });
  const count = async (table: string) => Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

  beforeAll(async () => {
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...[message]: unknown[]) => {
        logged.push(String(message));
      });
    }
    issuer = await TestIssuer.create({ org: 'acme', sub: 'rita', scope: 'subscriptions:write matches:read' });
    ({ app, baseUrl } = await startWith(databaseUrl, {
      ...issuer.env,
      INBOX_MAX_STREAMS_PER_PRINCIPAL: '2',
      NOTIFY_WEBHOOK_URL: `http://127.0.0.1:9/ops-hook?token=${OPERATOR_SECRET}`,
    }));
    database = new Client({ connectionString: databaseUrl });
    await database.connect();
    const created = await call('POST', '/recruiters', await issuer.mint(), { name: 'Rita' });
    expect(created.status).toBe(201);
    recruiterId = ((await created.json()) as { id: string }).id;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await database?.end();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  describe('live inbox streams', () => {
    /** Opens the stream; `text()` reads it to its end, `abort()` closes it from this side. */
    const openStream = async (token: string) => {
      const controller = new AbortController();
      const response = await fetch(`${baseUrl}/recruiters/${recruiterId}/inbox/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
      return { response, abort: () => controller.abort() };
    };

    it('end when their token expires, saying so', async () => {
      const expiresAt = Math.floor(Date.now() / 1000) + 3;
      const { response } = await openStream(await issuer.mint({}, { exp: expiresAt }));
      expect(response.status).toBe(200);
      const body = await response.text(); // returns only once the server ends the stream
      const endedAt = Date.now();
      expect(body).toContain('event: expired');
      expect(endedAt).toBeGreaterThanOrEqual(expiresAt * 1000 - 50);
      expect(endedAt).toBeLessThan(expiresAt * 1000 + 2_000);
    });

    it('are capped per caller (429 with Retry-After), freed as streams close, and other callers are not affected', async () => {
      const rita = await issuer.mint();
      const first = await openStream(rita);
      const second = await openStream(rita);
      expect([first.response.status, second.response.status]).toEqual([200, 200]);

      const refused = await call('GET', `/recruiters/${recruiterId}/inbox/events`, rita);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.json()).toMatchObject({ status: 429, detail: expect.stringMatching(/too many open inbox streams/) as unknown });

      const colleague = await openStream(await issuer.mint({ sub: 'sam' }));
      expect(colleague.response.status).toBe(200);

      first.abort();
      const third = await expectEventually(async () => {
        const opened = await openStream(rita);
        if (opened.response.status !== 200) {
          opened.abort();
          throw new Error(`still refused: ${opened.response.status}`);
        }
        return opened;
      });
      for (const stream of [second, third, colleague]) stream.abort();
    });
  });

  describe('webhook URLs', () => {
    it('refuses credentials in the URL, storing nothing', async () => {
      const before = await count('webhook_endpoints');
      for (const url of ['https://user:pass@hooks.example.com/in', 'http://token@127.0.0.1:9/in']) {
        const response = await call('POST', '/webhook-endpoints', await issuer.mint(), { recruiterId, url });
        expect({ url, status: response.status }).toEqual({ url, status: 400 });
        expect(await response.json()).toMatchObject({ 'invalid-params': [{ name: 'url', reason: expect.stringMatching(/credentials/) as unknown }] });
      }
      expect(await count('webhook_endpoints')).toBe(before);
    });

    it('shows URLs as scheme, host and path only, while calls still go to the full URL', async () => {
      const url = 'http://127.0.0.1:9/in/matches?signature=abc123#part';
      const token = await issuer.mint();
      const created = await call('POST', '/webhook-endpoints', token, { recruiterId, url });
      expect(created.status).toBe(201);
      const endpoint = (await created.json()) as { id: string; url: string };
      expect(endpoint.url).toBe('http://127.0.0.1:9/in/matches');
      expect(((await (await call('GET', `/webhook-endpoints/${endpoint.id}`, token)).json()) as { url: string }).url).toBe('http://127.0.0.1:9/in/matches');
      const listed = (await (await call('GET', `/webhook-endpoints?recruiterId=${recruiterId}`, token)).json()) as Array<{ url: string }>;
      expect(listed.map((entry) => entry.url)).toEqual(['http://127.0.0.1:9/in/matches']);
      expect((await database.query('SELECT url FROM webhook_endpoints WHERE id = $1', [endpoint.id])).rows[0]).toEqual({ url });
    });

    it('logs the operator’s endpoint without its query', () => {
      expect(logged.filter((line) => line.includes('http://127.0.0.1:9/ops-hook'))).not.toEqual([]);
      expect(logged.filter((line) => line.includes(OPERATOR_SECRET))).toEqual([]);
    });
  });

  describe('browser-facing headers', () => {
    it('the inbox page runs only its own script and style (by hash), calls only its origin and cannot be framed', async () => {
      const response = await fetch(`${baseUrl}/recruiters/${recruiterId}/inbox`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const inner = (tag: string) => html.slice(html.indexOf(`<${tag}>`) + tag.length + 2, html.indexOf(`</${tag}>`));
      const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
      const policy = new Map(
        (response.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
          const [name = '', ...values] = directive.trim().split(/\s+/);
          return [name, values.join(' ')];
        }),
      );
      expect(Object.fromEntries(policy)).toMatchObject({
        'default-src': "'none'",
        'script-src': hash(inner('script')),
        'style-src': hash(inner('style')),
        'connect-src': "'self'",
        'frame-ancestors': "'none'",
      });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('every answer has nosniff, refuses framing and does not name its framework', async () => {
      for (const response of [await call('GET', '/recruiters', await issuer.mint()), await call('GET', '/recruiters'), await fetch(`${baseUrl}/health/live`)]) {
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
    });
  });

  describe('request bodies', () => {
    it('refuses CR, LF and other control characters in single-line fields, storing nothing', async () => {
      const before = await count('recruiters');
      for (const name of ['Rita\r\nBcc: all@example.com', 'Rita\tR', 'Rita\u001b[31m', 'Rita\u2028R']) {
        const response = await call('POST', '/recruiters', await issuer.mint(), { name });
        expect({ name, status: response.status }).toEqual({ name, status: 400 });
        expect(await response.json()).toMatchObject({ 'invalid-params': [{ name: 'name', reason: expect.stringMatching(/single line/) as unknown }] });
      }
      const patched = await call('PATCH', `/recruiters/${recruiterId}`, await issuer.mint(), { name: 'Rita\nSmith' });
      expect(patched.status).toBe(400);
      expect(await count('recruiters')).toBe(before);
      expect((await database.query('SELECT name FROM recruiters WHERE id = $1', [recruiterId])).rows[0]).toEqual({ name: 'Rita' });
    });

    it('answers JSON declared as UTF-16 with 415, storing nothing', async () => {
      const before = await count('recruiters');
      const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ name: 'Wanda' }), 'utf16le')]);
      const response = await call('POST', '/recruiters', await issuer.mint(), body, 'application/json; charset=utf-16');
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await count('recruiters')).toBe(before);
    });
  });
});

describe('notifier with keys from a JWKS URL whose issuer is down (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('notifier_jwks');
  let app: INestApplication;
  let baseUrl: string;
  let issuer: TestIssuer;
  let jwks: Server;
  let issuerUp = true;

  beforeAll(async () => {
    issuer = await TestIssuer.create({ org: 'acme', scope: 'subscriptions:write matches:read' });
    jwks = createServer((_request, response) => {
      if (issuerUp) response.writeHead(200, { 'content-type': 'application/json' }).end(issuer.env.AUTH_PUBLIC_KEYS);
      else response.writeHead(503).end('maintenance');
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { AUTH_MODE, AUTH_ISSUER, AUTH_AUDIENCE } = issuer.env;
    ({ app, baseUrl } = await startWith(databaseUrl, { AUTH_MODE, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks` }));
  });

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => jwks?.close(() => resolve()));
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('answers 503 with Retry-After while the keys cannot be fetched, not 401; a bad token stays 401', async () => {
    issuerUp = false;
    const token = await issuer.mint();
    const down = await fetch(`${baseUrl}/recruiters`, { headers: { authorization: `Bearer ${token}` } });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(down.headers.get('www-authenticate')).toBeNull();

    issuerUp = true;
    expect((await fetch(`${baseUrl}/recruiters`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${baseUrl}/recruiters`, { headers: { authorization: `Bearer ${await issuer.hmacWithPublicKey()}` } })).status).toBe(401);
  });
});
