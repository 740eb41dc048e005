import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CandidateEventTypes, createEvent, PostingEventTypes, Topics, type CandidateEvent, type PostingEvent } from '@talent/contracts';
import { dataSourceOptions, dropDatabase, migrateDatabase } from '@talent/persistence';
import { testDatabaseUrl } from '@talent/testing';
import { matcherDatabase } from '../database';
import { MatchingService } from './matching.service';

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
