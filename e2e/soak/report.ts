import type { ReceivedCall } from '../faults/webhook-receiver';
import type { FaultRecord } from './faults';

/** One reading of the broker's admin API: the end of matches.v1 and each group's lag (null: no answer). */
export interface Sample {
  at: number;
  matchesHigh: number | null;
  lag: Record<string, number> | null;
}

/** One 5-second window of the run. */
export interface Window {
  /** Seconds from the start of the load. */
  fromS: number;
  commandsSent: number;
  /** Events appended to matches.v1 (copies included), from the broker's offsets. */
  matchEvents: number | null;
  /** Webhook calls the receiver accepted (redeliveries included). */
  webhookDeliveries: number;
  /** Command accepted → first accepted webhook call, for the matches first delivered in this window. */
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Per `group topic`, at the window's last sample (null: the broker did not answer). */
  lag: Record<string, number> | null;
  faults: string[];
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function buildWindows(input: {
  t0: number;
  end: number;
  windowMs: number;
  sent: ReadonlyArray<{ at: number; records: number }>;
  samples: readonly Sample[];
  accepted: readonly ReceivedCall[];
  latencies: ReadonlyArray<{ at: number; ms: number }>;
  faults: readonly FaultRecord[];
}): Window[] {
  const { t0, windowMs } = input;
  const count = Math.max(1, Math.ceil((input.end - t0) / windowMs));
  const indexOf = (at: number) => Math.min(count - 1, Math.max(0, Math.floor((at - t0) / windowMs)));
  const windows: Window[] = Array.from({ length: count }, (_, index) => ({
    fromS: (index * windowMs) / 1000,
    commandsSent: 0,
    matchEvents: null,
    webhookDeliveries: 0,
    latencyP50Ms: null,
    latencyP99Ms: null,
    lag: null,
    faults: [],
  }));
  for (const { at, records } of input.sent) windows[indexOf(at)]!.commandsSent += records;
  let previous = 0;
  for (const sample of input.samples) {
    const window = windows[indexOf(sample.at - 1)]!;
    if (sample.matchesHigh !== null) {
      window.matchEvents = (window.matchEvents ?? 0) + sample.matchesHigh - previous;
      previous = sample.matchesHigh;
    }
    if (sample.lag) window.lag = sample.lag;
  }
  for (const call of input.accepted) windows[indexOf(call.receivedAt)]!.webhookDeliveries += 1;
  const byWindow = new Map<number, number[]>();
  for (const { at, ms } of input.latencies) byWindow.set(indexOf(at), [...(byWindow.get(indexOf(at)) ?? []), ms]);
  for (const [index, values] of byWindow) {
    values.sort((a, b) => a - b);
    windows[index]!.latencyP50Ms = percentile(values, 0.5);
    windows[index]!.latencyP99Ms = percentile(values, 0.99);
  }
  for (const fault of input.faults) {
    for (let index = indexOf(fault.start); index <= indexOf(fault.end); index++) windows[index]!.faults.push(fault.kind);
  }
  return windows;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const FAULT_COLOURS: Record<string, string> = {
  'broker-restart': '#d62728',
  'database-outage': '#9467bd',
  'commit-cut': '#8c564b',
  'kill-9': '#000000',
  sigterm: '#7f7f7f',
  rebalance: '#17becf',
  'webhook-failures': '#ff7f0e',
  'webhook-hang': '#bcbd22',
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The run as a hand-written SVG: three panels over time (per-second rates of commands, match
 * events and webhook deliveries; p50/p99 latency; consumer lag per group) with each fault drawn as
 * a shaded band across all three and labelled above.
 */
export function timelineSvg(report: {
  seed: number;
  minutes: number;
  rate: number;
  records: number;
  expectedMatches: number;
  windows: readonly Window[];
  faults: ReadonlyArray<FaultRecord & { startS: number; endS: number }>;
  problems: readonly string[];
}): string {
  const width = 1200;
  const left = 70;
  const right = 260;
  const plotWidth = width - left - right;
  const panelHeight = 170;
  const gap = 40;
  const top = 70;
  const height = top + 3 * (panelHeight + gap) + 20;
  const windows = report.windows;
  const seconds = Math.max(5, windows.length * 5);
  const x = (s: number) => left + (s / seconds) * plotWidth;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  const status = report.problems.length === 0 ? 'all checks passed' : `${report.problems.length} problem(s)`;
  parts.push(
    `<text x="${left}" y="20" font-size="14" font-weight="bold">Soak: ${report.minutes} min at ${report.rate} commands/s, ${report.records} records, ${report.expectedMatches} matches, seed ${report.seed}: ${escape(status)}</text>`,
  );

  const panel = (index: number, title: string, series: Array<{ name: string; values: Array<number | null> }>, unit: string) => {
    const y0 = top + index * (panelHeight + gap);
    const max = Math.max(1, ...series.flatMap(({ values }) => values.filter((value): value is number => value !== null)));
    const y = (value: number) => y0 + panelHeight - (value / max) * panelHeight;
    parts.push(`<text x="${left}" y="${y0 - 6}" font-weight="bold">${escape(title)}</text>`);
    parts.push(`<rect x="${left}" y="${y0}" width="${plotWidth}" height="${panelHeight}" fill="none" stroke="#999"/>`);
    for (const fault of report.faults) {
      const colour = FAULT_COLOURS[fault.kind] ?? '#999';
      parts.push(`<rect x="${x(fault.startS).toFixed(1)}" y="${y0}" width="${Math.max(1, x(fault.endS) - x(fault.startS)).toFixed(1)}" height="${panelHeight}" fill="${colour}" fill-opacity="0.15"/>`);
    }
    for (const tick of [0, 0.5, 1]) {
      parts.push(`<text x="${left - 4}" y="${(y(max * tick) + 4).toFixed(1)}" text-anchor="end">${Math.round(max * tick)}</text>`);
    }
    parts.push(`<text x="12" y="${y0 + panelHeight / 2}" transform="rotate(-90 12 ${y0 + panelHeight / 2})" text-anchor="middle">${escape(unit)}</text>`);
    const step = Math.max(5, Math.ceil(seconds / 12 / 5) * 5);
    for (let s = 0; s <= seconds; s += step) parts.push(`<text x="${x(s).toFixed(1)}" y="${y0 + panelHeight + 13}" text-anchor="middle">${s}s</text>`);
    series.forEach(({ name, values }, seriesIndex) => {
      const colour = COLOURS[seriesIndex % COLOURS.length]!;
      let path = '';
      values.forEach((value, windowIndex) => {
        if (value === null) return;
        const px = x(windowIndex * 5 + 2.5).toFixed(1);
        const py = y(value).toFixed(1);
        path += path === '' || values[windowIndex - 1] === null ? `M${px},${py}` : `L${px},${py}`;
      });
      if (path) parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="1.5"/>`);
      const ly = y0 + 12 + seriesIndex * 14;
      parts.push(`<line x1="${width - right + 12}" y1="${ly - 4}" x2="${width - right + 30}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`);
      parts.push(`<text x="${width - right + 34}" y="${ly}">${escape(name)}</text>`);
    });
  };

  panel(
    0,
    'Throughput per second (5 s windows)',
    [
      { name: 'commands sent', values: windows.map((window) => window.commandsSent / 5) },
      { name: 'match events (matches.v1)', values: windows.map((window) => (window.matchEvents === null ? null : window.matchEvents / 5)) },
      { name: 'webhook deliveries accepted', values: windows.map((window) => window.webhookDeliveries / 5) },
    ],
    'per second',
  );
  panel(
    1,
    'Latency: command accepted → first accepted webhook call',
    [
      { name: 'p50', values: windows.map((window) => window.latencyP50Ms) },
      { name: 'p99', values: windows.map((window) => window.latencyP99Ms) },
    ],
    'ms',
  );
  const groups = [...new Set(windows.flatMap((window) => Object.keys(window.lag ?? {})))];
  panel(
    2,
    'Consumer lag per group (messages behind)',
    groups.map((group) => ({ name: group, values: windows.map((window) => window.lag?.[group] ?? null) })),
    'messages',
  );

  // Fault labels above the first panel, staggered so that neighbours do not overlap.
  report.faults.forEach((fault, index) => {
    const colour = FAULT_COLOURS[fault.kind] ?? '#999';
    parts.push(`<text x="${x(fault.startS).toFixed(1)}" y="${38 + (index % 3) * 11}" fill="${colour}">${escape(`${index + 1} ${fault.kind}`)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
