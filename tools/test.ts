// `npm test`: static checks and unit tests, then integration and end-to-end tests against a real
// Kafka broker (started from the jars unless KAFKA_BROKERS is set) and the PostgreSQL server, then
// the fault suite at FAULT_RECORDS records per scenario (default 2,000; 0 leaves it out), then the
// randomized soak for SOAK_MINUTES minutes at SOAK_RATE commands/s (default 3 min at 100/s, what
// two cores sustain beside two instances of each service; 0 minutes leaves it out; SOAK_SEED
// replays one).
// `--only=faults` (`npm run test:faults`) builds and runs the fault suite alone; each of its
// scenarios starts and stops a broker of its own.
// Starts what it needs, stops what it started, and ends with one "N passed, N failed" line.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { ensureKafka, type KafkaHandle } from './kafka/broker.ts';
import { onShutdown, run } from './process-group.ts';
import { repoRoot } from './repo-root.ts';
import { allGreen, closingLine, summariseReports, type Stage } from './test-summary.ts';

const root = repoRoot();
const resultsDir = join(root, 'tmp', 'test-results');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
/** Records per fault scenario: the full volume (5 to 8 minutes for the nine scenarios). */
const DEFAULT_FAULT_RECORDS = '2000';
/** Minutes of the randomized soak (two instances per service, faults at random): `npm run soak`. */
const DEFAULT_SOAK_MINUTES = '3';
/**
 * Its rate here: `npm run soak` defaults to 500 commands/s, more than a two-core machine running
 * eight service processes sends and settles in a few minutes (measured: 173 s to send one minute's
 * worth at 500/s, faults included, 122 s more to settle), which would double the run's time.
 */
const DEFAULT_SOAK_RATE = '100';
const databaseServer = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Each stage of this run, in order, with its outcome: the closing line names those that failed or did not run. */
const stages: Stage[] = [];
const stage = (name: string, code: number): number => {
  stages.push({ name, outcome: code === 0 ? 'passed' : 'failed' });
  return code;
};
const skip = (name: string, reason: string): void => {
  stages.push({ name, outcome: 'skipped', reason });
};

let kafka: KafkaHandle | undefined;
onShutdown(async () => {
  await kafka?.stop();
});

