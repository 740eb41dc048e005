import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { expectEventually, HttpRecorder, requireKafkaBrokers } from '@talent/testing';
import { Platform } from './platform';

interface MatchNotification {
  type: string;
  data: { matchId: string; postingId: string; candidateId: string; score: number; explanation: { summary: string } };
}

describe('a posting and a matching candidate, end to end', () => {
  const webhook = new HttpRecorder();
  let platform: Platform;

  beforeAll(async () => {
    await webhook.start();
    platform = new Platform({ notifier: { NOTIFY_WEBHOOK_URL: `${webhook.url}/hooks/matches` } });
    await platform.start();
  });

  afterAll(async () => {
    await platform?.stop();
    await webhook.stop();
  });

  it('notifies the recruiter, and one trace covers all four services', async () => {
    // The ingesting client traces its own work: both requests carry its trace context.
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const headers = { 'content-type': 'application/json', traceparent };

    const postingResponse = await fetch(`${platform.url('postings')}/postings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        organisationId: 'acme',
        title: 'Platform engineer',
        requiredSkills: ['TypeScript', 'Kafka'],
        preferredSkills: ['PostgreSQL', 'Go'],
      }),
    });
    expect(postingResponse.status).toBe(201);
    const posting = ((await postingResponse.json()) as { posting: { id: string } }).posting;

    const candidateResponse = await fetch(`${platform.url('candidates')}/candidates`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        organisationId: 'acme',
        name: 'Ada Example',
        skills: [{ name: 'typescript' }, { name: 'kafka' }, { name: 'PostgreSQL', years: 4 }],
      }),
    });
    expect(candidateResponse.status).toBe(201);
    const candidate = ((await candidateResponse.json()) as { candidate: { id: string } }).candidate;

    const notification = await expectEventually(() => {
      const found = webhook
        .jsonBodies<MatchNotification>('/hooks/matches')
        .find((body) => body.data.postingId === posting.id && body.data.candidateId === candidate.id);
      if (!found) throw new Error('no notification yet');
      return found;
    });
    expect(notification.type).toBe('talentmatch.match.found');
    // Scoring model (libs/scoring/README.md): only required (45), preferred (20) and depth (10) are
    // asked, so they share the 100 points: required 2 of 2 → 45; preferred PostgreSQL of
    // PostgreSQL, Go → 0.5 · 20 = 10; depth: no years stated for TypeScript or Kafka → 0.5 · 10 = 5.
    // (45 + 10 + 5) / 75 · 100 = 80.
    expect(notification.data.score).toBe(80);
    expect(notification.data.explanation.summary).toBe('2 of 2 required skills; 1 of 2 preferred skills');

    const stored = await expectEventually(async () => {
      const response = await fetch(`${platform.url('notifier')}/notifications?postingId=${posting.id}`);
      const rows = (await response.json()) as Array<{ status: string; matchId: string }>;
      if (rows[0]?.status !== 'delivered') throw new Error(`notification not delivered yet: ${JSON.stringify(rows)}`);
      return rows;
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.matchId).toBe(notification.data.matchId);

    // One trace, four processes: the ingest requests, the outbox relays, the matcher's consumer
    // and the notifier's consumer and webhook call.
    const spans = await expectEventually(() => {
      const inTrace = platform.collector.spans().filter((span) => span.traceId === traceId);
      expect(inTrace.map((span) => `${span.service}: ${span.name}`)).toEqual(
        expect.arrayContaining([
          'postings: PostingsController.create',
          'postings: outbox publish postings.v1',
          'postings: send postings.v1',
          'candidates: CandidatesController.create',
          'candidates: outbox publish candidates.v1',
          'candidates: send candidates.v1',
          'matcher: process candidates.v1',
          'matcher: outbox publish matches.v1',
          'matcher: send matches.v1',
          'notifier: process matches.v1',
          'notifier: POST',
        ]),
      );
      return inTrace;
    });
    // The hops are parent/child relations carried in Kafka headers, not coincidences of ids.
    const span = (service: string, name: string) => {
      const found = spans.find((candidate) => candidate.service === service && candidate.name === name);
      if (!found) throw new Error(`no span ${service}: ${name}`);
      return found;
    };
    expect(span('matcher', 'process candidates.v1').parentSpanId).toBe(span('candidates', 'send candidates.v1').spanId);
    expect(span('candidates', 'send candidates.v1').parentSpanId).toBe(span('candidates', 'outbox publish candidates.v1').spanId);
    expect(span('notifier', 'process matches.v1').parentSpanId).toBe(span('matcher', 'send matches.v1').spanId);
    expect(span('notifier', 'POST').attributes['url.full']).toBe(`${webhook.url}/hooks/matches`);
  });

  it('dead-letters a malformed event with the reason, and keeps consuming', async () => {
    const kafka = new Kafka({ clientId: 'e2e-poison', brokers: requireKafkaBrokers().split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `e2e-dlq-${randomBytes(4).toString('hex')}` });
    await producer.connect();
    await consumer.connect();
    const marker = randomBytes(8).toString('hex');
    const deadLetters: Array<{ value: string; headers: Record<string, string> }> = [];
    try {
      await consumer.subscribe({ topic: 'candidates.v1.dlq', fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([key, value]) => [key, String(value)]));
          deadLetters.push({ value: message.value?.toString() ?? '', headers });
          return Promise.resolve();
        },
      });
      await producer.send({ topic: 'candidates.v1', messages: [{ key: marker, value: `{"not": "an event", "marker": "${marker}"}` }] });

      const deadLetter = await expectEventually(() => {
        const found = deadLetters.find((message) => message.value.includes(marker));
        if (!found) throw new Error('not dead-lettered yet');
        return found;
      });
      expect(deadLetter.headers['dlq-reason']).toMatch(/^invalid event: .*type/);
      expect(deadLetter.headers).toMatchObject({
        'dlq-original-topic': 'candidates.v1',
        'dlq-consumer-group': 'matcher',
        'dlq-service': 'matcher',
      });

      // The consumer carried on: a valid candidate is still processed afterwards.
      const response = await fetch(`${platform.url('candidates')}/candidates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organisationId: 'acme', name: 'Grace Example', skills: [{ name: 'TypeScript' }, { name: 'Kafka' }] }),
      });
      const candidate = ((await response.json()) as { candidate: { id: string } }).candidate;
      await expectEventually(async () => {
        const matches = (await (await fetch(`${platform.url('matcher')}/matches?candidateId=${candidate.id}`)).json()) as unknown[];
        expect(matches).toHaveLength(1);
      });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });
});
