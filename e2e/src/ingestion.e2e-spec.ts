import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ensureKafka, type KafkaHandle } from '@talent/kafka-broker';
import { expectEventually, requireKafkaBrokers, TopicRecorder } from '@talent/testing';
import { freePort } from './free-port';
import { Platform } from './platform';

/** Records on the topics; other suites also put poison (non-event JSON) there, hence `data?.` in the filters. */
interface Envelope<T> {
  type: string;
  subject: string;
  data: T;
}
interface PostingData {
  id: string;
  organisationId: string;
  externalId: string | null;
  version: number;
  title: string;
}
interface CandidateData {
  id: string;
  organisationId: string;
  externalId: string | null;
}

const json = { 'content-type': 'application/json' };

function posting(organisationId: string, externalId: string | undefined, title = 'Backend engineer') {
  return { organisationId, ...(externalId ? { externalId } : {}), title, requiredSkills: ['TypeScript'], preferredSkills: ['Kafka'] };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('ingestion over REST and the ingest topics', () => {
  const platform = new Platform({}, { services: ['postings', 'candidates'] });
  let recorder: TopicRecorder;
  let producer: Producer;
  const organisationId = `org-${randomBytes(4).toString('hex')}`;
  const postingEvents = () => recorder.json<Envelope<PostingData>>('postings.v1', (event) => event.data?.organisationId === organisationId);

  beforeAll(async () => {
    const brokers = requireKafkaBrokers();
    recorder = new TopicRecorder(brokers, [
      'postings.v1',
      'candidates.v1',
      'postings.ingest.v1',
      'postings.ingest.v1.dlq',
      'candidates.ingest.v1',
      'candidates.ingest.v1.dlq',
    ]);
    await recorder.start();
    await platform.start();
    producer = new Kafka({ clientId: 'ingest-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await platform.stop();
    await recorder?.stop();
  });

  it('stores a duplicate submission once, publishes one event, and honours Idempotency-Key', async () => {
    const url = `${platform.url('postings')}/postings`;
    const first = await post(url, posting(organisationId, 'dup-1'));
    const second = await post(url, posting(organisationId, 'dup-1'));
    expect([first.status, first.body.outcome]).toEqual([201, 'created']);
    expect([second.status, second.body.outcome]).toEqual([200, 'unchanged']);
    expect((second.body.posting as PostingData).id).toBe((first.body.posting as PostingData).id);

    // Without an external id, the Idempotency-Key makes the retry safe.
    const key = randomUUID();
    const keyed = await post(url, posting(organisationId, undefined, 'Keyed'), { 'idempotency-key': key });
    const retried = await post(url, posting(organisationId, undefined, 'Keyed'), { 'idempotency-key': key });
    expect(keyed.status).toBe(201);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotency-replayed')).toBe('true');
    expect(retried.body).toEqual(keyed.body);
    const reused = await post(url, posting(organisationId, undefined, 'Another body'), { 'idempotency-key': key });
    expect(reused.status).toBe(422);

    // A later posting's event arriving proves the relay got past the duplicates.
    const sentinel = await post(url, posting(organisationId, 'dup-sentinel'));
    const sentinelId = (sentinel.body.posting as PostingData).id;
    await expectEventually(() => expect(postingEvents().some((event) => event.data.id === sentinelId)).toBe(true));
    const list = (await (await fetch(`${url}?organisationId=${organisationId}&limit=100`)).json()) as { items: PostingData[] };
    expect(list.items.filter((item) => item.externalId === 'dup-1')).toHaveLength(1);
    expect(list.items.filter((item) => item.title === 'Keyed')).toHaveLength(1);
    expect(postingEvents().filter((event) => event.data.externalId === 'dup-1')).toHaveLength(1);
    expect(postingEvents().filter((event) => event.data.title === 'Keyed')).toHaveLength(1);
  });

  it('answers concurrent POST /candidates each with its own candidate and event, each event in its own request trace', async () => {
    // Requests that arrive while another group is being written share a transaction; nothing of
    // that may show: every request gets its own candidate, and its event continues its own trace.
    const url = `${platform.url('candidates')}/candidates`;
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(url, { organisationId, name: `Concurrent ${i}`, skills: [{ name: 'TypeScript' }] })),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    const created = responses.map((response) => ({
      id: (response.body.candidate as CandidateData & { name: string }).id,
      name: (response.body.candidate as CandidateData & { name: string }).name,
      traceId: response.headers.get('x-trace-id') ?? '',
    }));
    expect(created.map((candidate) => candidate.name)).toEqual(responses.map((_, i) => `Concurrent ${i}`));
    expect(new Set(created.map((candidate) => candidate.id)).size).toBe(40);
    const ids = new Set(created.map((candidate) => candidate.id));
    const records = await expectEventually(() => {
      const found = recorder.of('candidates.v1').filter((record) => ids.has(record.key ?? ''));
      expect(found).toHaveLength(40);
      return found;
    });
    for (const candidate of created) {
      const record = records.find((entry) => entry.key === candidate.id);
      expect(candidate.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(record?.headers.traceparent?.split('-')[1]).toBe(candidate.traceId);
    }
  });

  it('imports 1,000 NDJSON lines and reports each bad line with its reason', async () => {
    const bulkOrg = `${organisationId}-bulk`;
    const bad = new Map<number, string>([
      [10, '{"organisationId": "x", "title": '], // not JSON
      [250, JSON.stringify({ ...posting(bulkOrg, 'bulk-250'), title: '' })],
      [500, JSON.stringify({ ...posting(bulkOrg, 'bulk-500'), requiredSkills: [] })],
      [750, JSON.stringify({ ...posting(bulkOrg, 'bulk-750'), workplace: 'moon' })],
      [999, JSON.stringify(posting(bulkOrg, undefined))], // bulk records need an external id
    ]);
    const lines = Array.from({ length: 1000 }, (_, index) => bad.get(index + 1) ?? JSON.stringify(posting(bulkOrg, `bulk-${index + 1}`)));
    const response = await fetch(`${platform.url('postings')}/postings/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${lines.join('\n')}\n`,
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as {
      summary: Record<string, number>;
      results: Array<{ line: number; outcome: string; errors?: Array<{ name: string; reason: string }> }>;
    };
    expect(result.summary).toEqual({ total: 1000, created: 995, updated: 0, unchanged: 0, rejected: 5 });
    const rejected = result.results.filter((line) => line.outcome === 'rejected');
    expect(rejected.map((line) => [line.line, line.errors?.[0]?.name])).toEqual([
      [10, '(line)'],
      [250, 'title'],
      [500, 'requiredSkills'],
      [750, 'workplace'],
      [999, 'externalId'],
    ]);
    expect(rejected[0]?.errors?.[0]?.reason).toMatch(/^not JSON/);

    await expectEventually(
      () => expect(recorder.json<Envelope<PostingData>>('postings.v1', (event) => event.data?.organisationId === bulkOrg)).toHaveLength(995),
      { timeoutMs: 60_000 },
    );
  });

  it('applies a burst of commands for one candidate in order, each change once, and refuses a withdrawal of an unknown one alone', async () => {
    const burstOrg = `${organisationId}-burst`;
    const key = `${burstOrg}/pat`;
    const command = (type: string, data: Record<string, unknown>) =>
      JSON.stringify({
        specversion: '1.0',
        id: randomUUID(),
        type,
        source: 'urn:test:pipeline',
        subject: key,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataschema: `urn:talent-match:schema:${type}:1`,
        data: { organisationId: burstOrg, ...data },
      });
    const upsert = (years: number) => command('talentmatch.candidate.upsert', { externalId: 'pat', name: 'Pat Example', skills: [{ name: 'Go', years }] });
    const withdraw = (externalId: string) => command('talentmatch.candidate.withdraw', { externalId });
    // One request, one key: the candidates service reads them in one fetch and applies them together.
    const burst = [upsert(1), upsert(1), upsert(2), withdraw('pat'), withdraw('pat'), withdraw('nobody'), upsert(3)];
    await producer.send({ topic: 'candidates.ingest.v1', messages: burst.map((value) => ({ key, value })) });
    const events = () => recorder.json<Envelope<CandidateData & { version: number; status: string }>>('candidates.v1', (event) => event.data?.organisationId === burstOrg);
    await expectEventually(
      () => {
        expect(events()).toHaveLength(4);
        expect(recorder.of('candidates.ingest.v1.dlq').filter((message) => message.key === key)).toHaveLength(1);
      },
      { timeoutMs: 60_000 },
    );
    // A repeated upsert and a repeated withdrawal change nothing, so they emit nothing.
    expect(events().map((event) => [event.type, event.data.version, event.data.status])).toEqual([
      ['talentmatch.candidate.registered', 1, 'active'],
      ['talentmatch.candidate.updated', 2, 'active'],
      ['talentmatch.candidate.withdrawn', 3, 'withdrawn'],
      ['talentmatch.candidate.updated', 4, 'active'],
    ]);
    expect(new Set(events().map((event) => event.data.id)).size).toBe(1);
    const [deadLetter] = recorder.of('candidates.ingest.v1.dlq').filter((message) => message.key === key);
    expect(deadLetter?.value?.toString()).toBe(burst[5]);
    expect(deadLetter?.headers['dlq-reason']).toBe(`rejected: candidate nobody of ${burstOrg} not found`);
  });

  it('dead-letters poison on both ingest topics with the reason and original bytes, and keeps consuming', async () => {
    const poisonOrg = `${organisationId}-poison`;
    const poison = ['not json at all', '{"specversion":"1.0"}', JSON.stringify({ type: 'talentmatch.posting.upsert', data: {} }), ''];
    const postingCommand = (externalId: string) =>
      JSON.stringify({
        specversion: '1.0',
        id: randomUUID(),
        type: 'talentmatch.posting.upsert',
        source: 'urn:test:pipeline',
        subject: externalId,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataschema: 'urn:talent-match:schema:talentmatch.posting.upsert:1',
        data: posting(poisonOrg, externalId),
      });
    const candidateCommand = (externalId: string) =>
      JSON.stringify({
        specversion: '1.0',
        id: randomUUID(),
        type: 'talentmatch.candidate.upsert',
        source: 'urn:test:pipeline',
        subject: externalId,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataschema: 'urn:talent-match:schema:talentmatch.candidate.upsert:1',
        data: { organisationId: poisonOrg, externalId, name: 'Pat Example', skills: [{ name: 'TypeScript', years: 3 }] },
      });
    // Good and poison messages interleaved on the same key, so they share a partition.
    const interleave = (good: (id: string) => string) =>
      Array.from({ length: 10 }, (_, index) => [
        { key: `${poisonOrg}/k`, value: good(`good-${index}`) },
        ...(index < poison.length ? [{ key: `${poisonOrg}/k`, value: poison[index]! }] : []),
      ]).flat();
    await producer.send({ topic: 'postings.ingest.v1', messages: interleave(postingCommand) });
    await producer.send({ topic: 'candidates.ingest.v1', messages: interleave(candidateCommand) });

    const mine = (topic: string) => recorder.of(topic).filter((message) => message.key === `${poisonOrg}/k`);
    await expectEventually(
      () => {
        expect(recorder.json<Envelope<PostingData>>('postings.v1', (event) => event.data?.organisationId === poisonOrg)).toHaveLength(10);
        expect(recorder.json<Envelope<CandidateData>>('candidates.v1', (event) => event.data?.organisationId === poisonOrg)).toHaveLength(10);
        expect(mine('postings.ingest.v1.dlq')).toHaveLength(poison.length);
        expect(mine('candidates.ingest.v1.dlq')).toHaveLength(poison.length);
      },
      { timeoutMs: 60_000 },
    );
    for (const topic of ['postings.ingest.v1', 'candidates.ingest.v1']) {
      const deadLetters = mine(`${topic}.dlq`);
      expect(deadLetters.map((message) => message.value?.toString() ?? '')).toEqual(poison);
      for (const message of deadLetters) {
        expect(message.headers['dlq-original-topic']).toBe(topic);
        expect(message.headers['dlq-reason']).toMatch(/\S/);
        expect(message.headers['dlq-original-offset']).toMatch(/^\d+$/);
      }
    }
  });
});

describe('ingestion while the broker is down', () => {
  let broker: KafkaHandle;
  let platform: Platform;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    // A broker of this test's own, because the test stops and restarts it.
    broker = await ensureKafka({ own: true, port: await freePort() });
    platform = new Platform({}, { services: ['postings'], kafkaBrokers: broker.brokers });
    await platform.start();
    recorder = new TopicRecorder(broker.brokers, ['postings.v1']);
  }, 120_000);

  afterAll(async () => {
    await recorder?.stop();
    await platform?.stop();
    await broker?.stop();
  }, 60_000);

  it('accepts 100 postings over HTTP, and publishes all of them in per-aggregate order when the broker returns', async () => {
    const url = `${platform.url('postings')}/postings`;
    const organisationId = `org-${randomBytes(4).toString('hex')}`;
    await broker.suspend!();
    // The outage is real: the service reports itself not ready, yet keeps accepting.
    await expectEventually(async () => expect((await fetch(`${platform.url('postings')}/health/ready`)).status).toBe(503), {
      timeoutMs: 30_000,
    });

    const ids: string[] = [];
    for (let index = 0; index < 100; index++) {
      const created = await post(url, posting(organisationId, `outage-${index}`, `Posting ${index}`));
      expect(created.status).toBe(201);
      ids.push((created.body.posting as PostingData).id);
    }
    // Every tenth posting changes twice more: three versions whose order must survive the outage.
    for (const id of ids.filter((_, index) => index % 10 === 0)) {
      for (const title of ['Renamed once', 'Renamed twice']) {
        const response = await fetch(`${url}/${id}`, {
          method: 'PUT',
          headers: json,
          body: JSON.stringify({ title, requiredSkills: ['TypeScript'], preferredSkills: ['Kafka'] }),
        });
        expect(response.status).toBe(200);
      }
    }

    await broker.resume!();
    await recorder.start();
    const events = await expectEventually(
      () => {
        const received = recorder.json<Envelope<PostingData>>('postings.v1', (event) => event.data?.organisationId === organisationId);
        expect(received).toHaveLength(120);
        return received;
      },
      { timeoutMs: 90_000 },
    );
    expect(new Set(events.map((event) => event.data.id))).toEqual(new Set(ids));
    for (const id of ids) {
      // Recorded in partition order; one aggregate's events share a partition (keyed by id).
      const versions = events.filter((event) => event.data.id === id).map((event) => event.data.version);
      expect(versions).toEqual(ids.indexOf(id) % 10 === 0 ? [1, 2, 3] : [1]);
    }
  }, 180_000);
});
