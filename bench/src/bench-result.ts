/** One line of the table: a figure of ours beside its baseline, measured in the same run. */
export interface BenchRow {
  measure: string;
  unit: string;
  ours: number;
  baseline: number;
  /** What the baseline is, in a few words. */
  baselineName: string;
  /** Whether a higher figure is better (throughput) or a lower one (latency, time, memory). */
  better: 'higher' | 'lower';
}

export interface MeasureResult {
  name: string;
  rows: BenchRow[];
  /** Everything else worth keeping (sizes, timings of set-up steps, counts, settings). */
  details: Record<string, unknown>;
  seconds: number;
}

/** ours / baseline: for throughput the share of the limit reached, for times how many times slower. */
export function ratioOf(row: BenchRow): number {
  return row.baseline === 0 ? Number.NaN : row.ours / row.baseline;
}

/** The ratio in words, so the table reads without knowing which way is better. */
export function verdictOf(row: BenchRow): string {
  const ratio = ratioOf(row);
  if (!Number.isFinite(ratio) || ratio <= 0) return 'n/a';
  const times = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
  if (row.better === 'higher') return ratio >= 1 ? `${times(ratio)} the baseline` : `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} % of the baseline`;
  const [less, more] = row.unit.includes('MB') ? ['smaller', 'larger'] : ['faster', 'slower'];
  return ratio <= 1 ? `${times(1 / ratio)} ${less}` : `${times(ratio)} ${more}`;
}

export function round(value: number, digits = 1): number {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
