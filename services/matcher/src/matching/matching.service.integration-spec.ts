import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CandidateEventTypes, createEvent, PostingEventTypes, Topics, type CandidateEvent, type PostingEvent } from '@talent/contracts';
import { dataSourceOptions, dropDatabase, migrateDatabase } from '@talent/persistence';
import { testDatabaseUrl } from '@talent/testing';
import { matcherDatabase } from '../database';
import { KafkaConsumers } from '@talent/kafka';
import { matchId } from '@talent/matching';
import { MatchingService, MatchWriteConflict } from './matching.service';

const PARTITION = 0;
const now = new Date().toISOString();

function candidateEvent(id: string, organisationId: string, version = 1): CandidateEvent {
  return createEvent({
    topic: Topics.candidates,
    type: version === 1 ? CandidateEventTypes.registered : CandidateEventTypes.updated,
    source: '/candidates',
    subject: id,
    data: { id, organisationId, externalId: null, skills: [{ name: 'TypeScript', years: 4 }], status: 'active', version, createdAt: now, updatedAt: now },
  });
}

function postingEvent(id: string, organisationId: string): PostingEvent {
  return createEvent({
    topic: Topics.postings,
    type: PostingEventTypes.published,
    source: '/postings',
    subject: id,
    data: { id, organisationId, externalId: null, title: 'Engineer', requiredSkills: ['TypeScript'], preferredSkills: [], status: 'open', version: 1, createdAt: now, updatedAt: now },
  });
}

/**
 * The matcher's state against a connection cut while COMMIT is in flight: the server commits, the
 * client sees an error, the service rolls its memory back and the consumer redelivers the events.
 * Memory must end as the database is, and no match may be missed or emitted twice.
 */
describe('the matching service when a commit succeeds but its answer is lost (real PostgreSQL)', () => {
  const url = testDatabaseUrl('matcher_commit');
  let dataSource: DataSource;
  let matching: MatchingService;

  /** The next transaction commits, then fails as a connection cut after COMMIT would. */
  function loseNextCommitAnswer(): void {
    const transaction = dataSource.transaction.bind(dataSource) as (work: (manager: EntityManager) => Promise<unknown>) => Promise<unknown>;
    jest.spyOn(dataSource, 'transaction').mockImplementationOnce((async (work: (manager: EntityManager) => Promise<unknown>) => {
      await transaction(work);
      throw new Error('Connection terminated unexpectedly');
    }) as never);
  }

  async function matchEvents(candidateId: string): Promise<Array<{ type: string; postingId: string }>> {
    const rows = await dataSource.query<Array<{ payload: { type: string; data: { postingId: string; candidateId: string } } }>>(
      `SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`,
      [Topics.matches],
    );
    return rows.filter((row) => row.payload.data.candidateId === candidateId).map((row) => ({ type: row.payload.type, postingId: row.payload.data.postingId }));
  }

  beforeAll(async () => {
    const options = { url, ...matcherDatabase, applicationName: 'matcher-commit-test' };
    await migrateDatabase(options);
    dataSource = new DataSource(dataSourceOptions(options));
    await dataSource.initialize();
    matching = new MatchingService(dataSource);
    await matching.loadPostings();
    await matching.loadShard([PARTITION]);
  });

  // Each test its own organisation, so its candidates match only its own postings.
  let organisation = '';
  beforeEach(() => {
    organisation = `commit-cut-${randomUUID().slice(0, 8)}`;
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url).catch(() => undefined);
  });

  it('remembers a candidate whose redelivered event finds it already stored, so later postings match it', async () => {
    const candidateId = randomUUID();
    const event = candidateEvent(candidateId, organisation);
    loseNextCommitAnswer();
    await expect(matching.applyCandidates([{ event }], PARTITION)).rejects.toThrow('Connection terminated');
    await matching.applyCandidates([{ event }], PARTITION); // the redelivery

    const postingId = randomUUID();
    await matching.applyPosting(postingEvent(postingId, organisation));

    expect(await matchEvents(candidateId)).toEqual([{ type: 'talentmatch.match.found', postingId }]);
    expect(await matching.list({ candidateId })).toEqual([expect.objectContaining({ postingId, candidateId })]);
  });

  it('matches a candidate with a posting applied between the lost answer and the redelivery, once', async () => {
    const candidateId = randomUUID();
    const event = candidateEvent(candidateId, organisation);
    loseNextCommitAnswer();
    await expect(matching.applyCandidates([{ event }], PARTITION)).rejects.toThrow('Connection terminated');
    const postingId = randomUUID();
    await matching.applyPosting(postingEvent(postingId, organisation)); // memory has rolled the candidate back: no match yet
    await matching.applyCandidates([{ event }], PARTITION);
    await matching.applyCandidates([{ event }], PARTITION); // a further redelivery changes nothing

    expect(await matchEvents(candidateId)).toEqual([{ type: 'talentmatch.match.found', postingId }]);
  });

  it('remembers a posting whose redelivered event finds it already stored: no second match event, later candidates match it', async () => {
    const candidateId = randomUUID();
    await matching.applyCandidates([{ event: candidateEvent(candidateId, organisation) }], PARTITION);
    const postingId = randomUUID();
    const event = postingEvent(postingId, organisation);
    loseNextCommitAnswer();
    await expect(matching.applyPosting(event)).rejects.toThrow('Connection terminated');
    await matching.applyPosting(event); // the redelivery
    const later = randomUUID();
    await matching.applyCandidates([{ event: candidateEvent(later, organisation) }], PARTITION);

    expect(await matchEvents(candidateId)).toEqual([{ type: 'talentmatch.match.found', postingId }]);
    expect(await matchEvents(later)).toEqual([{ type: 'talentmatch.match.found', postingId }]);
  });
});

