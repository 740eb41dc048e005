import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, type Admin, type Message, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { createEvent, deadLetterTopic, PostingCommandTypes, CandidateCommandTypes, Topics, type CandidateUpsert, type PostingUpsert } from '@talent/contracts';
import { ensureKafka, type KafkaHandle } from '@talent/kafka-broker';
import { dropDatabase } from '@talent/persistence';
import { expectEventually, ServiceProcess, testDatabaseUrl, TopicRecorder } from '@talent/testing';
import { freePort } from '../src/free-port';
import { entryOf, SERVICES, type ServiceName } from '../src/platform';
import { repoRoot } from '../src/repo-root';
import type { Chunk, DataSet } from './data-set';
import { DatabaseProxy } from './database-proxy';

/** Every topic a service consumes: where poison can arrive, and whose `.dlq` a scenario checks. */
export const CONSUMED_TOPICS = [Topics.postingsIngest, Topics.candidatesIngest, Topics.postings, Topics.candidates, Topics.matches] as const;

/**
 * The matcher's instance id (fixed, so a restart keeps its groups): instance 1 is `faults`, the
 * n-th of several `faults-n` (each instance reads every posting with a group of its own).
 */
export const MATCHER_INSTANCE_ID = 'faults';
export const matcherInstanceId = (instance: number): string => (instance === 1 ? MATCHER_INSTANCE_ID : `${MATCHER_INSTANCE_ID}-${instance}`);

/** Consumer groups and the topics they read, with `instances` instances of each service. */
export function consumerGroups(instances = 1): Array<{ groupId: string; topic: string }> {
  return [
    { groupId: 'postings', topic: Topics.postingsIngest },
    { groupId: 'candidates', topic: Topics.candidatesIngest },
    { groupId: 'matcher', topic: Topics.candidates },
    ...Array.from({ length: instances }, (_, index) => ({ groupId: `matcher.postings.${matcherInstanceId(index + 1)}`, topic: Topics.postings })),
    { groupId: 'notifier', topic: Topics.matches },
    { groupId: 'notifier', topic: Topics.postings },
  ];
}

/** Start-up can be slow on a shared, busy machine (migrations, topic creation, group joins). */
export const READY_TIMEOUT_MS = 180_000;
/** The notifier's calls in flight to one endpoint (its default): bounds what a kill sends again. */
export const DELIVERY_PER_DESTINATION = 32;

export const WEBHOOK_SECRET = `whsec_${Buffer.from('fault-suite-signing-key-0123456789').toString('base64')}`;

export interface FaultPlatformOptions {
  scenario: string;
  webhookUrl: string;
  /** Extra environment per service (e.g. the notifier's delivery settings). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** The services reach PostgreSQL through `databaseProxy`, which can take the database away. */
  databaseProxy?: boolean;
  /**
   * Processes per service (default 1), each on its own port, with the same database and consumer
   * groups (the matcher's per-instance id differs: `matcherInstanceId`). With more than one, the
   * n-th is named and logged as `<service>-<n>`.
   */
  instances?: number;
  /** Where the services' logs go (default tmp/fault-logs/<scenario>). */
  logDir?: string;
}

/**
 * A broker of its own (scenarios stop it, and each starts from empty topics and groups), the four
 * services as processes on fresh databases, and a recorder of the topics whose contents the
 * scenario checks. Services can be killed, stopped and started again on the same port and database.
 */
export class FaultPlatform {
  broker!: KafkaHandle;
  admin!: Admin;
  producer!: Producer;
  recorder!: TopicRecorder;
  /** The first instance of each service. */
  readonly processes = new Map<ServiceName, ServiceProcess>();
  /** Every instance of each service, the first one first. */
  readonly instances = new Map<ServiceName, ServiceProcess[]>();
  /** The instances started so far per service (a scale-out adds one). */
  private readonly started = new Map<ServiceName, number>();
  /** HTTP statuses of the bulk uploads the services refused (each re-sent until accepted). */
  readonly refusals: Array<{ status: number; type: string | undefined; retryAfter: string | null }> = [];
  /** Between the services and PostgreSQL, when the scenario asked for it. */
  databaseProxy: DatabaseProxy | undefined;
  readonly databases = Object.fromEntries(SERVICES.map((service) => [service, testDatabaseUrl(`faults_${service}`)])) as Record<ServiceName, string>;
  readonly logDir: string;

  constructor(private readonly options: FaultPlatformOptions) {
    this.logDir = options.logDir ?? join(repoRoot(), 'tmp', 'fault-logs', options.scenario);
  }

