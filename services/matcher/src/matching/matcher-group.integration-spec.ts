import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { parseEnv } from '@talent/config';
import { DeadLetterHeaders, deadLetterTopic, Topics } from '@talent/contracts';
import { ConsumerLagCollector } from '@talent/kafka';
import { consumerLag } from '@talent/observability';
import { dropDatabase } from '@talent/persistence';
import { expectEventually, requireKafkaBrokers, testDatabaseUrl, TopicRecorder } from '@talent/testing';
import { matcherEnvSchema } from '../config';
import { startMatcher } from '../service';

/**
 * With KAFKA_GROUP_ID set, the group the matcher consumes candidates in is the one its lag is
 * reported for and its dead letters name (and the postings group of the instance's own derives from
 * it): one source for the group id.
 */
describe('matcher with KAFKA_GROUP_ID: one consumer group id (real PostgreSQL and broker)', () => {
  const databaseUrl = testDatabaseUrl('matcher_group');
  const group = `matcher-group-${randomBytes(4).toString('hex')}`;
  const instance = 'group-test';
  let app: INestApplication;
  let recorder: TopicRecorder;
  let producer: Producer;

  beforeAll(async () => {
    const brokers = requireKafkaBrokers();
    const env = parseEnv(matcherEnvSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers,
      KAFKA_GROUP_ID: group,
      MATCHER_INSTANCE_ID: instance,
      PORT: '0',
      OUTBOX_POLL_INTERVAL_MS: '50',
      NODE_ENV: 'test',
      LOG_LEVEL: 'fatal',
    });
    recorder = new TopicRecorder(brokers, [deadLetterTopic(Topics.candidates), deadLetterTopic(Topics.postings)]);
    await recorder.start();
    app = await startMatcher(env);
    producer = new Kafka({ clientId: 'matcher-group-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await recorder?.stop();
    await app?.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  it('names KAFKA_GROUP_ID in the dead letters of candidates, and its postings group in those of postings', async () => {
    const candidateKey = `poison-${randomUUID()}`;
    const postingKey = `poison-${randomUUID()}`;
    await producer.send({ topic: Topics.candidates, messages: [{ key: candidateKey, value: 'not an event' }] });
    await producer.send({ topic: Topics.postings, messages: [{ key: postingKey, value: 'not an event' }] });
    const deadLetter = (topic: string, key: string) => recorder.of(deadLetterTopic(topic)).find((message) => message.key === key);
    await expectEventually(
      () => {
        expect(deadLetter(Topics.candidates, candidateKey)).toBeDefined();
        expect(deadLetter(Topics.postings, postingKey)).toBeDefined();
      },
      { timeoutMs: 120_000 },
    );
    expect(deadLetter(Topics.candidates, candidateKey)?.headers[DeadLetterHeaders.consumerGroup]).toBe(group);
    expect(deadLetter(Topics.postings, postingKey)?.headers[DeadLetterHeaders.consumerGroup]).toBe(`${group}.postings.${instance}`);
    expect(deadLetter(Topics.candidates, candidateKey)?.headers[DeadLetterHeaders.service]).toBe('matcher');
  });

  it('reports the lag of KAFKA_GROUP_ID on the candidates topic, the group that consumes it', async () => {
    await app.get(ConsumerLagCollector).collect();
    const { values } = await consumerLag.get();
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values.map(({ labels }) => labels.group))).toEqual(new Set([group]));
    expect(new Set(values.map(({ labels }) => labels.topic))).toEqual(new Set([Topics.candidates]));
  });
});
