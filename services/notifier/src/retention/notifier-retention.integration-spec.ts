import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { dataSourceOptions, dropDatabase, ensureDatabase, purgeExpired } from '@talent/persistence';
import { retentionEnvFields } from '@talent/service-kit';
import { notifierDatabase } from '../database';
import { notifierRetentionRules } from './notifier-retention';

type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'dead_lettered';
type NotificationStatus = 'queued' | 'digest' | 'retrying' | 'delivered' | 'dead_lettered';

describe('the notifier’s retention rules against PostgreSQL', () => {
  const server = new URL(process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/test_notifier_retention_${randomBytes(4).toString('hex')}`;
  const url = server.toString();
  let dataSource: DataSource;
  // The documented defaults: attempts 30 days, audit 90 days, published outbox rows 7 days.
  const rules = notifierRetentionRules(z.object(retentionEnvFields).parse({}));

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = new DataSource(dataSourceOptions({ ...notifierDatabase, url, applicationName: 'notifier-retention-test' }));
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url);
  });

  /** A delivery `ageDays` old (finished then, if finished), with one attempt as old. */
  async function delivery(ageDays: number, status: DeliveryStatus, matchId = randomUUID()): Promise<string> {
    const id = randomUUID();
    const finished = status === 'delivered' || status === 'dead_lettered';
    await dataSource.query(
      `INSERT INTO deliveries (id, channel, mode, destination, match_ids, match_id, payload, status, created_at, delivered_at, dead_lettered_at)
       VALUES ($1, 'webhook', 'instant', 'https://hooks.example.com/x', ARRAY[$2::uuid], $2, '{}', $3,
               now() - make_interval(days => $4::int),
               CASE WHEN $3 = 'delivered' THEN now() - make_interval(days => $4::int) END,
               CASE WHEN $3 = 'dead_lettered' THEN now() - make_interval(days => $4::int) END)`,
      [id, matchId, status, ageDays],
    );
    await dataSource.query(
      `INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, outcome) VALUES ($1, 1, now() - make_interval(days => $2::int), 10, $3)`,
      [id, ageDays, finished ? status : 'failed'],
    );
    return id;
  }

  async function notification(ageDays: number, status: NotificationStatus, matchId = randomUUID()): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO notifications (id, match_id, match_version, channel, event_type, posting_id, candidate_id, score, summary, payload, status, recipient, created_at)
       VALUES ($1, $2, 1, 'webhook', 'talentmatch.match.found', $3, $4, 80, 's', '{}', $5, $6, now() - make_interval(days => $7::int))`,
      [id, matchId, randomUUID(), randomUUID(), status, randomUUID(), ageDays],
    );
    return id;
  }

  const ids = async (table: string) => new Set((await dataSource.query<Array<{ id: string }>>(`SELECT id::text FROM ${table}`)).map((row) => row.id));

  it('deletes delivery attempts after 30 days and finished deliveries and notifications after 90, never work in hand', async () => {
    const oldFinished = [await delivery(91, 'delivered'), await delivery(120, 'dead_lettered')];
    const attemptsOnly = [await delivery(31, 'delivered'), await delivery(60, 'dead_lettered')]; // their attempts go, they stay
    const inHand = [await delivery(200, 'pending'), await delivery(200, 'delivering')];
    const recent = [await delivery(1, 'delivered')];
    const oldNotifications = [await notification(91, 'delivered'), await notification(100, 'dead_lettered')];
    const keptNotifications = [await notification(89, 'delivered'), await notification(200, 'queued'), await notification(200, 'digest'), await notification(200, 'retrying')];
    const oldOutbox = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO outbox (topic, message_key, event_id, payload, created_at, published_at)
       VALUES ('notifications.v1', 'k', gen_random_uuid(), '{}', now() - interval '8 days', now() - interval '8 days') RETURNING id::text`,
    );

    const deleted = await purgeExpired(dataSource, 'notifier-retention-test', rules);

    expect(deleted).toMatchObject({ outbox: 1, delivery_attempts: 4 + 2, notifications: 2, deliveries: 2 });
    expect(await ids('deliveries')).toEqual(new Set([...attemptsOnly, ...inHand, ...recent]));
    const attempts = await dataSource.query<Array<{ delivery_id: string }>>('SELECT delivery_id::text FROM delivery_attempts');
    // 31- and 60-day-old attempts are gone as are the 200-day-old ones of deliveries in hand; the day-old one stays.
    expect(attempts.map((row) => row.delivery_id)).toEqual(recent);
    expect(await ids('notifications')).toEqual(new Set(keptNotifications));
    expect(await ids('outbox')).not.toContain(oldOutbox[0]!.id);
    for (const id of [...oldFinished, ...oldNotifications]) {
      expect([...(await ids('deliveries')), ...(await ids('notifications'))]).not.toContain(id);
    }
  });

  it('deletes the rows of an erased match once they are finished, whatever their age', async () => {
    const matchId = randomUUID();
    const sending = await delivery(0, 'delivering', matchId); // the withdrawal notice, in flight
    const told = await notification(0, 'queued', matchId);
    await dataSource.query('INSERT INTO erased_matches (match_id) VALUES ($1)', [matchId]);

    await purgeExpired(dataSource, 'notifier-retention-test', rules);
    expect(await ids('deliveries')).toContain(sending);
    expect(await ids('notifications')).toContain(told);

    // The notice went out: nothing of the match is left after the next round.
    await dataSource.query(`UPDATE deliveries SET status = 'delivered', delivered_at = now() WHERE id = $1`, [sending]);
    await dataSource.query(`UPDATE notifications SET status = 'delivered' WHERE id = $1`, [told]);
    await purgeExpired(dataSource, 'notifier-retention-test', rules);
    expect(await ids('deliveries')).not.toContain(sending);
    expect(await ids('notifications')).not.toContain(told);
  });
});
