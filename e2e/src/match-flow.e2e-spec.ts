import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@talent/contracts';
import { expectEventually, HttpRecorder, PrometheusServer, promtool, requireKafkaBrokers, TopicRecorder, type CollectedSpan } from '@talent/testing';
import { Platform, SERVICES } from './platform';

const SPAN_KIND = { producer: 4, consumer: 5 } as const;

/** The JSON log lines a service process wrote. */
function logLines(platform: Platform, service: (typeof SERVICES)[number]): Array<Record<string, unknown>> {
  const file = platform.processes.get(service)?.logFile;
  if (!file) throw new Error(`no log file for ${service}`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

interface MatchNotification {
  type: string;
  data: { matchId: string; postingId: string; candidateId: string; score: number; explanation: { summary: string } };
}

describe('a posting and a matching candidate, end to end', () => {
  const webhook = new HttpRecorder();
  const flowTopics = [Topics.postings, Topics.candidates, Topics.matches, Topics.notifications];
  const events = new TopicRecorder(requireKafkaBrokers(), flowTopics);
  let platform: Platform;

  beforeAll(async () => {
    await webhook.start();
    await events.start();
    platform = new Platform({ notifier: { NOTIFY_WEBHOOK_URL: `${webhook.url}/hooks/matches` } });
    await platform.start();
  });

  afterAll(async () => {
    await platform?.stop();
    await events.stop();
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

    // The ingest response names the trace, so a pipeline can look its record up.
    expect(postingResponse.headers.get('x-trace-id')).toBe(traceId);
    expect(postingResponse.headers.get('traceresponse')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const candidateResponse = await fetch(`${platform.url('candidates')}/candidates`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        organisationId: 'acme',
        name: 'Ada Example',
        contact: { email: 'ada.example@example.org', phone: '+44 20 7946 0958' },
        skills: [{ name: 'typescript' }, { name: 'kafka' }, { name: 'PostgreSQL', years: 4 }],
      }),
    });
    expect(candidateResponse.status).toBe(201);
    expect(candidateResponse.headers.get('x-trace-id')).toBe(traceId);
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
    // PostgreSQL, Go → 0.5 · 20 = 10; depth: no years stated for TypeScript or Kafka → 0 · 10 = 0.
    // (45 + 10 + 0) / 75 · 100 = 73.3.
    expect(notification.data.score).toBe(73.3);
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
    // and the notifier's consumer and webhook delivery.
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
    const byId = new Map(spans.map((found) => [found.spanId, found]));
    const isDescendant = (child: CollectedSpan, ancestor: CollectedSpan) => {
      for (let at = byId.get(child.parentSpanId ?? ''); at; at = byId.get(at.parentSpanId ?? '')) {
        if (at.spanId === ancestor.spanId) return true;
      }
      return false;
    };
    // Ingest → outbox relay: the relay publishes in the context stored with the row, as a
    // descendant of the request that wrote it, and Kafka's send span is the relay span's child.
    for (const [service, controller, topic] of [
      ['postings', 'PostingsController.create', 'postings.v1'],
      ['candidates', 'CandidatesController.create', 'candidates.v1'],
    ] as const) {
      expect(isDescendant(span(service, `outbox publish ${topic}`), span(service, controller))).toBe(true);
      expect(span(service, `send ${topic}`).parentSpanId).toBe(span(service, `outbox publish ${topic}`).spanId);
      expect(span('matcher', `process ${topic}`).parentSpanId).toBe(span(service, `send ${topic}`).spanId);
    }
    // Matcher → its outbox relay → notifier → webhook delivery. The match is emitted by whichever
    // of the two events the matcher processed last.
    expect(
      isDescendant(span('matcher', 'outbox publish matches.v1'), span('matcher', 'process candidates.v1')) ||
        isDescendant(span('matcher', 'outbox publish matches.v1'), span('matcher', 'process postings.v1')),
    ).toBe(true);
    expect(span('matcher', 'send matches.v1').parentSpanId).toBe(span('matcher', 'outbox publish matches.v1').spanId);
    expect(span('notifier', 'process matches.v1').parentSpanId).toBe(span('matcher', 'send matches.v1').spanId);
    expect(isDescendant(span('notifier', 'POST'), span('notifier', 'process matches.v1'))).toBe(true);
    expect(span('notifier', 'POST').attributes['url.full']).toBe(`${webhook.url}/hooks/matches`);
    // Four separate processes.
    expect(new Set(spans.map((found) => found.resource['process.pid'])).size).toBe(4);
    expect(new Set(spans.map((found) => found.service))).toEqual(new Set(SERVICES));

    // Messaging semantic conventions on the Kafka spans.
    for (const topic of ['postings.v1', 'candidates.v1', 'matches.v1']) {
      const send = spans.find((found) => found.name === `send ${topic}`);
      expect(send).toMatchObject({
        kind: SPAN_KIND.producer,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.operation.type': 'send' },
      });
    }
    expect(span('matcher', 'process candidates.v1')).toMatchObject({
      kind: SPAN_KIND.consumer,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': 'candidates.v1',
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': 'matcher',
        'messaging.kafka.message.key': candidate.id,
        'cloudevents.event_type': 'talentmatch.candidate.registered',
        'talentmatch.consume.outcome': 'processed',
      },
    });
    expect(span('notifier', 'process matches.v1').attributes['messaging.message.id']).toEqual(expect.any(String));
    expect(span('matcher', 'outbox publish matches.v1').attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'matches.v1',
      'messaging.kafka.message.key': notification.data.matchId,
    });

    // No personal data in span attributes, in any log line, in any event of the flow (keys, values
    // and headers), nor in what the recruiter was sent.
    const pii = ['Ada Example', 'ada.example@example.org', '7946 0958'];
    const flowEvents = await expectEventually(() => {
      const ids = [candidate.id, notification.data.matchId];
      const recorded = events.messages.filter((message) => ids.some((id) => message.value?.toString().includes(id)));
      expect(recorded.map((message) => message.topic)).toEqual(expect.arrayContaining(flowTopics.filter((topic) => topic !== Topics.postings)));
      return events.messages;
    });
    const eventText = JSON.stringify(flowEvents.map((message) => [message.key, message.value?.toString(), message.headers]));
    for (const value of pii) expect(eventText).not.toContain(value);
    for (const value of pii) expect(JSON.stringify(webhook.jsonBodies('/hooks/matches'))).not.toContain(value);
    const attributeText = JSON.stringify(spans.map((found) => found.attributes));
    for (const value of pii) expect(attributeText).not.toContain(value);
    for (const service of SERVICES) {
      const text = JSON.stringify(logLines(platform, service));
      for (const value of pii) expect(text).not.toContain(value);
    }

    // Logs join the trace: the delivery's log line carries the trace and span ids of its spans.
    const delivered = await expectEventually(() => {
      const line = logLines(platform, 'notifier').find(
        (entry) => entry.trace_id === traceId && String(entry.msg).startsWith(`delivered match ${notification.data.matchId}`),
      );
      if (!line) throw new Error('no delivery log line for the trace yet');
      return line;
    });
    expect(delivered).toMatchObject({ service: 'notifier', version: expect.any(String), level: 'info' });
    expect(spans.some((found) => found.spanId === delivered.span_id && found.service === 'notifier')).toBe(true);
    const ingestLine = logLines(platform, 'postings').find((entry) => entry.trace_id === traceId && entry.msg === 'request completed');
    expect(ingestLine).toMatchObject({ service: 'postings', req: { method: 'POST', url: '/postings' }, res: { statusCode: 201 } });
    // Probes are not logged.
    expect(logLines(platform, 'postings').some((entry) => String((entry.req as { url?: string } | undefined)?.url).startsWith('/health'))).toBe(false);
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
        // At least the first test's posting; open postings other test files left on the same
        // broker may match too (every matcher instance reads all postings from the beginning).
        expect(matches.length).toBeGreaterThanOrEqual(1);
      });
      // A client that sent no trace context gets the id of the trace the service started.
      const traceId = response.headers.get('x-trace-id') ?? '';
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      await expectEventually(() => {
        const names = platform.collector.spans().filter((span) => span.traceId === traceId).map((span) => `${span.service}: ${span.name}`);
        expect(names).toEqual(expect.arrayContaining(['candidates: CandidatesController.create', 'matcher: process candidates.v1']));
      });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it('exposes valid Prometheus metrics that a real Prometheus scrapes and queries', async () => {
    for (const service of SERVICES) {
      const response = await fetch(`${platform.url(service)}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const check = await promtool(['check', 'metrics'], await response.text());
      expect({ service, ...check }).toEqual({ service, code: 0, stdout: '', stderr: '' });
    }

    const prometheus = new PrometheusServer(
      join(__dirname, '..', '..', 'infra', 'prometheus', 'prometheus.yml'),
      Object.fromEntries(SERVICES.map((service) => [service, new URL(platform.url(service)).host])),
    );
    await prometheus.start();
    try {
      const value = async (expression: string) => {
        const [sample] = await prometheus.query(expression);
        return Number(sample?.value[1] ?? Number.NaN);
      };
      await expectEventually(async () => expect(await value('count(up == 1)')).toBe(4), { timeoutMs: 20_000, intervalMs: 500 });
      // Counters of the flows the tests above ran, as Prometheus sees them.
      const expectations: Array<[string, number]> = [
        ['sum(messages_consumed_total{topic="matches.v1", outcome="processed", job="notifier"})', 1],
        ['sum(messages_consumed_total{topic="candidates.v1", job="matcher"})', 2],
        ['sum(messages_produced_total{topic="matches.v1", job="matcher"})', 2],
        ['sum(dead_lettered_messages_total{topic="candidates.v1", reason="invalid", job="matcher"})', 1],
        ['sum(notifications_delivered_total{channel="webhook", outcome="delivered", job="notifier"})', 1],
        ['sum(match_notification_latency_seconds_count{channel="webhook"})', 1],
        ['sum(match_score_count{type="talentmatch.match.found"})', 2],
        ['sum(outbox_publish_delay_seconds_count{topic="postings.v1", job="postings"})', 1],
        ['sum(http_requests_total{job="postings", method="POST", route="/postings", status_code="201"})', 1],
        ['sum(message_processing_duration_seconds_count{job="matcher"})', 2],
      ];
      for (const [expression, atLeast] of expectations) {
        await expectEventually(
          async () => {
            const found = await value(expression);
            if (!(found >= atLeast)) throw new Error(`${expression} = ${found}, expected at least ${atLeast}`);
          },
          { timeoutMs: 10_000, intervalMs: 500 },
        );
      }
      // Gauges read at scrape time: caught up by now.
      expect(await value('max(outbox_backlog_messages)')).toBe(0);
      expect(await value('max(kafka_consumer_group_lag{group="notifier", topic="matches.v1"})')).toBe(0);
      // The alert rules load and evaluate against the real series: every one healthy once evaluated.
      await expectEventually(
        async () => {
          const rules = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as {
            data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> };
          };
          const all = rules.data.groups.flatMap((group) => group.rules);
          expect(all.length).toBeGreaterThan(10);
          expect(all.filter((rule) => rule.health !== 'ok').map(({ name, health, lastError }) => ({ name, health, lastError }))).toEqual([]);
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
    } finally {
      await prometheus.stop();
    }
  });
});
