import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer, type SASLOptions } from 'kafkajs';
import { ensureKafka, type KafkaHandle, type ScramUser } from '@talent/kafka-broker';
import { createAcls, ensureTopics, kafkaAccessPlan, type PlatformService } from '@talent/kafka';
import { expectEventually, TopicRecorder } from '@talent/testing';
import { freePort } from './free-port';
import { Platform } from './platform';

/**
 * The production set-up of Kafka: a broker that authenticates (SCRAM) and authorises (ACLs, nothing
 * allowed by default), each service with a principal of its own, and ingestion pipelines bound to
 * the organisations they may write. A payload's organisation is only as trustworthy as the rule
 * about who may write the topic it came from: this suite checks those rules on a real broker.
 */

const secret = (): string => randomBytes(12).toString('hex');
const user = (username: string): ScramUser => ({ username, password: secret() });
const scram = ({ username, password }: ScramUser): SASLOptions => ({ mechanism: 'scram-sha-512', username, password });

/** What kafkajs reports for TOPIC_AUTHORIZATION_FAILED (error code 29). */
const TOPIC_AUTHORIZATION_FAILED = /Not authorized to access topics: \[Topic authorization failed\]/;

interface Envelope {
  type: string;
  data: { organisationId?: string; externalId?: string | null };
}

