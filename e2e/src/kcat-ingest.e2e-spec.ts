import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvent, PostingCommandTypes, PostingEventTypes, Topics } from '@talent/contracts';
import { dropDatabase } from '@talent/persistence';
import { expectEventually, requireKafkaBrokers, ServiceProcess, testDatabaseUrl } from '@talent/testing';
import { exampleFromDocument } from './asyncapi-examples';
import { freePort } from './free-port';
import { entryOf } from './platform';

/**
 * An external client that knows nothing but the AsyncAPI document: kcat (librdkafka) publishes the
 * document's example command, key and headers included, on postings.ingest.v1, and the postings
 * service answers with the canonical event on postings.v1.
 */
const root = join(__dirname, '..', '..');

/** kcat from Debian, installed on first use; a missing client fails the test, it does not skip it. */
function ensureKcat(): string {
  const which = spawnSync('which', ['kcat'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  const install = spawnSync('apt-get', ['install', '-y', 'kcat'], { encoding: 'utf8', timeout: 180_000 });
  const again = spawnSync('which', ['kcat'], { encoding: 'utf8' });
  if (again.status !== 0) {
    throw new Error(
      `kcat is not installed and \`apt-get install -y kcat\` failed (exit ${String(install.status)}): ${install.stderr || install.error?.message || ''}\n` +
        'Install the Debian package kcat (or kafkacat) and run the test again.',
    );
  }
  return again.stdout.trim();
}

interface KcatRecord {
  topic: string;
  partition: number;
  offset: number;
  ts: number;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

function headersOf(record: KcatRecord): Record<string, string> {
  const headers: Record<string, string> = {};
  const flat = record.headers ?? [];
  for (let index = 0; index + 1 < flat.length; index += 2) headers[String(flat[index])] = String(flat[index + 1]);
  return headers;
}

describe('an external Kafka client writing from the AsyncAPI document alone', () => {
  let kcat: string;
  let brokers: string;
  let postings: ServiceProcess;
  const databaseUrl = testDatabaseUrl('kcat');

  beforeAll(async () => {
    kcat = ensureKcat();
    brokers = requireKafkaBrokers();
    const entry = entryOf('postings');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build the service first (nx run postings:build)`);
    postings = new ServiceProcess({
      name: 'postings-kcat',
      entry,
      port: await freePort(),
      logDir: join(root, 'tmp', 'e2e-logs'),
      env: { NODE_ENV: 'test', DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers, OUTBOX_POLL_INTERVAL_MS: '50' },
    });
    await postings.start();
  });

  afterAll(async () => {
    await postings?.stop();
    await dropDatabase(databaseUrl).catch(() => undefined);
  });

  /** Produces one message with kcat: `kcat -P -b <brokers> -t <topic> -k <key> -H name=value …`, the value on stdin. */
  function produce(topic: string, message: { key: string; headers: Record<string, string>; value: unknown }): void {
    const headerArgs = Object.entries(message.headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
    execFileSync(kcat, ['-P', '-b', brokers, '-t', topic, '-k', message.key, ...headerArgs, '-X', 'acks=all'], {
      input: `${JSON.stringify(message.value)}\n`,
      timeout: 30_000,
    });
  }

  /** Everything on `topic` since `sinceMs`, read with `kcat -C -e -J -o s@<ms>`. */
  function consumeSince(topic: string, sinceMs: number): KcatRecord[] {
    const output = execFileSync(kcat, ['-C', '-b', brokers, '-t', topic, '-o', `s@${sinceMs}`, '-e', '-q', '-J'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    return output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as KcatRecord);
  }

  function awaitPostingEvent(type: string, externalId: unknown, sinceMs: number) {
    return expectEventually(
      () => {
        const found = consumeSince(Topics.postings, sinceMs)
          .map((record) => ({ record, parsed: parseEvent(Topics.postings, record.payload) }))
          .find(({ parsed }) => parsed.ok && parsed.event.type === type && parsed.event.data.externalId === externalId);
        if (!found?.parsed.ok) throw new Error(`no ${type} event for ${String(externalId)} on ${Topics.postings} yet`);
        return { record: found.record, event: found.parsed.event };
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  }

  it('publishes the example upsert with kcat and gets talentmatch.posting.published, then closes it', async () => {
    const upsert = exampleFromDocument(Topics.postingsIngest, PostingCommandTypes.upsert);
    const command = upsert.value.data;
    const since = Date.now() - 1_000;
    produce(Topics.postingsIngest, upsert);

    const published = await awaitPostingEvent(PostingEventTypes.published, command.externalId, since);
    expect(published.event).toMatchObject({
      specversion: '1.0',
      source: '/postings',
      datacontenttype: 'application/json',
      dataschema: 'urn:talent-match:schema:talentmatch.posting.published:1',
      data: {
        organisationId: command.organisationId,
        externalId: command.externalId,
        title: command.title,
        requiredSkills: command.requiredSkills,
        preferredSkills: command.preferredSkills,
        status: 'open',
        version: 1,
      },
    });
    // Keyed by the aggregate id, which is also the CloudEvents subject.
    expect(published.record.key).toBe(published.event.data.id);
    expect(published.event.subject).toBe(published.event.data.id);
    expect(headersOf(published.record)['content-type']).toBe('application/cloudevents+json');

    const close = exampleFromDocument(Topics.postingsIngest, PostingCommandTypes.close);
    produce(Topics.postingsIngest, close);
    const closed = await awaitPostingEvent(PostingEventTypes.closed, command.externalId, since);
    expect(closed.event.data).toMatchObject({ id: published.event.data.id, status: 'closed', version: 2 });
    expect(closed.record.key).toBe(published.record.key);
  });

  it('tools/kcat-example.sh does the same from the shell (docs/kafka.md shows it)', () => {
    const upsert = exampleFromDocument(Topics.postingsIngest, PostingCommandTypes.upsert);
    const run = spawnSync('sh', [join(root, 'tools', 'kcat-example.sh'), brokers], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.stringContaining('published talentmatch.posting.upsert') });
    const answer = parseEvent(Topics.postings, run.stdout.trim());
    if (!answer.ok) throw new Error(`the script printed no posting event: ${answer.reason}\n${run.stdout}`);
    // The previous test closed the posting: the same upsert reopens it.
    expect(answer.event.data).toMatchObject({ externalId: upsert.value.data.externalId, status: 'open' });
  });
});