const redisServer = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The rate-limit suites share their counters through a real Redis: PING it before they run. */
async function checkRedis(): Promise<void> {
  const url = new URL(redisServer);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 6379) });
    const timer = setTimeout(() => socket.destroy(new Error('no answer within 5 s')), 5_000);
    socket.once('connect', () => socket.write(url.password ? `AUTH ${decodeURIComponent(url.password)}\r\nPING\r\n` : 'PING\r\n'));
    socket.on('data', (data) => {
      if (data.toString().includes('PONG')) {
        clearTimeout(timer);
        socket.end();
        resolve('PONG');
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch((error: unknown) => (error as Error).message);
  if (answer !== 'PONG') throw new Error(`Redis is not reachable at ${redisServer} (set TEST_REDIS_URL): ${answer}`);
}

async function checkPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseServer, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${databaseServer} (set TEST_DATABASE_SERVER_URL): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const nx = join(root, 'node_modules', '.bin', 'nx');

  if (only === 'faults') {
    if (stage('build', await run(nx, ['run-many', '-t', 'build', '--outputStyle=stream'], { cwd: root })) !== 0) {
      skip('fault suite', 'build failed');
      return finish();
    }
    await checkPostgres();
    stage('fault suite', await runFaults(process.env.FAULT_RECORDS ?? DEFAULT_FAULT_RECORDS));
    return finish();
  }

  if (only !== 'integration') {
    console.log('\n▶ static checks, unit tests and builds (nx run-many -t lint typecheck test build)\n');
    const code = stage('static checks, unit tests and builds', await run(nx, ['run-many', '-t', 'lint', 'typecheck', 'test', 'build', '--outputStyle=stream'], { cwd: root }));
    if (code !== 0) console.error('static checks or unit tests failed');
    // Suites with a time budget run one project at a time, with no other test process on the cores.
    console.log('\n▶ timing suites (nx run-many -t timing --parallel=1)\n');
    if (stage('timing suites', await run(nx, ['run-many', '-t', 'timing', '--parallel=1', '--outputStyle=stream'], { cwd: root })) !== 0) {
      console.error('a timing suite failed');
    }
  }
  if (only === 'unit') return finish();

  const failedSoFar = stages.some((entry) => entry.outcome !== 'passed');
  const faultRecords = process.env.FAULT_RECORDS ?? DEFAULT_FAULT_RECORDS;
  const faultsWanted = only !== 'integration' && faultRecords !== '0';
  const soakMinutes = process.env.SOAK_MINUTES ?? DEFAULT_SOAK_MINUTES;
  const soakWanted = only !== 'integration' && Number(soakMinutes) !== 0;
  if (failedSoFar) {
    skip('integration and end-to-end tests', 'an earlier stage failed');
    if (faultsWanted) skip('fault suite', 'an earlier stage failed');
    if (soakWanted) skip('soak', 'an earlier stage failed');
    return finish();
  }
  if (only === 'integration') {
    // Integration and end-to-end tests run the compiled services.
    if (stage('build', await run(nx, ['run-many', '-t', 'build', '--outputStyle=stream'], { cwd: root })) !== 0) {
      skip('integration and end-to-end tests', 'build failed');
      return finish();
    }
  }
  await checkPostgres();
  await checkRedis();
  console.log('\n▶ Kafka broker');
  kafka = await ensureKafka({ port: Number(process.env.KAFKA_TEST_PORT ?? 0) || undefined, log: (line) => console.log(`  ${line}`) });
  console.log(`  brokers: ${kafka.brokers}${kafka.startedHere ? ' (started from the jars for this run)' : ''}`);
  console.log('\n▶ integration and end-to-end tests\n');
  stage(
    'integration and end-to-end tests',
    await run(
      join(root, 'node_modules', '.bin', 'jest'),
      ['-c', join(root, 'jest.integration.config.cjs'), '--json', `--outputFile=${join(resultsDir, 'integration.json')}`],
      { cwd: root, env: { ...process.env, KAFKA_BROKERS: kafka.brokers, TEST_DATABASE_SERVER_URL: databaseServer, TEST_REDIS_URL: redisServer } },
    ),
  );
  await kafka.stop();
  kafka = undefined;
  if (faultsWanted) stage('fault suite', await runFaults(faultRecords));
  else if (only !== 'integration') skip('fault suite', 'FAULT_RECORDS=0');
  if (soakWanted) stage('soak', await runSoak(soakMinutes));
  else if (only !== 'integration') skip('soak', 'SOAK_MINUTES=0');
  return finish();
}

/** The fault suite (`*.fault-spec.ts`); prints each scenario's figures at the end. */
async function runFaults(records: string): Promise<number> {
  console.log(`\n▶ fault suite (${records} records per scenario)\n`);
  const figuresDir = join(root, 'tmp', 'faults');
  rmSync(figuresDir, { recursive: true, force: true });
  const code = await run(
    join(root, 'node_modules', '.bin', 'jest'),
    ['-c', join(root, 'jest.faults.config.cjs'), '--json', `--outputFile=${join(resultsDir, 'faults.json')}`],
    { cwd: root, env: { ...process.env, FAULT_RECORDS: records, TEST_DATABASE_SERVER_URL: databaseServer } },
  );
  mkdirSync(figuresDir, { recursive: true });
  for (const file of readdirSync(figuresDir).filter((name) => name.endsWith('.json')).sort()) {
    const figures = JSON.parse(readFileSync(join(figuresDir, file), 'utf8')) as Record<string, unknown>;
    console.log(
      `  ${String(figures.scenario).padEnd(20)} ${figures.records} records, ${figures.expectedMatches} matches, ` +
        `${(Number(figures.durationMs) / 1000).toFixed(1)} s, ${figures.recordsPerSecond} records/s, ` +
        `topic copies ${JSON.stringify(figures.topicCopies)}, webhook calls ${figures.webhookCalls} (failed ${figures.webhookFailedCalls}, ` +
        `redelivered ${figures.webhookRedeliveries}), handler retries ${figures.handlerRetries}`,
    );
  }
  return code;
}

/**
 * The randomized soak (e2e/soak, built with the other projects): two instances per service, a
 * steady load, faults at random; tmp/soak/report.json and timeline.svg. Non-zero on any problem.
 */
async function runSoak(minutes: string): Promise<number> {
  console.log(`\n▶ soak (${minutes} min at ${process.env.SOAK_RATE ?? DEFAULT_SOAK_RATE} commands/s, two instances per service, faults at random; SOAK_SEED replays a run)\n`);
  return run(process.execPath, ['--disable-warning=TimeoutNegativeWarning', join(root, 'dist', 'e2e', 'e2e', 'soak', 'main.js'), '--minutes', minutes, '--rate', process.env.SOAK_RATE ?? DEFAULT_SOAK_RATE], {
    cwd: root,
    env: { ...process.env, TEST_DATABASE_SERVER_URL: databaseServer },
  });
}

function finish(): number {
  const totals = summariseReports(resultsDir);
  for (const suite of totals.brokenSuites) console.error(`  suite failed to run: ${suite}`);
  console.log(`\n${closingLine(totals, stages)}`);
  return allGreen(totals, stages) ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await kafka?.stop().catch(() => undefined);
    process.exit(1);
  });
