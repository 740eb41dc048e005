import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, ConfigResourceTypes } from 'kafkajs';
import { Client } from 'pg';
import { Topics } from '@talent/contracts';
import { expectEventually, HttpRecorder, requireKafkaBrokers, TopicRecorder } from '@talent/testing';
import { Platform, SERVICES, type ServiceName } from './platform';

/** Rows of every table of a service's database whose text contains one of `needles`, as `table: row`. */
async function rowsContaining(databaseUrl: string, needles: readonly string[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const found: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t WHERE t::text ILIKE ANY($1::text[])`, [needles.map((needle) => `%${needle}%`)]);
      found.push(...rows.rows.map(({ row }) => `${name}: ${row}`));
    }
    return found;
  } finally {
    await client.end();
  }
}

interface Notification {
  type: string;
  data: { matchId: string; candidateId: string };
}

describe('erasing a candidate (DELETE /candidates/{id})', () => {
  const webhook = new HttpRecorder();
  let events: TopicRecorder;
  let platform: Platform;

  beforeAll(async () => {
    await webhook.start();
    platform = new Platform({
      notifier: { NOTIFY_WEBHOOK_URL: `${webhook.url}/hooks/matches`, RETENTION_INTERVAL_SECONDS: '1' },
    });
    await platform.start();
    // After the services created the topics (so they are created as the services create them).
    events = new TopicRecorder(requireKafkaBrokers(), [Topics.candidates, Topics.matches]);
    await events.start();
  });

  afterAll(async () => {
    await platform?.stop();
    await events?.stop();
    await webhook.stop();
  });

  it('leaves no trace of their name or e-mail in any database, withdraws their matches and tombstones them on Kafka', async () => {
    const organisationId = `erasure-${randomUUID().slice(0, 8)}`;
    const name = `Grace Erasable ${randomUUID().slice(0, 8)}`;
    const email = `grace.${randomUUID().slice(0, 8)}@example.org`;
    const json = { 'content-type': 'application/json' };

    const posting = await fetch(`${platform.url('postings')}/postings`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ organisationId, title: 'Data engineer', requiredSkills: ['Python', 'SQL'] }),
    });
    expect(posting.status).toBe(201);
    const postingId = ((await posting.json()) as { posting: { id: string } }).posting.id;
    // With an Idempotency-Key: the stored answer is a copy of the candidate that must go too.
    const created = await fetch(`${platform.url('candidates')}/candidates`, {
      method: 'POST',
      headers: { ...json, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ organisationId, name, contact: { email, phone: '+44 20 7946 0101' }, skills: [{ name: 'Python' }, { name: 'SQL' }] }),
    });
    expect(created.status).toBe(201);
    const candidateId = ((await created.json()) as { candidate: { id: string } }).candidate.id;

    // The match is found and told to the operator's endpoint.
    const found = await expectEventually(() => {
      const body = webhook.jsonBodies<Notification>('/hooks/matches').find((b) => b.data.candidateId === candidateId && b.type === 'talentmatch.match.found');
      if (!body) throw new Error('no match notification yet');
      return body;
    });
    const matchId = found.data.matchId;
    expect(matchId).toEqual(expect.any(String));
    // The oracle finds what it looks for: the candidates database holds the name and e-mail now.
    expect(await rowsContaining(platform.databaseUrls.get('candidates')!, [name])).not.toEqual([]);
    expect(await rowsContaining(platform.databaseUrls.get('candidates')!, [email])).not.toEqual([]);

    const erase = () => fetch(`${platform.url('candidates')}/candidates/${candidateId}`, { method: 'DELETE' });
    expect((await erase()).status).toBe(204);
    // Idempotent: erasing again is answered the same; the candidate is gone.
    expect((await erase()).status).toBe(204);
    expect((await fetch(`${platform.url('candidates')}/candidates/${candidateId}`)).status).toBe(404);
    const unknown = await fetch(`${platform.url('candidates')}/candidates/${randomUUID()}`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // Their match is withdrawn, and whoever was told of it is told of the withdrawal.
    await expectEventually(() => {
      const withdrawn = webhook.jsonBodies<Notification>('/hooks/matches').filter((b) => b.data.matchId === matchId && b.type === 'talentmatch.match.withdrawn');
      expect(withdrawn).toHaveLength(1);
    });
    const matches = await fetch(`${platform.url('matcher')}/matches?candidateId=${candidateId}`);
    expect(await matches.json()).toEqual([]);

    // On Kafka: an erasure event, then a tombstone, for the candidate; a tombstone for the match
    // after its withdrawal. Both topics are compacted, so the broker forgets the earlier events.
    await expectEventually(() => {
      const ofCandidate = events.messages.filter((message) => message.topic === Topics.candidates && message.key === candidateId);
      const types = ofCandidate.map((message) => (message.value === null ? 'tombstone' : (JSON.parse(message.value.toString()) as { type: string }).type));
      expect(types).toEqual(['talentmatch.candidate.registered', 'talentmatch.candidate.erased', 'tombstone']);
      const ofMatch = events.messages.filter((message) => message.topic === Topics.matches && message.key === matchId);
      const matchTypes = ofMatch.map((message) => (message.value === null ? 'tombstone' : (JSON.parse(message.value.toString()) as { type: string }).type));
      expect(matchTypes).toEqual(['talentmatch.match.found', 'talentmatch.match.withdrawn', 'tombstone']);
    });
    const admin = new Kafka({ clientId: 'erasure-e2e', brokers: requireKafkaBrokers().split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [Topics.candidates, Topics.matches].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['cleanup.policy'] })),
      });
      expect(described.resources.map((resource) => resource.configEntries[0]?.configValue)).toEqual(['compact', 'compact']);
    } finally {
      await admin.disconnect();
    }

    // No database of the platform holds the name or the e-mail address any more, and neither the
    // matcher's nor the notifier's holds anything of the candidate or their match but the
    // withdrawal's own outbox event (ids and scores) and the erasure's bookkeeping (ids).
    await expectEventually(async () => {
      const traces: Array<[ServiceName, string[]]> = [];
      for (const service of SERVICES) traces.push([service, await rowsContaining(platform.databaseUrls.get(service)!, [name, email])]);
      expect(traces).toEqual(SERVICES.map((service) => [service, []]));
      const matcher = new Client({ connectionString: platform.databaseUrls.get('matcher')! });
      const notifier = new Client({ connectionString: platform.databaseUrls.get('notifier')! });
      await Promise.all([matcher.connect(), notifier.connect()]);
      try {
        const held = await matcher.query(
          `SELECT 'matcher_candidates' AS t FROM matcher_candidates WHERE id = $1 UNION ALL SELECT 'matches' FROM matches WHERE candidate_id = $1`,
          [candidateId],
        );
        expect(held.rows).toEqual([]);
        const told = await notifier.query(
          `SELECT 'notifications' AS t FROM notifications WHERE match_id = $1 UNION ALL SELECT 'deliveries' FROM deliveries WHERE match_ids @> ARRAY[$1::uuid]`,
          [matchId],
        );
        expect(told.rows).toEqual([]);
      } finally {
        await Promise.all([matcher.end(), notifier.end()]);
      }
    }, { timeoutMs: 30_000 });

    // The platform goes on: the posting still matches a new candidate.
    const other = await fetch(`${platform.url('candidates')}/candidates`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ organisationId, name: 'Another Person', skills: [{ name: 'Python' }, { name: 'SQL' }] }),
    });
    expect(other.status).toBe(201);
    await expectEventually(async () => {
      const response = await fetch(`${platform.url('matcher')}/matches?postingId=${postingId}`);
      expect(await response.json()).toHaveLength(1);
    });
  });
});
