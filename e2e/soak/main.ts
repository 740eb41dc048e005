// npm run soak [-- --minutes N] [--rate R] [--seed S] [--instances I] [--settle-minutes M] [--plant drop-webhook|no-restart]
// The randomized soak: two instances of every service against one broker and one PostgreSQL server
// at a steady rate of ingest commands, faults injected at random one at a time (seeded; replay with
// SOAK_SEED), then the fault suite's exact check. Writes tmp/soak/report.json and timeline.svg;
// exits non-zero and lists the problems when a check fails. See README.md, "Test it".
import { join } from 'node:path';
import { repoRoot } from '../src/repo-root';
import { runSoak, stopSoak } from './soak';

const log = (line: string): void => void process.stdout.write(`[soak] ${line}\n`);

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return undefined;
  const arg = args[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
}

function number(name: string, fallback: number, { min, integer = false }: { min: number; integer?: boolean }): number {
  const text = option(name);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} of at least ${min}, not ${text}`);
  return value;
}

async function main(): Promise<number> {
  const seedText = option('seed') ?? process.env.SOAK_SEED;
  const seed = seedText === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`the seed must be a non-negative integer, not ${seedText}`);
  const plant = option('plant') ?? process.env.SOAK_PLANT;
  if (plant !== undefined && !['drop-webhook', 'no-restart'].includes(plant)) throw new Error(`--plant must be drop-webhook or no-restart, not ${plant}`);
  const outDir = join(repoRoot(), 'tmp', 'soak');
  const report = await runSoak(
    {
      minutes: number('minutes', 3, { min: 0.1 }),
      rate: number('rate', 500, { min: 1 }),
      seed,
      instances: number('instances', 2, { min: 1, integer: true }),
      settleMinutes: number('settle-minutes', 10, { min: 1 }),
      outDir,
      plant,
    },
    log,
  );
  const figures = report.figures;
  log(
    `${report.minutes} min at ${report.rate} commands/s, seed ${report.seed}: ${report.records} records, ${report.expectedMatches} matches; ` +
      `load ${(report.loadMs / 1000).toFixed(1)} s, settled in ${(report.settleMs / 1000).toFixed(1)} s; ${report.faults.length} faults; ` +
      `latency p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms; ` +
      (figures ? `topic copies ${JSON.stringify(figures.topicCopies)}, webhook calls ${figures.webhookCalls} (failed ${figures.webhookFailedCalls}, redelivered ${figures.webhookRedeliveries}), resends ${figures.resends}` : 'no figures'),
  );
  for (const fault of report.faults) log(`  fault +${fault.startS}–${fault.endS} s ${fault.kind} ${JSON.stringify(fault.figures)}`);
  log(`report: ${join(outDir, 'report.json')}, timeline: ${join(outDir, 'timeline.svg')}`);
  if (report.problems.length === 0) {
    log('all checks passed');
    return 0;
  }
  log(`${report.problems.length} problem(s) (replay with SOAK_SEED=${report.seed}):`);
  for (const problem of report.problems) log(`  - ${problem}`);
  return 1;
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping what the soak started`);
    void stopSoak().finally(() => process.exit(130));
  });
}

main()
  .then((code) => process.exit(code))
  .catch(async (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopSoak().catch(() => undefined);
    process.exit(1);
  });