describe('Kafka with SASL/SCRAM and ACLs', () => {
  const run = randomBytes(3).toString('hex');
  // Organisations: pipeline-a may write org-a1 and org-a2, pipeline-b org-b; nobody org-c.
  const org = { a1: `org-a1-${run}`, a2: `org-a2-${run}`, b: `org-b-${run}`, c: `org-c-${run}` };
  const admin = user('admin');
  const services: Record<PlatformService, ScramUser> = {
    postings: user('postings-service'),
    candidates: user('candidates-service'),
    matcher: user('matcher-service'),
    notifier: user('notifier-service'),
  };
  const pipelineA = user('pipeline-a');
  const pipelineB = user('pipeline-b');
  const ingestPrincipals = [
    { principal: pipelineA.username, organisations: [org.a1, org.a2] },
    { principal: pipelineB.username, organisations: [org.b] },
  ];
  const INGEST_PRINCIPALS = `${pipelineA.username}=${org.a1}|${org.a2};${pipelineB.username}=${org.b}`;

  let broker: KafkaHandle;
  let recorder: TopicRecorder;
  let platform: Platform;
  const producers: Producer[] = [];

  const producerAs = async (principal: ScramUser): Promise<Producer> => {
    const producer = new Kafka({
      clientId: `as-${principal.username}`,
      brokers: [broker.brokers],
      sasl: scram(principal),
      logLevel: logLevel.NOTHING,
      retry: { retries: 1 },
    }).producer();
    await producer.connect();
    producers.push(producer);
    return producer;
  };

  const serviceEnv = (service: PlatformService): Record<string, string> => ({
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: services[service].username,
    KAFKA_SASL_PASSWORD: services[service].password,
    INGEST_PRINCIPALS,
  });

  beforeAll(async () => {
    // A broker of its own (not the suites' shared plaintext one), on a port of its own.
    broker = await ensureKafka({
      own: true,
      port: await freePort(),
      sasl: { superUser: admin, users: [...Object.values(services), pipelineA, pipelineB] },
    });
    // What an operator does once per deployment, as the super user: create the topics and the ACLs.
    const plan = kafkaAccessPlan({
      principals: {
        postings: services.postings.username,
        candidates: services.candidates.username,
        matcher: services.matcher.username,
        notifier: services.notifier.username,
      },
      postingsIngest: ingestPrincipals,
      candidatesIngest: ingestPrincipals,
    });
    const operator = new Kafka({ clientId: 'operator', brokers: [broker.brokers], sasl: scram(admin), logLevel: logLevel.NOTHING });
    await ensureTopics(operator, plan.topics, { partitions: 2, replicationFactor: 1 });
    const operatorAdmin = operator.admin();
    await operatorAdmin.connect();
    await createAcls(operatorAdmin, plan.acls);
    await operatorAdmin.disconnect();

    recorder = new TopicRecorder(
      broker.brokers,
      ['postings.v1', 'candidates.v1', 'postings.ingest.v1.pipeline-a.dlq', 'candidates.ingest.v1.pipeline-a.dlq', 'postings.ingest.v1.pipeline-b.dlq'],
      scram(admin),
    );
    await recorder.start();
    platform = new Platform(
      { postings: serviceEnv('postings'), candidates: serviceEnv('candidates') },
      { services: ['postings', 'candidates'], kafkaBrokers: broker.brokers },
    );
    await platform.start();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
    await platform?.stop();
    await recorder?.stop();
    await broker?.stop();
  });

  it("refuses every service principal the other services' topics and the ingest topics, and lets it write its own", async () => {
    // What each service publishes, as the architecture says (docs/architecture.md).
    const output: Record<PlatformService, string> = { postings: 'postings.v1', candidates: 'candidates.v1', matcher: 'matches.v1', notifier: 'notifications.v1' };
    const ingest = ['postings.ingest.v1', 'candidates.ingest.v1', 'postings.ingest.v1.pipeline-a', 'candidates.ingest.v1.pipeline-b'];
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const service of Object.keys(output) as PlatformService[]) {
      const producer = await producerAs(services[service]);
      // Its own output topic it may write: the refusals are the ACLs', not a broken login.
      for (const topic of [output[service], ...Object.values(output).filter((other) => other !== output[service]), ...ingest]) {
        outcomes[`${service} → ${topic}`] = await attempt(producer, topic, '{}');
        expected[`${service} → ${topic}`] = topic === output[service] ? 'written' : 'refused';
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it("refuses an ingest principal everything but its own ingest topic: no forged match, no other principal's topic", async () => {
    const pipeline = await producerAs(pipelineA);
    const forgedMatch = JSON.stringify({ type: 'talentmatch.match.found', data: { organisationId: org.b } });
    const topics = ['matches.v1', 'notifications.v1', 'postings.v1', 'candidates.v1', 'postings.ingest.v1', 'candidates.ingest.v1', 'postings.ingest.v1.pipeline-b', 'candidates.ingest.v1.pipeline-b'];
    const outcomes = Object.fromEntries(await Promise.all(topics.map(async (topic) => [topic, await attempt(pipeline, topic, forgedMatch)] as const)));
    expect(outcomes).toEqual(Object.fromEntries(topics.map((topic) => [topic, 'refused'])));
  });

  it('stores every command of the organisations bound to the principal and dead-letters the others as forbidden, storing none of them', async () => {
    // The oracle is the input: which organisation each command names, and whom the principal is bound to.
    const postingCommand = (organisationId: string, externalId: string) => ({
      key: `${organisationId}/${externalId}`,
      value: envelope('talentmatch.posting.upsert', `${organisationId}/${externalId}`, {
        organisationId,
        externalId,
        title: `Engineer ${externalId}`,
        requiredSkills: ['TypeScript'],
      }),
    });
    const candidateCommand = (organisationId: string, externalId: string) => ({
      key: `${organisationId}/${externalId}`,
      value: envelope('talentmatch.candidate.upsert', `${organisationId}/${externalId}`, {
        organisationId,
        externalId,
        name: `Person ${externalId}`,
        skills: [{ name: 'TypeScript' }],
      }),
    });
    // pipeline-a writes for its two organisations and, interleaved, for one of pipeline-b's and one of nobody's.
    const plan = Array.from({ length: 60 }, (_, i) => ({ organisationId: [org.a1, org.a2, org.a1, org.b, org.a2, org.c][i % 6]!, externalId: `x-${i}` }));
    const allowed = plan.filter((command) => command.organisationId === org.a1 || command.organisationId === org.a2);
    const forbidden = plan.filter((command) => !allowed.includes(command));
    expect([allowed.length, forbidden.length]).toEqual([40, 20]);

    const pipeline = await producerAs(pipelineA);
    await pipeline.send({ topic: 'postings.ingest.v1.pipeline-a', messages: plan.map((command) => postingCommand(command.organisationId, command.externalId)) });
    await pipeline.send({ topic: 'candidates.ingest.v1.pipeline-a', messages: plan.map((command) => candidateCommand(command.organisationId, command.externalId)) });
    // pipeline-b's own organisation on its own topic is allowed too.
    const pipelineBProducer = await producerAs(pipelineB);
    await pipelineBProducer.send({ topic: 'postings.ingest.v1.pipeline-b', messages: [postingCommand(org.b, 'b-own')] });

    const ours = (topic: string) =>
      recorder.json<Envelope>(topic, (event) => Object.values(org).includes(event.data?.organisationId ?? ''));
    const deadLetters = (topic: string) => recorder.of(topic).filter((message) => Object.values(org).some((id) => message.key?.startsWith(`${id}/`)));
    await expectEventually(
      () => {
        expect(ours('postings.v1')).toHaveLength(allowed.length + 1);
        expect(ours('candidates.v1')).toHaveLength(allowed.length);
        expect(deadLetters('postings.ingest.v1.pipeline-a.dlq')).toHaveLength(forbidden.length);
        expect(deadLetters('candidates.ingest.v1.pipeline-a.dlq')).toHaveLength(forbidden.length);
      },
      { timeoutMs: 60_000 },
    );

    // Every allowed command is stored, once; nothing of the forbidden ones.
    const externalIds = (topic: string, organisationId: string) =>
      ours(topic).filter((event) => event.data.organisationId === organisationId).map((event) => event.data.externalId).sort();
    for (const topic of ['postings.v1', 'candidates.v1']) {
      for (const organisationId of [org.a1, org.a2]) {
        expect(externalIds(topic, organisationId)).toEqual(allowed.filter((command) => command.organisationId === organisationId).map((command) => command.externalId).sort());
      }
      expect(externalIds(topic, org.c)).toEqual([]);
    }
    expect(externalIds('postings.v1', org.b)).toEqual(['b-own']);
    expect(externalIds('candidates.v1', org.b)).toEqual([]);
    for (const [service, path] of [['postings', 'postings'], ['candidates', 'candidates']] as const) {
      for (const organisationId of [org.b, org.c]) {
        const response = await fetch(`${platform.url(service)}/${path}?organisationId=${organisationId}&limit=100`);
        const body = (await response.json()) as { items: Array<{ externalId: string | null }> };
        expect([response.status, body.items.map((item) => item.externalId)]).toEqual([200, organisationId === org.b && service === 'postings' ? ['b-own'] : []]);
      }
    }

    // The services' own rights suffice for their metrics too: the lag of their group on each principal's topic.
    for (const service of ['postings', 'candidates'] as const) {
      await expectEventually(async () => {
        const metrics = await (await fetch(`${platform.url(service)}/metrics`)).text();
        for (const principal of ['pipeline-a', 'pipeline-b']) {
          expect(metrics).toMatch(new RegExp(`^kafka_consumer_group_lag\\{group="${service}",topic="${service}\\.ingest\\.v1\\.${principal}",partition="0"[^}]*\\} 0$`, 'm'));
        }
      });
    }

    // Each forbidden command is dead-lettered with its original bytes and why.
    for (const topic of ['postings.ingest.v1.pipeline-a', 'candidates.ingest.v1.pipeline-a']) {
      const letters = deadLetters(`${topic}.dlq`);
      expect(letters.map((message) => message.key).sort()).toEqual(forbidden.map((command) => `${command.organisationId}/${command.externalId}`).sort());
      for (const message of letters) {
        const organisationId = message.key!.split('/')[0];
        expect(message.headers['dlq-reason']).toBe(`forbidden: organisation ${organisationId} is not bound to ingest principal pipeline-a`);
        expect(message.headers['dlq-original-topic']).toBe(topic);
        expect(JSON.parse(message.value!.toString()).data.organisationId).toBe(organisationId);
      }
    }
  });
});

/** `written`, `refused` (TOPIC_AUTHORIZATION_FAILED) or the error met instead. */
async function attempt(producer: Producer, topic: string, value: string): Promise<string> {
  try {
    await producer.send({ topic, messages: [{ key: 'acl-probe', value }] });
    return 'written';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return TOPIC_AUTHORIZATION_FAILED.test(message) ? 'refused' : message;
  }
}

function envelope(type: string, subject: string, data: Record<string, unknown>): string {
  return JSON.stringify({
    specversion: '1.0',
    id: randomUUID(),
    type,
    source: 'urn:test:pipeline',
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: `urn:talent-match:schema:${type}:1`,
    data,
  });
}
