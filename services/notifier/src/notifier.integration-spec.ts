import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { createEvent, MatchEventTypes, NotificationEventTypes, PostingEventTypes, Topics, type MatchEvent, type NotificationEvent } from '@talent/contracts';
import { matchId as matchIdOf } from '@talent/matching';
import { dropDatabase } from '@talent/persistence';
import { expectEventually, requireKafkaBrokers, testDatabaseUrl, TopicRecorder } from '@talent/testing';
import { DataSource } from 'typeorm';
import { auditOutboxRow } from './audit/audit-events';
import { DeliveryWorker } from './deliveries/delivery-worker';
import { OutcomeWriter, type DeliveryOutcome } from './deliveries/outcome-writer';
import { notifierEnvSchema } from './config';
import { Mailbox } from './testing/mailbox';
import { SignedReceiver } from './testing/signed-receiver';
import { scoreMatch } from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import { startNotifier } from './service';

const json = { 'content-type': 'application/json' };
/** A real explanation of the scoring model, with the summary the test wants to recognise. */
const explanation = (summary: string) => ({
  ...scoreMatch({ requiredSkills: ['TypeScript'], preferredSkills: ['Kafka', 'Go'] }, { skills: [{ name: 'TypeScript' }, { name: 'Kafka' }] }, defaultTaxonomy)
    .explanation,
  summary,
});