  async start(): Promise<void> {
    rmSync(this.logDir, { recursive: true, force: true });
    this.broker = await ensureKafka({ own: true, port: await freePort() });
    const kafka = new Kafka({ clientId: 'fault-suite', brokers: [this.broker.brokers], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
    this.admin = kafka.admin();
    this.producer = kafka.producer();
    await Promise.all([this.admin.connect(), this.producer.connect()]);
    this.recorder = new TopicRecorder(this.broker.brokers, [Topics.postings, Topics.candidates, Topics.matches, ...CONSUMED_TOPICS.map(deadLetterTopic)]);
    await this.recorder.start();
    if (this.options.databaseProxy) {
      const server = new URL(this.databases.matcher);
      this.databaseProxy = new DatabaseProxy(server.hostname, Number(server.port || 5432));
      await this.databaseProxy.start();
    }
    const count = this.options.instances ?? 1;
    for (const service of SERVICES) {
      const instances: ServiceProcess[] = [];
      for (let index = 0; index < count; index++) instances.push(await this.instance(service));
      this.instances.set(service, instances);
      this.processes.set(service, instances[0]!);
    }
    await Promise.all([...this.instances.values()].flat().map((process) => process.start(READY_TIMEOUT_MS)));
  }

  /** Consumer groups and their topics for the instances the platform runs. */
  get groups(): Array<{ groupId: string; topic: string }> {
    return consumerGroups(this.options.instances ?? 1);
  }

  /**
   * Per consumer group and topic: the offsets committed and the topic's ends, summed over
   * partitions (a group that has committed nothing counts from 0).
   */
  async progress(): Promise<Array<{ groupId: string; topic: string; committed: number; end: number }>> {
    const rows: Array<{ groupId: string; topic: string; committed: number; end: number }> = [];
    for (const { groupId, topic } of this.groups) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
      let at = 0;
      let end = 0;
      for (const partition of ends) {
        end += Number(partition.high);
        at += Math.max(0, Number(committed?.partitions.find((entry) => entry.partition === partition.partition)?.offset ?? -1));
      }
      rows.push({ groupId, topic, committed: at, end });
    }
    return rows;
  }

  /**
   * A new instance of a service (not started, not in `instances`): its own port, the same
   * database and groups; the matcher's gets the next instance id.
   */
  async instance(service: ServiceName): Promise<ServiceProcess> {
    const number = (this.started.get(service) ?? 0) + 1;
    this.started.set(service, number);
    const several = (this.options.instances ?? 1) > 1;
    return new ServiceProcess({
      name: several ? `${service}-${number}` : service,
      entry: entryOf(service),
      port: await freePort(),
      logDir: this.logDir,
      env: {
        NODE_ENV: 'test',
        DATABASE_URL: this.databaseProxy ? this.databaseProxy.route(this.databases[service]) : this.databases[service],
        KAFKA_BROKERS: this.broker.brokers,
        OUTBOX_POLL_INTERVAL_MS: '50',
        ...(service === 'matcher' ? { MATCHER_INSTANCE_ID: matcherInstanceId(number) } : {}),
        ...(service === 'notifier'
          ? {
              NOTIFY_WEBHOOK_URL: this.options.webhookUrl,
              NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
              DELIVERY_RETRY_BASE_MS: '100',
              DELIVERY_RETRY_MAX_MS: '2000',
              DELIVERY_POLL_INTERVAL_MS: '100',
              DELIVERY_PER_DESTINATION: String(DELIVERY_PER_DESTINATION),
            }
          : {}),
        ...this.options.env?.[service],
      },
    });
  }

  service(name: ServiceName): ServiceProcess {
    return this.processes.get(name)!;
  }

  /**
   * Sends the data set as ingestion pipelines would: postings and candidates in chunks, over the
   * REST bulk endpoints or as commands on the ingest topics, each chunk re-sent until accepted
   * (upserts by external id make that safe). `between` runs after each chunk (poison, say).
   */
  async ingest(set: DataSet, between?: (index: number) => Promise<void>): Promise<{ resends: number }> {
    let resends = 0;
    for (const [index, chunk] of set.chunks.entries()) {
      for (let attempt = 1; ; attempt++) {
        const error = await this.send(chunk).then(
          () => undefined,
          (failure: unknown) => failure as Error,
        );
        if (!error) break;
        if (attempt >= 600) throw new Error(`chunk ${index} still refused after ${attempt} attempts: ${error.message}`);
        resends += 1;
        // A pipeline's retry pause: the platform is down or restarting.
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await between?.(index);
    }
    return { resends };
  }

  /** Sends one chunk once (REST chunks to `via`, default the service's first instance); throws when refused. */
  async send(chunk: Chunk, via?: ServiceProcess): Promise<void> {
    const resource = chunk.kind === 'posting' ? 'postings' : 'candidates';
    if (chunk.channel === 'rest') {
      const response = await fetch(`${(via ?? this.service(resource)).url}/${resource}/bulk`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson' },
        body: `${chunk.records.map((record) => JSON.stringify(record)).join('\n')}\n`,
      });
      const text = await response.text();
      if (response.status !== 200) {
        const type = response.headers.get('content-type')?.startsWith('application/problem+json') ? (JSON.parse(text) as { type?: string }).type : undefined;
        this.refusals.push({ status: response.status, type, retryAfter: response.headers.get('retry-after') });
        throw new Error(`bulk ${resource}: HTTP ${response.status} ${text.slice(0, 300)}`);
      }
      const { summary } = JSON.parse(text) as { summary: { rejected: number } };
      // A rejected line is a bug in the data set, not a fault to ride out.
      if (summary.rejected > 0) throw new Error(`bulk ${resource} rejected lines: ${text.slice(0, 1000)}`);
      return;
    }
    const messages: Message[] = chunk.records.map((record) => ({
      key: `${record.organisationId}/${record.externalId}`,
      value: JSON.stringify(
        chunk.kind === 'posting'
          ? createEvent({ topic: Topics.postingsIngest, type: PostingCommandTypes.upsert, source: 'urn:faults:pipeline', subject: record.externalId, data: record as PostingUpsert })
          : createEvent({ topic: Topics.candidatesIngest, type: CandidateCommandTypes.upsert, source: 'urn:faults:pipeline', subject: record.externalId, data: record as CandidateUpsert }),
      ),
      headers: { 'content-type': 'application/cloudevents+json' },
    }));
    await this.producer.send({ topic: chunk.kind === 'posting' ? Topics.postingsIngest : Topics.candidatesIngest, messages });
  }

  /**
   * Waits until everything sent has had all its effects: every consumer group has committed the
   * end of its topics, no outbox holds an unpublished row, no delivery is pending or in flight,
   * and the recorder has read every recorded topic to its end. Two passes in a row must agree (same
   * topic ends), so a message between two checks cannot slip through.
   */
  async settled(timeoutMs = 240_000): Promise<void> {
    const clients = await Promise.all(
      SERVICES.map(async (service) => {
        const client = new Client({ connectionString: this.databases[service] });
        await client.connect();
        return { service, client };
      }),
    );
    let previous = '';
    let recorderBehindSince: number | undefined;
    let recorderRestarted = false;
    try {
      await expectEventually(
        async () => {
          const ends: string[] = [];
          for (const { groupId, topic } of this.groups) {
            const high = await this.admin.fetchTopicOffsets(topic);
            const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
            for (const end of high) {
              const at = committed?.partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
              if (end.high !== '0' && at !== end.high) throw new Error(`${groupId} behind on ${topic}/${end.partition}: ${at} < ${end.high}`);
              ends.push(`${topic}/${end.partition}=${end.high}`);
            }
          }
          for (const { service, client } of clients) {
            const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM outbox WHERE published_at IS NULL');
            if (rows[0]?.count !== '0') throw new Error(`${service}: ${rows[0]?.count} outbox rows not published`);
          }
          const notifier = clients.find(({ service }) => service === 'notifier')!.client;
          const { rows } = await notifier.query<{ count: string }>(`SELECT count(*) FROM deliveries WHERE status IN ('pending', 'delivering')`);
          if (rows[0]?.count !== '0') throw new Error(`${rows[0]?.count} deliveries pending or in flight`);
          for (const topic of [Topics.postings, Topics.candidates, Topics.matches, ...CONSUMED_TOPICS.map(deadLetterTopic)]) {
            for (const end of await this.admin.fetchTopicOffsets(topic)) {
              const offsets = this.recorder.of(topic).filter((message) => message.partition === end.partition).map((message) => Number(message.offset));
              const next = offsets.length === 0 ? 0 : Math.max(...offsets) + 1;
              if (String(next) !== end.high) {
                // Everything else has settled (the checks above passed), so the topics no longer
                // grow; only the recorder (the test's own consumer) lags. Still behind 30 s later,
                // it is stuck: it reads everything again with a fresh group.
                recorderBehindSince ??= Date.now();
                if (!recorderRestarted && Date.now() - recorderBehindSince > 30_000) {
                  recorderRestarted = true;
                  console.log(`[faults] ${this.options.scenario}: recorder still behind on ${topic}/${end.partition} 30 s after the platform settled; reading the topics again`);
                  await this.recorder.restart();
                }
                throw new Error(`recorder behind on ${topic}/${end.partition}`);
              }
              ends.push(`${topic}/${end.partition}=${end.high}`);
            }
          }
          recorderBehindSince = undefined;
          const fingerprint = ends.join(',');
          const stable = fingerprint === previous;
          previous = fingerprint;
          if (!stable) throw new Error('settled once; checking again');
        },
        { timeoutMs, intervalMs: 250 },
      );
    } finally {
      await Promise.all(clients.map(({ client }) => client.end()));
    }
  }

  /** Runs one query on a service's database. */
  async query<T extends Record<string, unknown>>(service: ServiceName, sql: string, parameters: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databases[service] });
    await client.connect();
    try {
      return (await client.query<T>(sql, parameters)).rows;
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.instances.values()].flat().map((process) => process.stop()));
    await this.databaseProxy?.stop();
    await this.recorder?.stop();
    await Promise.all([this.admin?.disconnect(), this.producer?.disconnect()]);
    await this.broker?.stop();
    await Promise.all(Object.values(this.databases).map((url) => dropDatabase(url).catch(() => undefined)));
  }
}
