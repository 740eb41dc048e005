import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AssignerProtocol, Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { Client } from 'pg';
import {
  CandidateEventTypes,
  createEvent,
  PostingEventTypes,
  Topics,
  type CandidateState,
  type MatchEvent,
  type MatchExplanation,
  type PostingState,
} from '@talent/contracts';
import { dropDatabase } from '@talent/persistence';
import { expectEventually, requireKafkaBrokers, ServiceProcess, testDatabaseUrl, TopicRecorder } from '@talent/testing';
import { freePort } from './free-port';
import { entryOf } from './platform';

/** Matcher instances of one deployment: one consumer group, one database. */
class MatcherDeployment {
  readonly group = `matcher-test-${randomBytes(4).toString('hex')}`;
  readonly databaseUrl = testDatabaseUrl('matcher');
  readonly instances: ServiceProcess[] = [];
  private readonly instanceIds: string[] = [];

  async start(count: number): Promise<void> {
    for (let index = 0; index < count; index++) {
      const instanceId = `i${index}`;
      const process = new ServiceProcess({
        name: `${this.group}-${instanceId}`,
        entry: entryOf('matcher'),
        port: await freePort(),
        logDir: join(__dirname, '..', '..', 'tmp', 'e2e-logs'),
        env: {
          NODE_ENV: 'test',
          DATABASE_URL: this.databaseUrl,
          KAFKA_BROKERS: requireKafkaBrokers(),
          KAFKA_GROUP_ID: this.group,
          MATCHER_INSTANCE_ID: instanceId,
          OUTBOX_POLL_INTERVAL_MS: '50',
        },
      });
      this.instances.push(process);
      this.instanceIds.push(instanceId);
    }
    await Promise.all(this.instances.map((instance) => instance.start()));
  }

  get url(): string {
    return this.instances[0]!.url;
  }

  async restart(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()));
    await Promise.all(this.instances.map((instance) => instance.start()));
  }

  /** Everything published so far has been consumed, applied and its match events published. */
  async settled(admin: Admin, recorder: TopicRecorder): Promise<void> {
    const groups = [
      { groupId: this.group, topic: Topics.candidates },
      ...this.instanceIds.map((id) => ({ groupId: `${this.group}.postings.${id}`, topic: Topics.postings })),
    ];
    const database = new Client({ connectionString: this.databaseUrl });
    await database.connect();
    try {
      await expectEventually(
        async () => {
          for (const { groupId, topic } of groups) {
            const ends = await admin.fetchTopicOffsets(topic);
            const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
            for (const end of ends) {
              const at = committed?.partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
              if (end.high !== '0' && at !== end.high) throw new Error(`${groupId} behind on ${topic}/${end.partition}: ${at} < ${end.high}`);
            }
          }
          const { rows } = await database.query<{ count: string }>('SELECT count(*) FROM outbox WHERE published_at IS NULL');
          if (rows[0]?.count !== '0') throw new Error(`${rows[0]?.count} match events not published yet`);
          for (const end of await admin.fetchTopicOffsets(Topics.matches)) {
            const seen = recorder.of(Topics.matches).filter((message) => message.partition === end.partition);
            const next = seen.length === 0 ? '0' : String(Number(seen[seen.length - 1]!.offset) + 1);
            if (end.high !== next) throw new Error(`recorder behind on ${Topics.matches}/${end.partition}`);
          }
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
    } finally {
      await database.end();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()));
    await dropDatabase(this.databaseUrl).catch(() => undefined);
  }
}

const now = new Date().toISOString();

