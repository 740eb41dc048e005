import type { INestApplication } from '@nestjs/common';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dropDatabase } from '@talent/persistence';
import { expectEventually, HttpRecorder, requireKafkaBrokers, testDatabaseUrl } from '@talent/testing';
import { notifierEnvSchema } from '../config';
import { WebhookSecretsService } from './webhook-secrets.service';
import { startNotifier } from '../service';

const json = { 'content-type': 'application/json' };

/** The `v1` signatures a call must carry for these secrets, computed as the Standard Webhooks specification defines them. */
function signatureFor(secret: string, headers: Record<string, string | string[] | undefined>, body: string): string {
  const content = `${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`;
  return `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(content).digest('base64')}`;
}

describe('webhook signing secrets: sealed at rest, rotated with a grace period', () => {
  const receiver = new HttpRecorder();
  const databaseUrl = testDatabaseUrl('notifier_secrets');
  const secretsKey = randomBytes(32).toString('base64');
  let app: INestApplication;
  let baseUrl: string;
  let db: DataSource;

  beforeAll(async () => {
    await receiver.start();
    const env = notifierEnvSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8,::1',
      DELIVERY_POLL_INTERVAL_MS: '50',
      SECRETS_KEY: secretsKey,
    });
    app = await startNotifier(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await receiver.stop();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async function endpoint(path: string): Promise<{ id: string; secret: string }> {
    const recruiter = await api<{ id: string }>('POST', '/recruiters', { organisationId: 'acme', name: 'Rita Recruiter' });
    expect(recruiter.status).toBe(201);
    const created = await api<{ id: string; secret: string }>('POST', '/webhook-endpoints', { recruiterId: recruiter.body.id, url: `${receiver.url}${path}` });
    expect(created.status).toBe(201);
    return created.body;
  }

  /** Queues a delivery to the endpoint as the notifier does for a match, and waits for the call. */
  async function call(endpointId: string, path: string): Promise<{ signatures: string[]; expected: (secret: string) => string }> {
    const body = JSON.stringify({ n: randomUUID() });
    const matchId = randomUUID();
    await db.query(
      `INSERT INTO deliveries (id, channel, mode, endpoint_id, destination, match_ids, match_id, payload, status)
       VALUES ($1, 'webhook', 'instant', $2, $3, ARRAY[$4::uuid], $4, $5, 'pending')`,
      [randomUUID(), endpointId, `${receiver.url}${path}`, matchId, JSON.stringify({ body })],
    );
    const request = await expectEventually(() => {
      const found = receiver.requests.find((r) => r.path === path && r.body.toString() === body);
      if (!found) throw new Error('no call yet');
      return found;
    });
    return {
      signatures: String(request.headers['webhook-signature']).split(' '),
      expected: (secret) => signatureFor(secret, request.headers, body),
    };
  }

  it('stores an endpoint’s secret sealed: the database holds no trace of it, and calls are signed with it', async () => {
    const { id, secret } = await endpoint('/sealed');
    const [row] = await db.query<Array<{ secret: string }>>('SELECT secret FROM webhook_endpoints WHERE id = $1', [id]);
    expect(row!.secret).toMatch(/^sb1\./);
    expect(row!.secret).not.toContain(secret.slice('whsec_'.length, 16));
    const dump = await db.query<Array<{ t: string }>>('SELECT e::text AS t FROM webhook_endpoints e');
    expect(dump.map(({ t }) => t).join('\n')).not.toContain(secret.slice('whsec_'.length));

    const { signatures, expected } = await call(id, '/sealed');
    expect(signatures).toEqual([expected(secret)]);
  });

  it('seals secrets stored in plaintext before, at start-up', async () => {
    const { id, secret } = await endpoint('/legacy');
    await db.query('UPDATE webhook_endpoints SET secret = $2 WHERE id = $1', [id, secret]); // as stored before sealing
    await app.get(WebhookSecretsService).onModuleInit();
    const [row] = await db.query<Array<{ secret: string }>>('SELECT secret FROM webhook_endpoints WHERE id = $1', [id]);
    expect(row!.secret).toMatch(/^sb1\./);
    const { signatures, expected } = await call(id, '/legacy');
    expect(signatures).toEqual([expected(secret)]);
  });

  it('rotates a secret: both signatures are sent during the grace period, then only the new one', async () => {
    const { id, secret: previous } = await endpoint('/rotated');
    const rotated = await api<{ endpointId: string; secret: string; previousSecretExpiresAt: string }>('POST', `/webhook-endpoints/${id}/rotate-secret`, { gracePeriodSeconds: 3_600 });
    expect(rotated.status).toBe(200);
    const current = rotated.body.secret;
    expect(current).toMatch(/^whsec_/);
    expect(current).not.toBe(previous);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3_500_000);

    const during = await call(id, '/rotated');
    expect(during.signatures).toEqual([during.expected(current), during.expected(previous)]);

    // The grace period is over: the previous secret signs no more.
    await db.query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const after = await call(id, '/rotated');
    expect(after.signatures).toEqual([after.expected(current)]);

    // Bad requests are refused with a problem document; unknown endpoints are not found.
    const tooLong = await api<{ status: number }>('POST', `/webhook-endpoints/${id}/rotate-secret`, { gracePeriodSeconds: 8 * 86_400 });
    expect(tooLong.status).toBe(400);
    expect((await api('POST', `/webhook-endpoints/${randomUUID()}/rotate-secret`, {})).status).toBe(404);
  });
});
