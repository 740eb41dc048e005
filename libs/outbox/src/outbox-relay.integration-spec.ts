import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, PostingEventTypes, Topics } from '@talent/contracts';
import { CreateOutbox1763880000000 } from './create-outbox.migration';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '@talent/persistence';
import { OutboxEntity } from './outbox.entity';
import { OutboxRelay, type OutboxRecord } from './outbox-relay';
import { enqueueEvent } from './outbox-writer';

function postingEvent() {
  const id = randomUUID();
  const now = new Date().toISOString();
  return createEvent({
    topic: Topics.postings,
    type: PostingEventTypes.published,
    source: '/postings',
    subject: id,
    data: { id, organisationId: 'relay-test', externalId: null, title: 'Engineer', requiredSkills: ['TypeScript'], preferredSkills: [], status: 'open', version: 1, createdAt: now, updatedAt: now },
  });
}

describe('the outbox relay against PostgreSQL', () => {
  const server = new URL(process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/test_relay_${randomBytes(4).toString('hex')}`;
  const url = server.toString();
  const sent: Array<{ key: string; at: number }> = [];
  let dataSource: DataSource;
  let relay: OutboxRelay;

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = new DataSource(dataSourceOptions({ url, entities: [OutboxEntity], migrations: [CreateOutbox1763880000000], applicationName: 'relay-test' }));
    await dataSource.initialize();
    await dataSource.runMigrations();
    // A poll a minute apart: only a nudge can make a row go out promptly.
    relay = new OutboxRelay(
      dataSource,
      { send: (records: OutboxRecord[]) => Promise.resolve(void sent.push(...records.map((record) => ({ key: record.key, at: Date.now() })))) },
      { lockName: 'relay-test', pollIntervalMs: 60_000 },
    );
    relay.start();
    await firstRoundOver();
  });

  /**
   * Waits until the relay's first (empty) round is over, so a row published later was published by a
   * nudge: the relay's connection holds the lock, is idle, and its last statement was a round's, not
   * the lock's.
   */
  async function firstRoundOver(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const rows = await dataSource.query<Array<{ query: string }>>(
        `SELECT activity.query FROM pg_stat_activity activity
           JOIN pg_locks lock ON lock.pid = activity.pid AND lock.locktype = 'advisory' AND lock.granted
          WHERE activity.application_name = 'relay-test' AND activity.state = 'idle'`,
      );
      if (rows.some((row) => !row.query.includes('pg_try_advisory_lock'))) return;
      if (Date.now() > deadline) throw new Error(`the relay's first round did not end within 20 s: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  afterAll(async () => {
    await relay?.stop();
    await dataSource?.destroy();
    await dropDatabase(url);
  });

  it('publishes the rows of a transaction as soon as it commits, without waiting for a poll', async () => {
    const event = postingEvent();
    const committedAt = await dataSource.transaction(async (manager) => {
      await enqueueEvent(manager, Topics.postings, event);
      return Date.now();
    });
    const deadline = Date.now() + 5_000;
    while (!sent.some((record) => record.key === event.subject) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const published = sent.find((record) => record.key === event.subject);
    expect(published).toBeDefined();
    expect(published!.at - committedAt).toBeLessThan(5_000);
    const [row] = await dataSource.query<Array<{ published_at: Date | null }>>('SELECT published_at FROM outbox WHERE event_id = $1', [event.id]);
    expect(row?.published_at).not.toBeNull();
  });

  it('publishes nothing of a transaction that rolled back, and stops listening for commits when stopped', async () => {
    const event = postingEvent();
    await expect(
      dataSource.transaction(async (manager) => {
        await enqueueEvent(manager, Topics.postings, event);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const rows = await dataSource.query<Array<{ count: number }>>('SELECT count(*)::int AS count FROM outbox WHERE event_id = $1', [event.id]);
    expect(rows[0]?.count).toBe(0);
    expect(sent.some((record) => record.key === event.subject)).toBe(false);
    await relay.stop();
    expect(dataSource.subscribers).toHaveLength(0);
    relay.start();
    expect(dataSource.subscribers).toHaveLength(1);
  });

  it('gives up its lock when a send fails, so the connection goes back to the pool holding none', async () => {
    await relay.stop(); // the lock of this database is the failing relay's alone
    const delivered: string[] = [];
    let calls = 0;
    const failing = new OutboxRelay(
      dataSource,
      {
        send: (records: OutboxRecord[]) => {
          calls += 1;
          if (calls === 1) return Promise.reject(new Error('broker unreachable'));
          delivered.push(...records.map((record) => record.key));
          return Promise.resolve();
        },
      },
      { lockName: 'relay-test-failing', pollIntervalMs: 20 },
    );
    failing.start();
    const event = postingEvent();
    await dataSource.transaction((manager) => enqueueEvent(manager, Topics.postings, event));
    const deadline = Date.now() + 10_000;
    while (!delivered.includes(event.subject) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await failing.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(delivered).toContain(event.subject);
    const locks = await dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(locks[0]?.count).toBe(0);
  });
});
