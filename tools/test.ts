// `npm test`: static checks and unit tests, then integration and end-to-end tests against a real
// Kafka broker (started from the jars unless KAFKA_BROKERS is set) and the PostgreSQL server, then
// the fault suite at FAULT_RECORDS records per scenario (default 2,000; 0 leaves it out).
// `--only=faults` (`npm run test:faults`) builds and runs the fault suite alone; each of its
// scenarios starts and stops a broker of its own.
// Starts what it needs, stops what it started, and ends with one "N passed, N failed" line.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ensureKafka, type KafkaHandle } from './kafka/broker.ts';
import { onShutdown, run } from './process-group.ts';
import { repoRoot } from './repo-root.ts';

const root = repoRoot();
const resultsDir = join(root, 'tmp', 'test-results');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
/** Records per fault scenario: the full volume (5 to 8 minutes for the nine scenarios). */
const DEFAULT_FAULT_RECORDS = '2000';
const databaseServer = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let kafka: KafkaHandle | undefined;
onShutdown(async () => {
  await kafka?.stop();
});

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

interface JestResult {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

function summarise(): { passed: number; failed: number; skipped: number } {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const file of readdirSync(resultsDir).filter((name) => name.endsWith('.json'))) {
    const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as JestResult;
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    totals.skipped += result.numPendingTests;
  }
  return totals;
}

async function main(): Promise<number> {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const nx = join(root, 'node_modules', '.bin', 'nx');
  let failures = 0;

  if (only === 'faults') {
    const code = await run(nx, ['run-many', '-t', 'build', '--outputStyle=stream'], { cwd: root });
    if (code !== 0) return 1;
    await checkPostgres();
    if ((await runFaults(process.env.FAULT_RECORDS ?? DEFAULT_FAULT_RECORDS)) !== 0) failures += 1;
    return finish(failures);
  }

  if (only !== 'integration') {
    console.log('\n▶ static checks, unit tests and builds (nx run-many -t lint typecheck test build)\n');
    const code = await run(nx, ['run-many', '-t', 'lint', 'typecheck', 'test', 'build', '--outputStyle=stream'], { cwd: root });
    if (code !== 0) {
      console.error('static checks or unit tests failed');
      failures += 1;
    }
    // Suites with a time budget run one project at a time, with no other test process on the cores.
    console.log('\n▶ timing suites (nx run-many -t timing --parallel=1)\n');
    const timing = await run(nx, ['run-many', '-t', 'timing', '--parallel=1', '--outputStyle=stream'], { cwd: root });
    if (timing !== 0) {
      console.error('a timing suite failed');
      failures += 1;
    }
  }

  if (failures === 0 && only !== 'unit') {
    if (only === 'integration') {
      // Integration and end-to-end tests run the compiled services.
      const code = await run(nx, ['run-many', '-t', 'build', '--outputStyle=stream'], { cwd: root });
      if (code !== 0) return 1;
    }
    await checkPostgres();
    console.log('\n▶ Kafka broker');
    kafka = await ensureKafka({ port: Number(process.env.KAFKA_TEST_PORT ?? 0) || undefined, log: (line) => console.log(`  ${line}`) });
    console.log(`  brokers: ${kafka.brokers}${kafka.startedHere ? ' (started from the jars for this run)' : ''}`);
    console.log('\n▶ integration and end-to-end tests\n');
    const code = await run(
      join(root, 'node_modules', '.bin', 'jest'),
      ['-c', join(root, 'jest.integration.config.cjs'), '--json', `--outputFile=${join(resultsDir, 'integration.json')}`],
      { cwd: root, env: { ...process.env, KAFKA_BROKERS: kafka.brokers, TEST_DATABASE_SERVER_URL: databaseServer } },
    );
    if (code !== 0) failures += 1;
    await kafka.stop();
    kafka = undefined;
    const faultRecords = process.env.FAULT_RECORDS ?? DEFAULT_FAULT_RECORDS;
    if (only !== 'integration' && faultRecords !== '0' && (await runFaults(faultRecords)) !== 0) failures += 1;
  }

  return finish(failures);
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

function finish(failures: number): number {
  const totals = summarise();
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  return failures === 0 && totals.failed === 0 ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await kafka?.stop().catch(() => undefined);
    process.exit(1);
  });
