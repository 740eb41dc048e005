// `npm run eval`: how well the job-description parser and the matcher agree with the labelled
// corpus, per field, for the tuning part and, separately, for the held-back part (the honest
// figures: it is never used to tune the parser). `--details` lists what disagreed in the tuning part;
// `--part=tuning` leaves the held-back part out.
import { defaultTaxonomy } from '@talent/skills';
import { loadPart, PARTS } from './corpus';
import { evaluatePart, type PartReport } from './evaluate';
import { THRESHOLDS } from './thresholds';

const details = process.argv.includes('--details');
/** `--part=tuning` evaluates one part only (while tuning, the held-back figures are best left unseen). */
const onlyPart = process.argv.find((arg) => arg.startsWith('--part='))?.slice('--part='.length);
const pct = (value: number): string => `${(value * 100).toFixed(1)} %`;

function print(report: PartReport): void {
  const { required, preferred } = report;
  const rows: Array<[string, string, string]> = [
    ['required skills', `precision ${pct(required.precision)}, recall ${pct(required.recall)}`, `≥ ${pct(THRESHOLDS.required)}`],
    ['preferred skills', `precision ${pct(preferred.precision)}, recall ${pct(preferred.recall)}`, `≥ ${pct(THRESHOLDS.preferred)}`],
    ['title', `accuracy ${pct(report.title)}`, ''],
    ['experience years', `accuracy ${pct(report.experienceYears)}`, ''],
    ['workplace', `accuracy ${pct(report.workplace)}`, ''],
    ['location', `accuracy ${pct(report.location)}`, ''],
    ['match / no match', `agreement ${pct(report.match.agreement)} (${report.match.agreeing} of ${report.match.pairs} pairs)`, `≥ ${pct(THRESHOLDS.match)}`],
    ['ordering', `agreement ${pct(report.ordering.agreement)} (${report.ordering.agreeing} of ${report.ordering.pairs} pairs)`, `≥ ${pct(THRESHOLDS.ordering)}`],
  ];
  console.log(`\n${report.part} (${report.postings} postings)`);
  for (const [field, figure, threshold] of rows) console.log(`  ${field.padEnd(18)} ${figure.padEnd(48)} ${threshold}`);
}

for (const name of PARTS.filter((part) => onlyPart === undefined || part === onlyPart)) {
  const report = evaluatePart(loadPart(name), defaultTaxonomy);
  print(report);
  if (details && name === 'tuning') {
    for (const entry of report.disagreements) console.log(`\n  ${entry.posting}\n${JSON.stringify({ ...entry, posting: undefined }, null, 1).replace(/^/gm, '    ')}`);
  }
}