/**
 * Two instances scoring the same pair at once, as happens while a rebalance is under way: the
 * instance that lost a candidate's partition still holds the candidate and scores it against a
 * posting event, while the new owner applies the candidate's next event. Neither finds a match
 * stored, both compute `found` v1; only one may be emitted.
 */
describe('two matcher instances racing for the same new match (real PostgreSQL)', () => {
  const url = testDatabaseUrl('matcher_race');
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const organisation = 'race';
  let owner: { dataSource: DataSource; matching: MatchingService };
  let stale: { dataSource: DataSource; matching: MatchingService };
  let server: DataSource;

  async function instance(name: string): Promise<{ dataSource: DataSource; matching: MatchingService }> {
    const dataSource = new DataSource(dataSourceOptions({ url, ...matcherDatabase, applicationName: name }));
    await dataSource.initialize();
    const matching = new MatchingService(dataSource);
    await matching.loadPostings();
    await matching.loadShard([PARTITION]);
    return { dataSource, matching };
  }

  /** Waits until `count` sessions of the test database wait on a lock. */
  async function waitersReach(count: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [{ waiting } = { waiting: 0 }] = await server.query<Array<{ waiting: number }>>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
        [database],
      );
      if (waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`fewer than ${count} sessions came to wait on a lock`);
  }

  function candidate(id: string, skill: string, version: number): CandidateEvent {
    const event = candidateEvent(id, organisation, version);
    return { ...event, data: { ...event.data, skills: [{ name: skill, years: 4 }] } } as CandidateEvent;
  }

  function posting(id: string, skill: string, version: number): PostingEvent {
    const event = postingEvent(id, organisation);
    return { ...event, data: { ...event.data, requiredSkills: [skill], version } };
  }

  beforeAll(async () => {
    await migrateDatabase({ url, ...matcherDatabase, applicationName: 'matcher-race-test' });
    server = new DataSource(dataSourceOptions({ url, ...matcherDatabase, applicationName: 'matcher-race-test' }));
    await server.initialize();
    owner = await instance('matcher-race-owner');
    stale = await instance('matcher-race-stale');
  });

  afterAll(async () => {
    for (const side of [owner, stale]) await side?.dataSource.destroy();
    await server?.destroy();
    await dropDatabase(url).catch(() => undefined);
  });

  it('emits found once: the write computed from a version another instance has moved past is refused and applied again', async () => {
    const candidateId = randomUUID();
    const postingId = randomUUID();
    // Version 1 of each does not pair (the posting wants Go, the candidate knows TypeScript); both
    // instances hold both.
    await owner.matching.applyPosting(posting(postingId, 'Go', 1));
    await stale.matching.applyPosting(posting(postingId, 'Go', 1));
    await owner.matching.applyCandidates([{ event: candidate(candidateId, 'TypeScript', 1) }], PARTITION);
    await stale.matching.applyCandidates([{ event: candidate(candidateId, 'TypeScript', 1) }], PARTITION); // it held the candidate too, before the rebalance

    // The owner learns Go (a match with posting v1), the stale instance reads posting v2 asking for
    // TypeScript (a match with the candidate it still holds). The outbox is held locked, so the
    // owner stops with its match row written and not committed; the stale instance then meets that
    // row when it inserts its own.
    const lock = server.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query('LOCK TABLE outbox IN SHARE ROW EXCLUSIVE MODE');
    const owned = owner.matching.applyCandidates([{ event: candidate(candidateId, 'Go', 2) }], PARTITION);
    await waitersReach(1);
    const racing = stale.matching.applyPosting(posting(postingId, 'TypeScript', 2)).then(
      () => 'applied',
      (error: unknown) => (error instanceof MatchWriteConflict ? 'conflict' : `failed: ${String(error)}`),
    );
    await waitersReach(2);
    await lock.commitTransaction();
    await lock.release();
    await owned;
    expect(await racing).toBe('conflict');
    await stale.matching.applyPosting(posting(postingId, 'TypeScript', 2)); // the redelivery

    const events = await server.query<Array<{ type: string; version: number }>>(
      `SELECT payload->>'type' AS type, (payload->'data'->>'version')::int AS version FROM outbox WHERE topic = $1 AND message_key = $2 ORDER BY id`,
      [Topics.matches, matchId(postingId, candidateId)],
    );
    expect(events.filter((event) => event.type === 'talentmatch.match.found')).toEqual([{ type: 'talentmatch.match.found', version: 1 }]);
    expect(events.map((event) => event.version)).toEqual(events.map((_, i) => i + 1)); // one event per version
  });
});

