/** Sizes of one bench run: 10,000 postings × 100,000 candidates by default, smaller with `--quick`, each overridable by a flag. */
export interface BenchOptions {
  quick: boolean;
  /** Measures to run (default: all), e.g. `--only=lookup,memory`. */
  only: ReadonlySet<MeasureName>;
  /** Open postings loaded in the matcher (throughput) and in the lookup measure. */
  postings: number;
  /** Candidates of the lookup and memory measures. */
  candidates: number;
  /** Candidate events pushed through the matcher for its throughput. */
  throughputEvents: number;
  /** Throughput: the postings (and candidates) are spread over organisations of this many postings. */
  postingsPerOrganisation: number;
  /** Offered rates (events/s) of the latency measure, and how long each is offered. */
  rates: number[];
  rateSeconds: number;
  /** How long the last notification of a rate may take before the rest count as lost. */
  drainSeconds: number;
  /** Lookups timed per direction (postings; candidates are ten times as many). */
  lookupSamples: number;
  /** autocannon run per endpoint, and its connections. */
  httpSeconds: number;
  httpConnections: number;
  seed: number;
  /** Where the JSON goes. */
  out: string;
}

export const MEASURES = ['latency', 'throughput', 'http', 'lookup', 'memory'] as const;
export type MeasureName = (typeof MEASURES)[number];

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`unknown argument ${arg} (flags look like --name=value)`);
    flags.set(match[1], match[2] ?? 'true');
  }
  const quick = flags.get('quick') === 'true';
  const number = (name: string, full: number, small: number): number => {
    const raw = flags.get(name);
    flags.delete(name);
    if (raw === undefined) return quick ? small : full;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
    return value;
  };
  const options: BenchOptions = {
    quick,
    only: new Set(MEASURES),
    postings: number('postings', 10_000, 2_000),
    candidates: number('candidates', 100_000, 20_000),
    throughputEvents: number('throughput-events', 2_000, 500),
    postingsPerOrganisation: number('postings-per-organisation', 100, 100),
    rates: [100, 500, 1_000],
    rateSeconds: number('rate-seconds', 10, 4),
    drainSeconds: number('drain-seconds', 30, 15),
    lookupSamples: number('lookup-samples', 8, 4),
    httpSeconds: number('http-seconds', 10, 4),
    httpConnections: number('http-connections', 10, 10),
    seed: number('seed', 20_261_122, 20_261_122),
    out: flags.get('out') ?? 'tmp/bench/results.json',
  };
  flags.delete('quick');
  flags.delete('out');
  const rates = flags.get('rates');
  if (rates !== undefined) {
    options.rates = rates.split(',').map(Number);
    if (options.rates.some((rate) => !Number.isFinite(rate) || rate <= 0)) throw new Error(`--rates must list positive numbers, got ${rates}`);
    flags.delete('rates');
  }
  const only = flags.get('only');
  if (only !== undefined) {
    const names = only.split(',');
    const unknown = names.filter((name) => !(MEASURES as readonly string[]).includes(name));
    if (unknown.length > 0) throw new Error(`--only: unknown measure ${unknown.join(', ')} (known: ${MEASURES.join(', ')})`);
    options.only = new Set(names as MeasureName[]);
    flags.delete('only');
  }
  flags.delete('child');
  if (flags.size > 0) throw new Error(`unknown flag ${[...flags.keys()].map((name) => `--${name}`).join(', ')}`);
  return options;
}
