// npm run bench [-- --quick] [--only=latency,throughput,http,lookup,memory] [--postings=N] …
// The five measures of the platform, each beside its baseline in the same run; prints one table and
// writes tmp/bench/results.json (and results.md). Starts its own broker(s) and fresh databases, and
// stops everything it started, also on failure or Ctrl-C. See README.md, "Benchmarks".
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { MEASURES, parseBenchOptions, type BenchOptions, type MeasureName } from './bench-options';
import { BenchPlatform, REPO_ROOT } from './bench-platform';
import { round, type MeasureResult } from './bench-result';
import { measureHttpIngest } from './measures/http-ingest.measure';
import { measureLatency } from './measures/latency.measure';
import { measureLookup } from './measures/lookup.measure';
import { measureMemory } from './measures/memory.measure';
import { measureThroughput } from './measures/throughput.measure';
import { formatMarkdown, formatTable } from './results-table';

const RESULT_PREFIX = 'BENCH_RESULT ';
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/** Measures that only compute: each runs in a process of its own, so heaps and JIT state do not mix. */
const IN_CHILD: ReadonlySet<MeasureName> = new Set(['lookup', 'memory']);

async function runChild(name: MeasureName, options: BenchOptions): Promise<MeasureResult> {
  const platform = new BenchPlatform(log);
  try {
    if (name === 'memory') return measureMemory(options);
    if (name === 'lookup') return await measureLookup(options, platform);
    throw new Error(`${name} does not run in a child process`);
  } finally {
    await platform.stop();
  }
}

function spawnChild(name: MeasureName, argv: readonly string[]): Promise<MeasureResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=6144', __filename, ...argv, `--child=${name}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('exit', (code) => {
      const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as MeasureResult);
      else reject(new Error(`measure ${name} failed (exit code ${code})`));
    });
  });
}

async function runService(name: MeasureName, options: BenchOptions, stopping: Set<BenchPlatform>): Promise<MeasureResult> {
  // A broker of its own per measure: every measure starts from empty topics and groups.
  const platform = new BenchPlatform(log);
  stopping.add(platform);
  try {
    await platform.startBroker();
    switch (name) {
      case 'latency':
        return await measureLatency(options, platform);
      case 'throughput':
        return await measureThroughput(options, platform);
      case 'http':
        return await measureHttpIngest(options, platform);
      case 'lookup':
      case 'memory':
        throw new Error(`${name} runs in a child process`);
    }
  } finally {
    await platform.stop();
    stopping.delete(platform);
  }
}

function machine(kafkaVersion: string): Record<string, unknown> {
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model.trim(),
    cores: cpus().length,
    memoryGB: round(totalmem() / 1024 ** 3),
    node: process.version,
    kafka: kafkaVersion,
    kafkaJvm: process.env.BENCH_KAFKA_JVM_OPTS ?? 'see bench-platform.ts (BENCH_KAFKA_JVM_OPTS)',
    postgres: 'the server at BENCH_DATABASE_SERVER_URL / TEST_DATABASE_SERVER_URL (default 127.0.0.1:5432)',
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const child = argv.find((arg) => arg.startsWith('--child='))?.slice('--child='.length) as MeasureName | undefined;
  const options = parseBenchOptions(argv);
  if (child) {
    const result = await runChild(child, options);
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
    return;
  }
  const running = new Set<BenchPlatform>();
  const interrupt = (signal: string): void => {
    log(`${signal}: stopping what the bench started`);
    void Promise.all([...running].map((platform) => platform.stop())).finally(() => process.exit(130));
  };
  process.once('SIGINT', () => interrupt('SIGINT'));
  process.once('SIGTERM', () => interrupt('SIGTERM'));

  const started = performance.now();
  log(`sizes: ${options.postings} postings, ${options.candidates} candidates, ${options.throughputEvents} throughput events, rates ${options.rates.join('/')} per s for ${options.rateSeconds} s${options.quick ? ' (--quick)' : ''}`);
  const results: MeasureResult[] = [];
  for (const name of MEASURES) {
    if (!options.only.has(name)) continue;
    log(`measure ${name}…`);
    const result = IN_CHILD.has(name) ? await spawnChild(name, argv) : await runService(name, options, running);
    log(`measure ${name} done in ${result.seconds} s`);
    results.push(result);
  }
  const rows = results.flatMap((result) => result.rows);
  const kafkaVersion = process.env.KAFKA_VERSION || /DEFAULT_KAFKA_VERSION = '([^']+)'/.exec(readFileSync(join(REPO_ROOT, 'tools', 'kafka', 'broker.ts'), 'utf8'))?.[1] || 'unknown';
  const report = {
    generatedAt: new Date().toISOString(),
    totalSeconds: round((performance.now() - started) / 1000),
    machine: machine(kafkaVersion),
    options: { ...options, only: [...options.only] },
    rows: rows.map((row) => ({ ...row, ratio: round(row.ours / row.baseline, 3) })),
    measures: results,
  };
  const out = isAbsolute(options.out) ? options.out : join(REPO_ROOT, options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(out.replace(/\.json$/, '.md'), `${formatMarkdown(rows)}\n`);
  const m = report.machine;
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  process.stdout.write(`${m.cpu as string}, ${m.cores as number} cores, ${m.memoryGB as number} GB; Node ${process.version}; Kafka ${kafkaVersion}; ${report.totalSeconds} s\n`);
  process.stdout.write(`written to ${out}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