describe('notifier against the broker, PostgreSQL, a signature-checking receiver and an SMTP server', () => {
  const receiver = new SignedReceiver();
  const mailbox = new Mailbox();
  const databaseUrl = testDatabaseUrl('notifier');
  const organisationId = `org-${randomBytes(4).toString('hex')}`;
  let app: INestApplication;
  let baseUrl: string;
  let producer: Producer;
  let audit: TopicRecorder;

  beforeAll(async () => {
    const brokers = requireKafkaBrokers();
    await receiver.start();
    await mailbox.start();
    audit = new TopicRecorder(brokers, [Topics.notifications]);
    await audit.start();
    const env = notifierEnvSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers,
      OUTBOX_POLL_INTERVAL_MS: '50',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8,::1',
      NOTIFY_WEBHOOK_TIMEOUT_MS: '3000',
      DELIVERY_MAX_ATTEMPTS: '4',
      DELIVERY_RETRY_BASE_MS: '50',
      DELIVERY_RETRY_MAX_MS: '200',
      DELIVERY_POLL_INTERVAL_MS: '50',
      DELIVERY_PER_DESTINATION: '2', // fewer than the hang test's four calls, so the cap shows
      DIGEST_HOURLY_WINDOW_MS: '2500',
      DIGEST_POLL_INTERVAL_MS: '100',
      SMTP_URL: mailbox.url,
      SMTP_TIMEOUT_MS: '3000',
      NOTIFIER_PUBLIC_URL: 'http://notifier.test',
    });
    app = await startNotifier(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    producer = new Kafka({ clientId: 'notifier-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await receiver.stop(); // releases hanging calls before the app waits for its workers
    await app?.close();
    await audit?.stop();
    await mailbox.stop();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: json, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async function publishPosting(org = organisationId, title = 'Platform engineer'): Promise<string> {
    const id = randomUUID();
    const now = new Date().toISOString();
    const event = createEvent({
      topic: Topics.postings,
      type: PostingEventTypes.published,
      source: '/postings',
      subject: id,
      data: { id, organisationId: org, externalId: null, title, requiredSkills: ['TypeScript'], preferredSkills: ['Kafka'], status: 'open', version: 1, createdAt: now, updatedAt: now },
    });
    await producer.send({ topic: Topics.postings, messages: [{ key: id, value: JSON.stringify(event) }] });
    // The notifier knows the posting (title, organisation) before the test's match events arrive:
    // the two topics are consumed independently, and in one fetch either may come first.
    await expectEventually(async () => {
      const known = await app.get(DataSource).query<unknown[]>('SELECT 1 FROM notifier_postings WHERE id = $1', [id]);
      expect(known).toHaveLength(1);
    });
    return id;
  }

  function matchEvent(postingId: string, score: number, options: { version?: number; type?: MatchEvent['type']; candidateId?: string; org?: string; postingTitle?: string } = {}): MatchEvent {
    const candidateId = options.candidateId ?? randomUUID();
    const id = matchIdOf(postingId, candidateId);
    return createEvent({
      topic: Topics.matches,
      type: options.type ?? MatchEventTypes.found,
      source: '/matcher',
      subject: id,
      data: {
        matchId: id,
        postingId,
        candidateId,
        organisationId: options.org ?? organisationId,
        ...(options.postingTitle ? { postingTitle: options.postingTitle } : {}),
        version: options.version ?? 1,
        score,
        explanation: explanation(`score ${score}: 1 of 1 required skills`),
      },
    });
  }

  async function publish(...events: MatchEvent[]): Promise<void> {
    await producer.send({ topic: Topics.matches, messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })) });
  }

  async function recruiter(body: Record<string, unknown>): Promise<{ id: string }> {
    const response = await api<{ id: string }>('POST', '/recruiters', { organisationId, name: 'Rita Recruiter', ...body });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function subscribe(body: Record<string, unknown>): Promise<void> {
    const response = await api('POST', '/subscriptions', body);
    expect(response).toMatchObject({ status: 201 });
  }

  async function endpoint(recruiterId: string, path: string, behaviour?: (attempt: number) => number | 'hang'): Promise<string> {
    const response = await api<{ id: string; secret: string }>('POST', '/webhook-endpoints', { recruiterId, url: receiver.url(path) });
    expect(response.status).toBe(201);
    receiver.on(path, response.body.secret, behaviour);
    return response.body.id;
  }

  const auditOf = (deliveryId: string) => audit.json<NotificationEvent>(Topics.notifications, (event) => event.data.deliveryId === deliveryId);
  const bodies = (path: string) => receiver.at(path).map((entry) => JSON.parse(entry.body) as { type: string; data: Record<string, unknown> });

  it('instant: tells the owner above the threshold by signed webhook and e-mail, once; never another organisation', async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ email: 'owner@example.com', ownedPostingIds: [postingId] });
    await endpoint(owner.id, '/owner');
    await subscribe({ recruiterId: owner.id, minScore: 60, channels: ['webhook', 'email'] });
    // A colleague sees everything in the inbox: proof that the low score was processed.
    const colleague = await recruiter({ name: 'Colin Colleague' });
    await subscribe({ recruiterId: colleague.id, postingIds: [postingId], channels: ['inbox'] });
    // Another organisation's recruiter naming the same posting hears nothing.
    const outsider = await api<{ id: string }>('POST', '/recruiters', { organisationId: `${organisationId}-other`, name: 'Otto Outsider', email: 'otto@example.com' });
    await endpoint(outsider.body.id, '/outsider');
    await subscribe({ recruiterId: outsider.body.id, postingIds: [postingId], channels: ['webhook', 'email', 'inbox'] });

    const low = matchEvent(postingId, 40);
    const high = matchEvent(postingId, 85);
    await publish(low, high);

    const [call] = await expectEventually(() => {
      expect(receiver.at('/owner')).toHaveLength(1);
      return receiver.at('/owner');
    });
    expect(call!.verified).toBe(true);
    expect(JSON.parse(call!.body)).toMatchObject({ type: MatchEventTypes.found, data: { matchId: high.data.matchId, score: 85 } });

    const mail = await expectEventually(() => {
      const [found] = mailbox.to('owner@example.com');
      if (!found) throw new Error('no e-mail yet');
      return found;
    });
    expect(mail.subject).toBe('New match for "Platform engineer": score 85/100');
    expect(mail.text).toContain('with a score of 85/100');
    expect(mail.text).toContain('Why: score 85: 1 of 1 required skills');
    expect(mail.text).toContain('Missing preferred: Go');
    expect(mail.text).toContain(`http://notifier.test/recruiters/${owner.id}/inbox#match-${high.data.matchId}`);

    await expectEventually(async () => {
      const inbox = (await api<Array<{ matchId: string }>>('GET', `/notifications?recruiterId=${colleague.id}`)).body;
      expect(inbox.map((entry) => entry.matchId).sort()).toEqual([low.data.matchId, high.data.matchId].sort());
    });
    const ownerNotifications = (await api<Array<{ matchId: string; channel: string }>>('GET', `/notifications?recruiterId=${owner.id}`)).body;
    expect(ownerNotifications.map((entry) => `${entry.channel} ${entry.matchId}`).sort()).toEqual(
      [`email ${high.data.matchId}`, `webhook ${high.data.matchId}`].sort(),
    );
    expect(receiver.at('/outsider')).toHaveLength(0);
    expect(mailbox.to('otto@example.com')).toHaveLength(0);
    expect((await api<unknown[]>('GET', `/notifications?recruiterId=${outsider.body.id}`)).body).toEqual([]);
    expect(mailbox.to('owner@example.com')).toHaveLength(1);
  });

  it('redelivery of the same match event delivers once; the next version is delivered again, withdrawal included', async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ email: 'redelivery@example.com', ownedPostingIds: [postingId] });
    await endpoint(owner.id, '/redelivery');
    await subscribe({ recruiterId: owner.id, channels: ['webhook', 'email'] });

    const found = matchEvent(postingId, 90);
    await publish(found, found);
    await publish(found);
    // Same key, same partition: once the withdrawal arrives the duplicates were processed.
    const withdrawn = matchEvent(postingId, 90, { candidateId: found.data.candidateId, version: 2, type: MatchEventTypes.withdrawn });
    await publish(withdrawn);

    await expectEventually(() => expect(bodies('/redelivery').map((body) => body.type)).toEqual([MatchEventTypes.found, MatchEventTypes.withdrawn]));
    await expectEventually(() => expect(mailbox.to('redelivery@example.com').map((mail) => mail.subject)).toEqual([
      'New match for "Platform engineer": score 90/100',
      'Match withdrawn for "Platform engineer"',
    ]));
    const ids = receiver.at('/redelivery').map((entry) => entry.headers['webhook-id']);
    expect(new Set(ids).size).toBe(2);
  });

  it("names the posting by the title its match event carries, before the posting's own event has arrived", async () => {
    const postingId = randomUUID(); // never published on postings.v1: the notifier's directory does not know it
    const owner = await recruiter({ email: 'titled@example.com', ownedPostingIds: [postingId] });
    await endpoint(owner.id, '/titled');
    await subscribe({ recruiterId: owner.id, channels: ['webhook', 'email', 'inbox'] });
    const found = matchEvent(postingId, 85, { postingTitle: 'Site reliability engineer' });
    await publish(found);

    await expectEventually(() => expect(mailbox.to('titled@example.com').map((mail) => mail.subject)).toEqual(['New match for "Site reliability engineer": score 85/100']));
    await expectEventually(() => expect(bodies('/titled')).toHaveLength(1));
    expect(bodies('/titled')[0]?.data).toMatchObject({ matchId: found.data.matchId, postingTitle: 'Site reliability engineer' });
    const listed = await api<Array<{ channel: string; postingTitle: string | null }>>('GET', `/notifications?matchId=${found.data.matchId}`);
    expect(listed.body.map((notification) => notification.postingTitle)).toEqual(['Site reliability engineer', 'Site reliability engineer', 'Site reliability engineer']);
  });

  it('a match found and withdrawn within one fetch is told both; a withdrawal of a match never told is not told', async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ ownedPostingIds: [postingId] });
    await endpoint(owner.id, '/same-fetch');
    await subscribe({ recruiterId: owner.id, channels: ['webhook'] });
    const found = matchEvent(postingId, 80);
    const withdrawn = matchEvent(postingId, 80, { candidateId: found.data.candidateId, version: 2, type: MatchEventTypes.withdrawn });
    const neverTold = matchEvent(postingId, 80, { version: 2, type: MatchEventTypes.withdrawn });
    // One request, one key: one partition, in this order, so they are applied together (the
    // withdrawal finds the match told earlier in the same batch), and once the withdrawal has
    // been delivered the untold one before it has been handled too.
    await producer.send({
      topic: Topics.matches,
      messages: [neverTold, found, withdrawn].map((event) => ({ key: found.subject, value: JSON.stringify(event) })),
    });

    await expectEventually(() => expect(bodies('/same-fetch').map((body) => body.type)).toEqual([MatchEventTypes.found, MatchEventTypes.withdrawn]));
    expect(bodies('/same-fetch').every((body) => body.data.matchId === found.data.matchId)).toBe(true);
    expect((await api<unknown[]>('GET', `/notifications?matchId=${neverTold.data.matchId}`)).body).toEqual([]);
  });

  it("delivers one match's changes to an endpoint in order, the later ones waiting while the first is retried", async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ ownedPostingIds: [postingId] });
    await endpoint(owner.id, '/ordered', (attempt) => (attempt === 1 ? 503 : 200)); // the first call fails
    await subscribe({ recruiterId: owner.id, channels: ['webhook'] });
    const found = matchEvent(postingId, 70);
    const updated = matchEvent(postingId, 85, { candidateId: found.data.candidateId, version: 2, type: MatchEventTypes.updated });
    const withdrawn = matchEvent(postingId, 85, { candidateId: found.data.candidateId, version: 3, type: MatchEventTypes.withdrawn });
    await publish(found, updated, withdrawn); // one key, one request: one fetch, three deliveries queued together

    const calls = () => receiver.at('/ordered').map((entry) => {
      const body = JSON.parse(entry.body) as { type: string; data: { version: number } };
      return `${body.type} v${body.data.version}`;
    });
    await expectEventually(() => expect(calls()).toEqual([
      `${MatchEventTypes.found} v1`, // 503
      `${MatchEventTypes.found} v1`, // the retry, before anything later of this match
      `${MatchEventTypes.updated} v2`,
      `${MatchEventTypes.withdrawn} v3`,
    ]));
  });

  it('retries a failing endpoint with backoff until it answers, and logs every attempt', async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ ownedPostingIds: [postingId] });
    const endpointId = await endpoint(owner.id, '/flaky', (attempt) => (attempt <= 2 ? 503 : 200));
    await subscribe({ recruiterId: owner.id, channels: ['webhook'] });
    const event = matchEvent(postingId, 75);
    await publish(event);

    const [entry] = await expectEventually(async () => {
      const log = (await api<Array<{ id: string; status: string; attempts: number; attemptLog: Array<{ outcome: string; statusCode: number }> }>>('GET', `/webhook-endpoints/${endpointId}/deliveries`)).body;
      expect(log[0]?.status).toBe('delivered');
      return log;
    });
    expect(entry!.attempts).toBe(3);
    expect(entry!.attemptLog.map((attempt) => `${attempt.outcome} ${attempt.statusCode}`)).toEqual(['failed 503', 'failed 503', 'delivered 200']);
    const calls = receiver.at('/flaky');
    expect(calls.every((call) => call.verified)).toBe(true);
    expect(new Set(calls.map((call) => call.headers['webhook-id']))).toEqual(new Set([entry!.id]));
    expect(calls[2]!.receivedAt - calls[1]!.receivedAt).toBeGreaterThanOrEqual(50); // backoff, not a tight loop
    await expectEventually(() =>
      expect(auditOf(entry!.id).map((event) => event.type)).toEqual([
        'talentmatch.notification.failed',
        'talentmatch.notification.failed',
        'talentmatch.notification.delivered',
      ]),
    );
  });

  it('dead-letters a delivery after the last attempt', async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ ownedPostingIds: [postingId] });
    const endpointId = await endpoint(owner.id, '/down', () => 500);
    await subscribe({ recruiterId: owner.id, channels: ['webhook'] });
    await publish(matchEvent(postingId, 70));

    const [entry] = await expectEventually(async () => {
      const log = (await api<Array<{ id: string; status: string; attempts: number; lastError: string }>>('GET', `/webhook-endpoints/${endpointId}/deliveries?status=dead_lettered`)).body;
      expect(log).toHaveLength(1);
      return log;
    });
    expect(entry).toMatchObject({ attempts: 4, lastError: 'HTTP 500' });
    expect(receiver.at('/down')).toHaveLength(4);
    const [notification] = (await api<Array<{ status: string }>>('GET', `/notifications?recruiterId=${owner.id}`)).body;
    expect(notification?.status).toBe('dead_lettered');
    await expectEventually(() => {
      const events = auditOf(entry!.id);
      expect(events.map((event) => event.type)).toEqual([...Array(3).fill('talentmatch.notification.failed'), 'talentmatch.notification.dead_lettered']);
      expect(events.at(-1)?.data).toMatchObject({ organisationId, recruiterId: owner.id, endpointId, attempts: 4, statusCode: 500 });
    });
  });

  it('keeps delivering promptly to one endpoint while another hangs', async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ ownedPostingIds: [postingId] });
    await endpoint(owner.id, '/hang', () => 'hang');
    await endpoint(owner.id, '/prompt');
    await subscribe({ recruiterId: owner.id, channels: ['webhook'] });
    const started = Date.now();
    await publish(matchEvent(postingId, 80), matchEvent(postingId, 81), matchEvent(postingId, 82), matchEvent(postingId, 83));

    await expectEventually(() => expect(receiver.at('/prompt')).toHaveLength(4), { timeoutMs: 10_000 });
    const last = Math.max(...receiver.at('/prompt').map((call) => call.receivedAt));
    // All four arrived while the hanging endpoint still held its calls open (timeout: 3 s).
    expect(receiver.openCalls).toBeGreaterThan(0);
    // The hanging endpoint was called (the bound below says something), and held at most
    // DELIVERY_PER_DESTINATION (2 here) calls in flight.
    expect(receiver.at('/hang').length).toBeGreaterThanOrEqual(1);
    expect(receiver.at('/hang').length).toBeLessThanOrEqual(2);
    expect(last - started).toBeLessThan(3_000);
  });

  it('digest: gathers the window’s matches into one e-mail and one webhook call', async () => {
    const postingId = await publishPosting(organisationId, 'Data engineer');
    const owner = await recruiter({ email: 'digest@example.com', ownedPostingIds: [postingId] });
    await endpoint(owner.id, '/digest');
    await subscribe({ recruiterId: owner.id, minScore: 50, channels: ['email', 'webhook'], mode: 'digest', digestWindow: 'hourly' });
    const events = [matchEvent(postingId, 91), matchEvent(postingId, 72), matchEvent(postingId, 30), matchEvent(postingId, 64)];
    await publish(...events);

    await expectEventually(async () => {
      const pending = (await api<Array<{ status: string }>>('GET', `/notifications?recruiterId=${owner.id}`)).body;
      expect(pending.map((entry) => entry.status)).toEqual(Array(6).fill('digest'));
    });
    expect(receiver.at('/digest')).toHaveLength(0);

    const mail = await expectEventually(() => {
      const [found] = mailbox.to('digest@example.com');
      if (!found) throw new Error('no digest yet');
      return found;
    }, { timeoutMs: 15_000 });
    expect(mail.subject).toBe('Your hourly digest: 3 matches');
    for (const score of [91, 72, 64]) expect(mail.text).toContain(`score ${score}/100`);
    expect(mail.text).not.toContain('score 30/100');
    const [call] = await expectEventually(() => {
      expect(receiver.at('/digest')).toHaveLength(1);
      return receiver.at('/digest');
    });
    expect(call!.verified).toBe(true);
    const digest = JSON.parse(call!.body) as { type: string; data: { matches: Array<{ score: number; postingTitle: string }> } };
    expect(digest.type).toBe('talentmatch.match.digest');
    expect(digest.data.matches.map((match) => match.score).sort()).toEqual([64, 72, 91]);
    expect(digest.data.matches[0]?.postingTitle).toBe('Data engineer');
    expect(mailbox.to('digest@example.com')).toHaveLength(1);
  });

  it('streams inbox notifications to the recruiter over Server-Sent Events', async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ ownedPostingIds: [postingId] });
    await subscribe({ recruiterId: owner.id, channels: ['inbox'] });
    const missing = await fetch(`${baseUrl}/recruiters/${randomUUID()}/inbox/events`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');

    const abort = new AbortController();
    const response = await fetch(`${baseUrl}/recruiters/${owner.id}/inbox/events`, { signal: abort.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const event = matchEvent(postingId, 88);
    await publish(event);
    let text = '';
    const deadline = Date.now() + 15_000;
    while (!/event: notification\ndata: .*\n\n/.test(text) && Date.now() < deadline) {
      const { value, done } = (await reader.read()) as { value?: Uint8Array; done: boolean };
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    abort.abort();
    const data = JSON.parse(/event: notification\ndata: (.*)\n/.exec(text)?.[1] ?? 'null') as {
      matchId: string;
      score: number;
      postingTitle: string;
      explanation: { summary: string; lists: Array<{ label: string; items: string[] }> };
    };
    expect(data).toMatchObject({ matchId: event.data.matchId, score: 88, postingTitle: 'Platform engineer' });
    expect(data.explanation.summary).toBe('score 88: 1 of 1 required skills');
    expect(data.explanation.lists).toContainEqual({ label: 'Matched required', items: ['TypeScript'] });
  });

  it('refuses webhook URLs that lead to private, loopback or link-local addresses', async () => {
    const owner = await recruiter({});
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.7/hook', 'http://[::ffff:192.168.0.1]/hook', 'http://[fe80::1]/hook']) {
      const response = await api<{ status: number; 'invalid-params': Array<{ name: string; reason: string }> }>('POST', '/webhook-endpoints', { recruiterId: owner.id, url });
      expect(response.status).toBe(400);
      expect(response.body['invalid-params'][0]).toMatchObject({ name: 'url', reason: expect.stringContaining('private, loopback or link-local') });
    }
    // Loopback is allow-listed in this configuration.
    expect((await api('POST', '/webhook-endpoints', { recruiterId: owner.id, url: receiver.url('/allowed') })).status).toBe(201);
    expect((await api<{ id: string }[]>('GET', `/webhook-endpoints?recruiterId=${owner.id}`)).body).toHaveLength(1);
  });

  it('validates subscriptions and answers problem details', async () => {
    const owner = await recruiter({});
    const digestWithoutWindow = await api<{ 'invalid-params': Array<{ name: string }> }>('POST', '/subscriptions', { recruiterId: owner.id, channels: ['inbox'], mode: 'digest' });
    expect(digestWithoutWindow.status).toBe(400);
    expect(digestWithoutWindow.body['invalid-params'].map((param) => param.name)).toEqual(['digestWindow']);
    const emailWithoutAddress = await api<{ detail: string }>('POST', '/subscriptions', { recruiterId: owner.id, channels: ['email'] });
    expect(emailWithoutAddress).toMatchObject({ status: 400, body: { detail: 'channels: the recruiter has no e-mail address' } });
    expect((await api('POST', '/subscriptions', { recruiterId: randomUUID(), channels: ['inbox'] })).status).toBe(404);
  });
  it('writes delivery outcomes that arrive together in one statement, and none whose lease was lost', async () => {
    const dataSource = app.get(DataSource);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const matchId = randomUUID();
    await dataSource.query(
      `INSERT INTO deliveries (id, channel, mode, destination, match_ids, payload, status, attempts, locked_until)
       SELECT id, 'webhook', 'instant', 'http://127.0.0.1:9/none', ARRAY[$2::uuid], '{}', 'delivering', 1, now() + interval '1 hour'
         FROM unnest($1::uuid[]) AS id`,
      [ids, matchId],
    );
    const outcome = (id: string, attempt: number): DeliveryOutcome => ({
      id, attempt, status: 'delivered', nextAttemptAt: null, statusCode: 204, error: null, startedAt: new Date(), durationMs: 3,
      outcome: 'delivered', notificationStatus: 'delivered',
      audit: auditOutboxRow(NotificationEventTypes.delivered, {
        deliveryId: id, channel: 'webhook', mode: 'instant', organisationId, recruiterId: null, endpointId: null,
        matchIds: [matchId], attempts: attempt, statusCode: 204, error: null, nextAttemptAt: null,
      }),
    });
    const writer = new OutcomeWriter(dataSource);
    const query = jest.spyOn(dataSource, 'query');
    try {
      // The first goes alone; the two that arrive while it is written go together. The third
      // names attempt 2 of a row at attempt 1: its lease was lost, so it must change nothing.
      await Promise.all([writer.write(outcome(ids[0]!, 1)), writer.write(outcome(ids[1]!, 1)), writer.write(outcome(ids[2]!, 2))]);
      // (The application's own worker writes outcomes through the same data source meanwhile.)
      const ours = query.mock.calls.filter(([sql, parameters]) => sql.includes('INSERT INTO delivery_attempts') && ids.some((id) => JSON.stringify(parameters).includes(id)));
      expect(ours).toHaveLength(2);
    } finally {
      query.mockRestore();
    }
    const rows = await dataSource.query<Array<{ id: string; status: string }>>('SELECT id, status FROM deliveries WHERE id = ANY($1::uuid[])', [ids]);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({ [ids[0]!]: 'delivered', [ids[1]!]: 'delivered', [ids[2]!]: 'delivering' });
    const attempts = await dataSource.query<Array<{ delivery_id: string }>>('SELECT delivery_id FROM delivery_attempts WHERE delivery_id = ANY($1::uuid[])', [ids]);
    expect(attempts.map((row) => row.delivery_id).sort()).toEqual([ids[0], ids[1]].sort());
    const audits = await dataSource.query<Array<{ message_key: string }>>('SELECT message_key FROM outbox WHERE message_key = ANY($1::text[])', [ids]);
    expect(audits.map((row) => row.message_key).sort()).toEqual([ids[0], ids[1]].sort());
  });

  it('on shutdown returns the deliveries it claimed but never started, untouched', async () => {
    const postingId = await publishPosting();
    const owner = await recruiter({ ownedPostingIds: [postingId] });
    const endpointId = await endpoint(owner.id, '/held', () => 'hang');
    await subscribe({ recruiterId: owner.id, channels: ['webhook'] });
    await publish(...Array.from({ length: 5 }, () => matchEvent(postingId, 80)));
    const dataSource = app.get(DataSource);
    const byStatus = async () =>
      (
        await dataSource.query<Array<{ status: string; attempts: number; n: number }>>(
          'SELECT status, attempts, count(*)::int AS n FROM deliveries WHERE endpoint_id = $1 GROUP BY 1, 2 ORDER BY 1, 2',
          [endpointId],
        )
      ).map((row) => `${row.status}/${row.attempts}: ${row.n}`);
    // DELIVERY_PER_DESTINATION is 2: two calls hang, two more rows are held ready, one is left.
    await expectEventually(async () => expect(await byStatus()).toEqual(['delivering/1: 4', 'pending/0: 1']));
    expect(receiver.at('/held')).toHaveLength(2);
    const worker = app.get(DeliveryWorker);
    await worker.stop(); // waits for the two hanging calls to time out (3 s)
    try {
      // The timed-out calls are failed attempts due again later; the held rows are as if never claimed.
      expect(await byStatus()).toEqual(['pending/0: 3', 'pending/1: 2']);
    } finally {
      await dataSource.query(`UPDATE deliveries SET status = 'dead_lettered', dead_lettered_at = now() WHERE endpoint_id = $1`, [endpointId]);
      worker.onApplicationBootstrap();
    }
  });
});
