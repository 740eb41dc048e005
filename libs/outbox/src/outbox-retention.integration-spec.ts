import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  CreateIdempotencyKeys1763880000010,
  dataSourceOptions,
  dropDatabase,
  ensureDatabase,
  idempotencyKeysRule,
  IdempotencyKeysPerTenant1763880000030,
  purgeExpired,
} from '@talent/persistence';
import { CreateOutbox1763880000000 } from './create-outbox.migration';
import { OutboxEntity } from './outbox.entity';
import { OutboxTombstones1763880000020 } from './outbox-tombstones.migration';
import { publishedOutboxRule } from './outbox-retention';

const HOUR = 3_600;

describe('the retention job against PostgreSQL', () => {
  const server = new URL(process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/test_retention_${randomBytes(4).toString('hex')}`;
  const url = server.toString();
  let dataSource: DataSource;
  const rules = [publishedOutboxRule(7 * 24 * HOUR), idempotencyKeysRule(24 * HOUR)];

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = new DataSource(
      dataSourceOptions({
        url,
        entities: [OutboxEntity],
        migrations: [CreateOutbox1763880000000, CreateIdempotencyKeys1763880000010, OutboxTombstones1763880000020, IdempotencyKeysPerTenant1763880000030],
        applicationName: 'retention-test',
      }),
    );
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url);
  });

  /** An outbox row `ageHours` old, published then (or never). */
  async function outboxRow(ageHours: number, published: boolean): Promise<string> {
    const [row] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO outbox (topic, message_key, event_id, payload, created_at, published_at)
       VALUES ('postings.v1', $1::text, $1::uuid, '{}', now() - make_interval(hours => $2::int), CASE WHEN $3::boolean THEN now() - make_interval(hours => $2::int) END)
       RETURNING id`,
      [randomUUID(), ageHours, published],
    );
    return row!.id;
  }

  async function idempotencyKey(ageHours: number): Promise<string> {
    const key = randomUUID();
    await dataSource.query(
      `INSERT INTO idempotency_keys (organisation_id, subject, scope, key, fingerprint, status, created_at)
       VALUES ('acme', '', 'POST /postings', $1, 'f', 201, now() - make_interval(hours => $2))`,
      [key, ageHours],
    );
    return key;
  }

  const outboxIds = async () => new Set((await dataSource.query<Array<{ id: string }>>('SELECT id FROM outbox')).map((row) => row.id));
  const keys = async () => new Set((await dataSource.query<Array<{ key: string }>>('SELECT key FROM idempotency_keys')).map((row) => row.key));

  it('deletes published outbox rows and idempotency keys past their periods, and nothing else', async () => {
    // Aged rows (past the periods) and rows the periods keep: the expected survivors are known from the ages alone.
    const oldPublished = await Promise.all([outboxRow(8 * 24, true), outboxRow(30 * 24, true)]);
    const kept = await Promise.all([outboxRow(6 * 24, true), outboxRow(1, true), outboxRow(30 * 24, false)]); // the last never published: still owed to the broker
    const oldKeys = await Promise.all([idempotencyKey(25), idempotencyKey(24 * 10)]);
    const freshKeys = await Promise.all([idempotencyKey(23), idempotencyKey(0)]);

    expect(await purgeExpired(dataSource, 'retention-test', rules)).toEqual({ outbox: 2, idempotency_keys: 2 });

    expect(await outboxIds()).toEqual(new Set(kept));
    for (const id of oldPublished) expect(await outboxIds()).not.toContain(id);
    expect(await keys()).toEqual(new Set(freshKeys));
    for (const key of oldKeys) expect(await keys()).not.toContain(key);
    // A second round finds nothing more.
    expect(await purgeExpired(dataSource, 'retention-test', rules)).toEqual({ outbox: 0, idempotency_keys: 0 });
  });

  it('deletes in chunks until none is left', async () => {
    await dataSource.query(
      `INSERT INTO outbox (topic, message_key, event_id, payload, created_at, published_at)
       SELECT 'postings.v1', gen_random_uuid()::text, gen_random_uuid(), '{}', now() - interval '9 days', now() - interval '9 days' FROM generate_series(1, 2500)`,
    );
    expect(await purgeExpired(dataSource, 'retention-test', rules)).toEqual({ outbox: 2500, idempotency_keys: 0 });
  });

  it('lets one instance purge at a time: while another holds the lock, a round is skipped', async () => {
    const aged = await outboxRow(10 * 24, true);
    const other = new Client({ connectionString: url });
    await other.connect();
    try {
      // Another instance in the middle of its round (the lock it takes is the same name's).
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['retention:retention-test']);
      expect(await purgeExpired(dataSource, 'retention-test', rules)).toBeUndefined();
      expect(await outboxIds()).toContain(aged);
      // Another service's lock does not stand in the way.
      expect(await purgeExpired(dataSource, 'another-service', rules)).toEqual({ outbox: 1, idempotency_keys: 0 });
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
  });
});