function postingState(organisationId: string, requiredSkills: PostingState['requiredSkills'], overrides: Partial<PostingState> = {}): PostingState {
  return {
    id: randomUUID(),
    organisationId,
    externalId: null,
    title: 'Engineer',
    requiredSkills,
    preferredSkills: ['Docker', 'AWS'],
    status: 'open',
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

function candidateState(organisationId: string, skills: string[], overrides: Partial<CandidateState> = {}): CandidateState {
  return {
    id: randomUUID(),
    organisationId,
    externalId: null,
    skills: skills.map((name) => ({ name })),
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

describe('the matcher', () => {
  let kafka: Kafka;
  let producer: Producer;
  let admin: Admin;
  let recorder: TopicRecorder;
  const deployments: MatcherDeployment[] = [];

  const publishPosting = (state: PostingState) =>
    producer.send({
      topic: Topics.postings,
      messages: [
        {
          key: state.id,
          value: JSON.stringify(
            createEvent({
              topic: Topics.postings,
              type: state.status === 'closed' ? PostingEventTypes.closed : state.version === 1 ? PostingEventTypes.published : PostingEventTypes.updated,
              source: '/postings',
              subject: state.id,
              data: state,
            }),
          ),
        },
      ],
    });
  /** In one request, so they arrive in one fetch (same key: same partition, in this order). */
  const publishCandidates = (states: readonly CandidateState[]) =>
    producer.send({
      topic: Topics.candidates,
      messages: states.map((state) => ({
        key: state.id,
        value: JSON.stringify(
          createEvent({
            topic: Topics.candidates,
            type:
              state.status === 'withdrawn'
                ? CandidateEventTypes.withdrawn
                : state.version === 1
                  ? CandidateEventTypes.registered
                  : CandidateEventTypes.updated,
            source: '/candidates',
            subject: state.id,
            data: state,
          }),
        ),
      })),
    });
  const publishCandidate = (state: CandidateState) => publishCandidates([state]);
  /** Match events about these postings, in the order recorded, as `type score` per match. */
  const matchEvents = (postingIds: readonly string[], fromIndex = 0): MatchEvent[] =>
    recorder
      .of(Topics.matches)
      .slice(fromIndex)
      .map((message) => JSON.parse(message.value!.toString()) as MatchEvent)
      .filter((event) => postingIds.includes(event.data.postingId));
  const short = (event: MatchEvent) => `${event.type.split('.').pop()} ${event.data.candidateId.slice(0, 8)} v${event.data.version} ${event.data.score}`;

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'matcher-test', brokers: requireKafkaBrokers().split(','), logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    recorder = new TopicRecorder(requireKafkaBrokers(), [Topics.postings, Topics.candidates, Topics.matches]);
    await recorder.start();
  });

  afterAll(async () => {
    await Promise.all(deployments.map((deployment) => deployment.stop()));
    await recorder?.stop();
    await Promise.all([producer?.disconnect(), admin?.disconnect()]);
  });

  describe('one instance', () => {
    const deployment = new MatcherDeployment();
    const organisationId = `org-${randomBytes(4).toString('hex')}`;

    beforeAll(async () => {
      await deployment.start(1);
    });

    // Stopped before the next test, whose deployments would otherwise share its input.
    afterAll(() => deployment.stop());

    it('matches a posting published first with the candidates that arrive later, and only those', async () => {
      const posting = postingState(organisationId, ['Go', 'PostgreSQL']);
      await publishPosting(posting);
      const fits = candidateState(organisationId, ['Go', 'PostgreSQL', 'Docker']);
      const lacks = candidateState(organisationId, ['Go', 'Docker']);
      const otherOrganisation = candidateState(`${organisationId}-other`, ['Go', 'PostgreSQL']);
      await Promise.all([publishCandidate(fits), publishCandidate(lacks), publishCandidate(otherOrganisation)]);
      await deployment.settled(admin, recorder);

      const events = matchEvents([posting.id]);
      expect(events.map((event) => [event.type, event.data.candidateId])).toEqual([['talentmatch.match.found', fits.id]]);
      expect(events[0]!.data).toMatchObject({ organisationId, postingTitle: posting.title });
      expect(events[0]!.data.explanation.summary).toMatch(/^2 of 2 required skills; 1 of 2 preferred skills/);
    });

    it('matches a public posting with its own candidates and the other organisations\' who opted in, and withdraws those when it stops being public', async () => {
      const elsewhere = `${organisationId}-board`;
      const own = candidateState(organisationId, ['Haskell']);
      const other = candidateState(elsewhere, ['Haskell'], { openToPublicPostings: true });
      const notOpen = candidateState(elsewhere, ['Haskell']);
      await Promise.all([publishCandidate(own), publishCandidate(other), publishCandidate(notOpen)]);
      const posting = postingState(organisationId, ['Haskell'], { visibility: 'public' });
      await publishPosting(posting);
      const late = candidateState(`${elsewhere}-late`, ['Haskell', 'Nix'], { openToPublicPostings: true });
      await publishCandidate(late);
      await deployment.settled(admin, recorder);
      const found = matchEvents([posting.id]);
      // A candidate of another organisation who did not opt in is never matched with it.
      expect(found.map((event) => [event.type, event.data.candidateId, event.data.organisationId]).sort()).toEqual(
        [own.id, other.id, late.id].sort().map((id) => ['talentmatch.match.found', id, organisationId]),
      );

      await publishPosting({ ...posting, visibility: 'organisation', version: 2 });
      await deployment.settled(admin, recorder);
      const withdrawn = matchEvents([posting.id]).filter((event) => event.type === 'talentmatch.match.withdrawn');
      expect(withdrawn.map((event) => event.data.candidateId).sort()).toEqual([other.id, late.id].sort());
    });

    it('matches candidates registered first with a posting that arrives later', async () => {
      const first = candidateState(organisationId, ['Rust', 'Kafka']);
      const second = candidateState(organisationId, ['Rust', 'Kafka', 'AWS', 'Docker']);
      await Promise.all([publishCandidate(first), publishCandidate(second)]);
      await deployment.settled(admin, recorder);
      const posting = postingState(organisationId, ['Rust', 'Kafka']);
      await publishPosting(posting);
      await deployment.settled(admin, recorder);

      const events = matchEvents([posting.id]);
      expect(events.map((event) => [event.type, event.data.candidateId]).sort()).toEqual(
        [
          ['talentmatch.match.found', first.id],
          ['talentmatch.match.found', second.id],
        ].sort(),
      );
      const scoreOf = (id: string) => events.find((event) => event.data.candidateId === id)!.data.score;
      expect(scoreOf(second.id)).toBeGreaterThan(scoreOf(first.id)); // the preferred skills count
      const ranked = (await (await fetch(`${deployment.url}/postings/${posting.id}/candidates?limit=1`)).json()) as {
        items: Array<{ candidateId: string; score: number }>;
        nextCursor: string;
      };
      expect(ranked.items.map((item) => [item.candidateId, item.score])).toEqual([[second.id, scoreOf(second.id)]]);
      const next = (await (await fetch(`${deployment.url}/postings/${posting.id}/candidates?limit=1&cursor=${ranked.nextCursor}`)).json()) as {
        items: Array<{ candidateId: string }>;
      };
      expect(next.items.map((item) => item.candidateId)).toEqual([first.id]);
    });

    it('updates a match when a candidate’s score rises or falls, and withdraws it below the gate', async () => {
      const posting = postingState(organisationId, ['Python']);
      const candidate = candidateState(organisationId, ['Python']);
      await publishPosting(posting);
      // Each version settled before the next: versions arriving together are conflated (next test).
      for (const version of [
        candidate,
        { ...candidate, version: 2, skills: [{ name: 'Python' }, { name: 'Docker' }, { name: 'AWS' }] },
        { ...candidate, version: 3, skills: [{ name: 'Python' }, { name: 'AWS' }] },
        { ...candidate, version: 4, skills: [{ name: 'AWS' }] },
      ]) {
        await publishCandidate(version);
        await deployment.settled(admin, recorder);
      }

      const events = matchEvents([posting.id]);
      expect(events.map((event) => [event.type.split('.').pop(), event.data.version])).toEqual([
        ['found', 1],
        ['updated', 2],
        ['updated', 3],
        ['withdrawn', 4],
      ]);
      const [found, raised, lowered, withdrawn] = events.map((event) => event.data.score);
      expect(raised).toBeGreaterThan(found!); // both preferred skills gained
      expect(lowered).toBeLessThan(raised!); // one of them lost again
      expect(lowered).toBeGreaterThan(found!);
      expect(withdrawn).toBe(lowered); // a withdrawal keeps the last score: what the match was
      expect(events[3]!.data.explanation.summary).toBe(events[2]!.data.explanation.summary);
      const match = (await (await fetch(`${deployment.url}/matches/${matchEvents([posting.id])[0]!.data.matchId}`)).json()) as { status: string };
      expect(match.status).toBe('withdrawn');
    });

    it('scores only the newest of a candidate’s versions that arrive together, whatever their order', async () => {
      const posting = postingState(organisationId, ['Clojure'], { preferredSkills: ['AWS'] });
      await publishPosting(posting);
      await deployment.settled(admin, recorder);
      const candidate = candidateState(organisationId, ['Clojure']);
      // One request: the matcher reads them in one fetch. Version 3 (not a match) wins over 2, sent after it.
      await publishCandidates([
        candidate,
        { ...candidate, version: 3, skills: [{ name: 'Go' }] },
        { ...candidate, version: 2, skills: [{ name: 'Clojure' }, { name: 'Docker' }] },
      ]);
      await deployment.settled(admin, recorder);
      expect(matchEvents([posting.id])).toEqual([]);
      await publishCandidates([{ ...candidate, version: 4, skills: [{ name: 'Clojure' }] }, { ...candidate, version: 5, skills: [{ name: 'Clojure' }, { name: 'AWS' }] }]);
      await deployment.settled(admin, recorder);
      const found = matchEvents([posting.id]);
      expect(found.map((event) => [event.type.split('.').pop(), event.data.version])).toEqual([['found', 1]]);
      // Same organisation: the whole explanation.
      expect((found[0]!.data.explanation as MatchExplanation).matchedPreferred.map((skill) => skill.skill)).toEqual(['AWS']); // version 5's
    });

    it('withdraws every match of a posting that closes, and ignores replayed events', async () => {
      const posting = postingState(organisationId, ['Java']);
      const candidates = [candidateState(organisationId, ['Java']), candidateState(organisationId, ['Java', 'AWS'])];
      await publishPosting(posting);
      await Promise.all(candidates.map(publishCandidate));
      await deployment.settled(admin, recorder);
      await publishPosting({ ...posting, version: 2, status: 'closed' });
      await deployment.settled(admin, recorder);
      const before = matchEvents([posting.id]);
      expect(before.map((event) => event.type.split('.').pop()).sort()).toEqual(['found', 'found', 'withdrawn', 'withdrawn']);

      // The same events again (a replay, or a redelivery after a crash): nothing new.
      await publishPosting(posting);
      await Promise.all(candidates.map(publishCandidate));
      await publishPosting({ ...posting, version: 2, status: 'closed' });
      await deployment.settled(admin, recorder);
      expect(matchEvents([posting.id]).map(short)).toEqual(before.map(short));
    });

    it('rebuilds its state after a restart without emitting duplicates', async () => {
      const posting = postingState(organisationId, ['Elixir']);
      const early = candidateState(organisationId, ['Elixir']);
      await publishPosting(posting);
      await publishCandidate(early);
      await deployment.settled(admin, recorder);
      const before = matchEvents([posting.id]).map(short);
      expect(before).toHaveLength(1);

      await deployment.restart();
      const late = candidateState(organisationId, ['Elixir', 'AWS']);
      await publishCandidate(late); // matched against the posting the restarted instance reloaded
      await deployment.settled(admin, recorder);
      const after = matchEvents([posting.id]);
      expect(after.map((event) => [event.type, event.data.candidateId]).sort()).toEqual(
        [
          ['talentmatch.match.found', early.id],
          ['talentmatch.match.found', late.id],
        ].sort(),
      );
    });
  });

  it('produces the same match events with two instances over four partitions as with one', async () => {
    const organisationId = `org-${randomBytes(4).toString('hex')}`;
    const skills = ['Go', 'SQL', 'Kafka', 'AWS', 'React', 'Docker'];
    const pick = (seed: number, count: number) => [skills[seed % skills.length]!, ...skills.filter((_, index) => (seed >> index) & 1)].slice(0, count);
    const postings = Array.from({ length: 12 }, (_, index) => postingState(organisationId, pick(index * 7 + 3, 2), { preferredSkills: pick(index * 5 + 1, 3) }));
    const candidates = Array.from({ length: 60 }, (_, index) => candidateState(organisationId, pick(index * 11 + 5, 4)));
    await Promise.all(postings.map(publishPosting));
    await Promise.all(candidates.map(publishCandidate));
    const ids = postings.map((posting) => posting.id);
    const comparable = (events: MatchEvent[]) => events.map((event) => `${event.data.matchId} ${event.type} v${event.data.version} ${event.data.score}`).sort();

    const one = new MatcherDeployment();
    const fromOne = recorder.of(Topics.matches).length;
    try {
      await one.start(1);
      await one.settled(admin, recorder);
    } finally {
      await one.stop();
    }
    const eventsOfOne = comparable(matchEvents(ids, fromOne));

    const two = new MatcherDeployment();
    deployments.push(two);
    const fromTwo = recorder.of(Topics.matches).length;
    await two.start(2);
    await two.settled(admin, recorder);
    const eventsOfTwo = comparable(matchEvents(ids, fromTwo));

    expect(eventsOfOne.length).toBeGreaterThan(10);
    expect(eventsOfTwo).toEqual(eventsOfOne);
    // Both instances did part of the work: each owns some of the four partitions.
    const {
      groups: [group],
    } = await admin.describeGroups([two.group]);
    const owned = group!.members.map(
      (member) => AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment[Topics.candidates] ?? [],
    );
    expect(owned).toHaveLength(2);
    expect(owned.every((partitions) => partitions.length > 0)).toBe(true);
    expect(owned.flat().sort()).toEqual([0, 1, 2, 3]);
  }, 240_000);
});
