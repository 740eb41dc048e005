import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CandidateEventTypes, createEvent, matchStateSchema, PostingEventTypes, Topics, type CandidateEvent, type CandidateState, type MatchState, type PostingEvent } from '@talent/contracts';
import { dataSourceOptions, dropDatabase, migrateDatabase } from '@talent/persistence';
import { testDatabaseUrl } from '@talent/testing';
import { matcherDatabase } from '../database';
import { MatchingService } from './matching.service';

const PARTITION = 0;
const now = new Date().toISOString();

function candidateEvent(id: string, organisationId: string, version: number, fields: Partial<CandidateState> = {}): CandidateEvent {
  return createEvent({
    topic: Topics.candidates,
    type: version === 1 ? CandidateEventTypes.registered : CandidateEventTypes.updated,
    source: '/candidates',
    subject: id,
    data: {
      id,
      organisationId,
      externalId: null,
      skills: [{ name: 'TS', years: 7 }],
      location: { city: 'Trondheim', country: 'Norway' },
      status: 'active',
      version,
      createdAt: now,
      updatedAt: now,
      ...fields,
    },
  });
}

function publicPosting(id: string, organisationId: string): PostingEvent {
  return createEvent({
    topic: Topics.postings,
    type: PostingEventTypes.published,
    source: '/postings',
    subject: id,
    data: {
      id,
      organisationId,
      externalId: null,
      title: 'Engineer',
      requiredSkills: ['TypeScript'],
      preferredSkills: ['Rust'],
      experienceYears: { min: 3 },
      visibility: 'public',
      status: 'open',
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
  });
}

/**
 * A public posting of one organisation and the candidates of others: matched only with those who
 * opted in, and their recruiters see scores and requirement names only (real PostgreSQL).
 */
describe('public postings across organisations', () => {
  const url = testDatabaseUrl('matcher_public');
  let dataSource: DataSource;
  let matching: MatchingService;
  const ACME = `acme-${randomUUID().slice(0, 8)}`;
  const GLOBEX = `globex-${randomUUID().slice(0, 8)}`;

  async function matchEvents(candidateId: string): Promise<Array<{ type: string; data: MatchState }>> {
    const rows = await dataSource.query<Array<{ payload: { type: string; data: MatchState } }>>(`SELECT payload FROM outbox WHERE topic = $1 ORDER BY id`, [
      Topics.matches,
    ]);
    return rows.filter((row) => row.payload.data.candidateId === candidateId).map((row) => row.payload);
  }

  beforeAll(async () => {
    const options = { url, ...matcherDatabase, applicationName: 'matcher-public-test' };
    await migrateDatabase(options);
    dataSource = new DataSource(dataSourceOptions(options));
    await dataSource.initialize();
    matching = new MatchingService(dataSource);
    await matching.loadPostings();
    await matching.loadShard([PARTITION]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url).catch(() => undefined);
  });

  it('matches only the candidates who opted in, and tells the posting’s organisation no more than scores and requirement names', async () => {
    const own = randomUUID();
    const closed = randomUUID();
    const open = randomUUID();
    await matching.applyCandidates(
      [
        { event: candidateEvent(own, ACME, 1) },
        { event: candidateEvent(closed, GLOBEX, 1) },
        { event: candidateEvent(open, GLOBEX, 1, { openToPublicPostings: true }) },
      ],
      PARTITION,
    );
    const postingId = randomUUID();
    await matching.applyPosting(publicPosting(postingId, ACME));

    expect(await matchEvents(closed)).toEqual([]);
    const [ownMatch] = await matchEvents(own);
    expect(ownMatch?.data.explanation).toMatchObject({ matchedRequired: [{ requirement: 'TypeScript', candidateSkill: 'TS' }] });

    const [crossMatch, ...more] = await matchEvents(open);
    expect(more).toEqual([]);
    expect(crossMatch).toMatchObject({ type: 'talentmatch.match.found', data: { postingId, organisationId: ACME, score: ownMatch?.data.score } });
    expect(crossMatch?.data.explanation).toMatchObject({
      scope: 'cross-organisation',
      matchedRequired: ['TypeScript'],
      missingRequired: [],
      matchedPreferred: [],
      missingPreferred: ['Rust'],
    });
    const told = JSON.stringify(crossMatch?.data.explanation);
    for (const theirs of ['"TS"', 'Trondheim', 'Norway', '7 years', 'alias']) expect(told).not.toContain(theirs);
    expect(matchStateSchema.safeParse(crossMatch?.data).success).toBe(true);
    expect((await matching.list({ candidateId: open }))[0]?.explanation).toEqual(crossMatch?.data.explanation);
  });

  it('withdraws the match when the candidate takes the opt-in back, and matches one who gives it later', async () => {
    const leaving = randomUUID();
    const joining = randomUUID();
    await matching.applyCandidates([{ event: candidateEvent(leaving, GLOBEX, 1, { openToPublicPostings: true }) }, { event: candidateEvent(joining, GLOBEX, 1) }], PARTITION);
    const postingId = randomUUID();
    await matching.applyPosting(publicPosting(postingId, ACME));
    await matching.applyCandidates([{ event: candidateEvent(leaving, GLOBEX, 2) }, { event: candidateEvent(joining, GLOBEX, 2, { openToPublicPostings: true }) }], PARTITION);

    expect((await matchEvents(leaving)).filter((event) => event.data.postingId === postingId).map((event) => event.type)).toEqual([
      'talentmatch.match.found',
      'talentmatch.match.withdrawn',
    ]);
    expect((await matchEvents(joining)).filter((event) => event.data.postingId === postingId).map((event) => event.type)).toEqual(['talentmatch.match.found']);
  });
});