/**
 * A rebalance moves partitions, not the whole shard: the candidates of partitions kept stay held
 * as they are (this instance read every posting meanwhile), those of partitions lost are forgotten,
 * and only the partitions gained are loaded and reconciled.
 */
describe('the matching service across rebalances (real PostgreSQL)', () => {
  const url = testDatabaseUrl('matcher_rebalance');
  const organisation = 'rebalance';
  let dataSource: DataSource;
  let matching: MatchingService;

  beforeAll(async () => {
    const options = { url, ...matcherDatabase, applicationName: 'matcher-rebalance-test' };
    await migrateDatabase(options);
    dataSource = new DataSource(dataSourceOptions(options));
    await dataSource.initialize();
    matching = new MatchingService(dataSource);
    await matching.loadPostings();
    await matching.loadShard([0, 1]);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url).catch(() => undefined);
  });

  const foundFor = async (candidateId: string): Promise<number> => {
    const [{ found } = { found: 0 }] = await dataSource.query<Array<{ found: number }>>(
      `SELECT count(*)::int AS found FROM outbox WHERE topic = $1 AND payload->>'type' = 'talentmatch.match.found' AND payload->'data'->>'candidateId' = $2`,
      [Topics.matches, candidateId],
    );
    return found;
  };

  it('forgets the candidates of a partition lost, and scores them again when it comes back', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    await matching.applyCandidates([{ event: candidateEvent(first, organisation) }], 0);
    await matching.applyCandidates([{ event: candidateEvent(second, organisation) }], 1);
    expect(matching.stats.candidates).toBe(2);

    await matching.loadShard([1]); // partition 0 goes to another instance
    expect(matching.stats).toMatchObject({ candidates: 1, partitions: [1] });
    const postingId = randomUUID();
    await matching.applyPosting(postingEvent(postingId, organisation)); // the other instance scores partition 0
    expect([await foundFor(first), await foundFor(second)]).toEqual([0, 1]);

    await matching.loadShard([0, 1]); // partition 0 comes back: its candidates are loaded and scored
    expect(matching.stats).toMatchObject({ candidates: 2, partitions: [0, 1] });
    expect([await foundFor(first), await foundFor(second)]).toEqual([1, 1]);
  });

  it('loads only the partitions gained', async () => {
    const query = jest.spyOn(dataSource, 'query');
    await matching.loadShard([0, 1, 2]);
    const loads = query.mock.calls.filter(([sql]) => String(sql).includes('FROM matcher_candidates WHERE kafka_partition'));
    expect(loads.map(([, parameters]) => parameters)).toEqual([[[2]]]);
  });
  it('stops a shard reload between chunks when the consumers close, and leaves the partition unowned', async () => {
    const writer = new MatchingService(dataSource);
    await writer.loadShard([7]);
    const events = Array.from({ length: 1_000 }, () => ({ event: candidateEvent(randomUUID(), `${organisation}-closing`) }));
    await writer.applyCandidates(events, 7);

    const consumers = new KafkaConsumers();
    const reader = new MatchingService(dataSource, consumers);
    const reload = reader.loadShard([7]);
    await consumers.beforeApplicationShutdown();
    await reload;
    expect(reader.stats.partitions).toEqual([]);
  });
});
