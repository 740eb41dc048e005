import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { parseEnv } from '@talent/config';
import { postingEventSchema, PostingEventTypes, Topics, type PostingEvent, type PostingState } from '@talent/contracts';
import { dropDatabase } from '@talent/persistence';
import { expectEventually, requireKafkaBrokers, testDatabaseUrl } from '@talent/testing';
import { postingsEnvSchema } from '../config';
import { startPostings } from '../service';

/** A posting as it is pasted from a job board: one line, no line breaks. */
const SINGLE_LINE =
  'Senior Go Engineer – Kontor Pay, Hamburg. We process card payments for 20,000 merchants. ' +
  'Requirements: 5+ years of Go, PostgreSQL and Docker; at least one of Kafka or RabbitMQ. ' +
  'Nice to have: Terraform, Redis. Location: Hamburg, Germany (hybrid). Full-time.';

describe('POST /postings with a free-text description (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('postings_text');
  let app: INestApplication;
  let baseUrl: string;
  let consumer: Consumer;
  const events: PostingEvent[] = [];

  beforeAll(async () => {
    const env = parseEnv(postingsEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: requireKafkaBrokers(),
      PORT: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
    });
    app = await startPostings(env);
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const kafka = new Kafka({ clientId: 'postings-text-spec', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `postings-text-spec-${randomBytes(4).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.postings, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        // Other suites put poison on the shared topic (to see it dead-lettered): only events are kept.
        let value: unknown;
        try {
          value = JSON.parse(message.value?.toString() ?? 'null');
        } catch {
          return Promise.resolve();
        }
        const parsed = postingEventSchema.safeParse(value);
        if (parsed.success) events.push(parsed.data);
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  const postText = (text: string, query = 'organisationId=kontor') =>
    fetch(`${baseUrl}/postings?${query}`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });

  it('stores a single-line text/plain posting, answers with what was extracted, and publishes it', async () => {
    const response = await postText(SINGLE_LINE, 'organisationId=kontor&externalId=go-2026-17');
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      outcome: string;
      posting: PostingState;
      extracted: { sections: Array<{ kind: string; heading: string }>; warnings: string[] };
    };
    expect(body.outcome).toBe('created');
    expect(body.posting).toMatchObject({
      organisationId: 'kontor',
      externalId: 'go-2026-17',
      title: 'Senior Go Engineer',
      description: SINGLE_LINE,
      requiredSkills: ['Go', 'PostgreSQL', 'Docker', { anyOf: ['Apache Kafka', 'RabbitMQ'] }],
      preferredSkills: ['Terraform', 'Redis'],
      experienceYears: { min: 5 },
      workplace: 'hybrid',
      location: { city: 'Hamburg', country: 'Germany' },
      employmentType: 'full-time',
      status: 'open',
      version: 1,
    });
    expect(body.extracted.sections.map((section) => `${section.kind}: ${section.heading}`)).toEqual([
      'required: Requirements',
      'preferred: Nice to have',
      'location: Location',
    ]);
    expect(body.extracted.warnings).toEqual([]);

    const stored = (await (await fetch(`${baseUrl}/postings/${body.posting.id}`)).json()) as PostingState;
    expect(stored).toEqual(body.posting);

    const event = await expectEventually(() => {
      const found = events.find((candidate) => candidate.subject === body.posting.id);
      if (!found) throw new Error('no postings.v1 event yet');
      return found;
    });
    expect(event.type).toBe(PostingEventTypes.published);
    expect(event.data).toEqual(body.posting);
  });

  it('reads a JSON description when no requiredSkills are given; given fields win', async () => {
    const response = await fetch(`${baseUrl}/postings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisationId: 'kontor',
        title: 'Payments engineer',
        workplace: 'remote',
        description: 'Requirements:\n- 3–5 years of Python\n- Django or FastAPI\n\nNice to have:\n- Kubernetes',
      }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { posting: PostingState; extracted: { title?: string; workplace?: string } };
    expect(body.posting).toMatchObject({
      title: 'Payments engineer',
      workplace: 'remote',
      requiredSkills: ['Python', { anyOf: ['Django', 'FastAPI'] }],
      preferredSkills: ['Kubernetes'],
      experienceYears: { min: 3, max: 5 },
    });
  });

  it('stores and publishes a public posting; a posting is its organisation\'s only unless said so', async () => {
    const create = (fields: Record<string, unknown>) =>
      fetch(`${baseUrl}/postings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organisationId: 'kontor', title: 'Board engineer', requiredSkills: ['Go'], ...fields }),
      });
    const open = (await (await create({ visibility: 'public' })).json()) as { posting: PostingState };
    const own = (await (await create({})).json()) as { posting: PostingState };
    expect(open.posting.visibility).toBe('public');
    expect(own.posting.visibility).toBeUndefined();
    const published = await expectEventually(() => {
      const found = events.find((candidate) => candidate.subject === open.posting.id);
      if (!found) throw new Error('no postings.v1 event yet');
      return found;
    });
    expect(published.data.visibility).toBe('public');
    expect((await create({ visibility: 'everyone' })).status).toBe(400);
  });

  it('answers 422 when no required skill can be read', async () => {
    const response = await postText('Office manager. You keep our Hamburg office running and organise our team events.');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { status: number; detail: string };
    expect(problem.status).toBe(422);
    expect(problem.detail).toMatch(/^no required skill could be read from the description/);
  });

  it('answers 413 for a text/plain body over 64 KiB, and 400 without an organisation', async () => {
    const tooLarge = await postText(`Go engineer. Requirements: Go. ${'x'.repeat(64 * 1024)}`);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { detail: string }).detail).toBe('a text/plain posting may be at most 65536 bytes');

    const anonymous = await postText(SINGLE_LINE, '');
    expect(anonymous.status).toBe(400);
    expect(((await anonymous.json()) as { 'invalid-params': Array<{ name: string }> })['invalid-params'][0]?.name).toBe('organisationId');
  });

  it('documents both content types in /openapi.json', async () => {
    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, { post?: { requestBody?: { content?: Record<string, unknown> } } }>;
    };
    expect(Object.keys(document.paths['/postings']?.post?.requestBody?.content ?? {}).sort()).toEqual(['application/json', 'text/plain']);
  });
});
