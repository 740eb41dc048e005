import { ratioOf, verdictOf, type BenchRow } from './bench-result';

const number = (value: number): string =>
  Number.isFinite(value) ? value.toLocaleString('en', { maximumFractionDigits: value >= 100 ? 0 : value >= 10 ? 1 : 2 }) : 'n/a';

const ratio = (value: number): string => (Number.isFinite(value) ? value.toLocaleString('en', { maximumSignificantDigits: 3 }) : 'n/a');

/** One row per figure: measure, ours, baseline, ratio (ours / baseline) and what it means. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['measure', 'unit', 'ours', 'baseline', 'ratio', 'reading', 'baseline is'];
  const lines = rows.map((row) => [row.measure, row.unit, number(row.ours), number(row.baseline), ratio(ratioOf(row)), verdictOf(row), row.baselineName]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => (line[i] ?? '').length)));
  const numeric = new Set([2, 3, 4]);
  const format = (cells: string[]): string =>
    cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' │ ').trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  return [format(header), rule, ...lines.map(format)].join('\n');
}

/** The same table in Markdown, for docs/benchmarks.md. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
  const lines = rows.map((row) => `| ${row.measure} | ${row.unit} | ${number(row.ours)} | ${number(row.baseline)} | ${ratio(ratioOf(row))} | ${verdictOf(row)} | ${row.baselineName} |`);
  return ['| measure | unit | ours | baseline | ratio | reading | baseline is |', '|---|---|---:|---:|---:|---|---|', ...lines].join('\n');
}
