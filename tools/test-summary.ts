// The closing line of `npm test`: tests passed and failed, suites that failed to load or crashed
// (Jest counts no test in them), and stages that did not run. The exit code decides CI; this line
// is what a person reads, so it must never look green when something did not run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of Jest's `--json` report that the summary reads. */
export interface JestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numFailedTestSuites?: number;
  numRuntimeErrorTestSuites?: number;
  testResults?: Array<{ name: string; status: string; assertionResults?: unknown[]; failureMessage?: string | null }>;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  /** Suites that failed without a failing test: did not compile, threw while loading, or crashed. */
  brokenSuites: string[];
}

export type StageOutcome = 'passed' | 'failed' | 'skipped';

export interface Stage {
  name: string;
  outcome: StageOutcome;
  /** Why a stage was skipped. */
  reason?: string;
}

/** Adds one Jest report to the totals. */
export function addReport(totals: Totals, report: JestReport): Totals {
  const broken = (report.testResults ?? [])
    .filter((suite) => suite.status === 'failed' && !(suite.assertionResults ?? []).some((test) => (test as { status?: string }).status === 'failed'))
    .map((suite) => suite.name);
  // A report without per-suite results still says how many suites failed beyond its failing tests.
  const unexplained = report.testResults === undefined ? Math.max(0, (report.numRuntimeErrorTestSuites ?? 0)) : 0;
  return {
    passed: totals.passed + report.numPassedTests,
    failed: totals.failed + report.numFailedTests,
    skipped: totals.skipped + report.numPendingTests,
    brokenSuites: [...totals.brokenSuites, ...broken, ...Array.from({ length: unexplained }, (_, index) => `(suite ${index + 1} of a report without suite names)`)],
  };
}

/** Reads every Jest `--json` report in `directory`; an unreadable report counts as a broken suite. */
export function summariseReports(directory: string): Totals {
  let totals: Totals = { passed: 0, failed: 0, skipped: 0, brokenSuites: [] };
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.json')).sort()) {
    try {
      totals = addReport(totals, JSON.parse(readFileSync(join(directory, file), 'utf8')) as JestReport);
    } catch {
      totals = { ...totals, brokenSuites: [...totals.brokenSuites, `${file} (unreadable report)`] };
    }
  }
  return totals;
}

/** True when everything ran and nothing failed. */
export function allGreen(totals: Totals, stages: readonly Stage[]): boolean {
  return totals.failed === 0 && totals.brokenSuites.length === 0 && stages.every((stage) => stage.outcome === 'passed');
}

/** `tests: 12 passed, 0 failed` plus what else went wrong or did not run. */
export function closingLine(totals: Totals, stages: readonly Stage[]): string {
  const parts = [`tests: ${totals.passed} passed, ${totals.failed} failed`];
  if (totals.skipped > 0) parts.push(`${totals.skipped} skipped`);
  if (totals.brokenSuites.length > 0) parts.push(`${totals.brokenSuites.length} suite(s) failed to run`);
  const failedStages = stages.filter((stage) => stage.outcome === 'failed');
  if (failedStages.length > 0) parts.push(`stages failed: ${failedStages.map((stage) => stage.name).join(', ')}`);
  const skippedStages = stages.filter((stage) => stage.outcome === 'skipped');
  if (skippedStages.length > 0) {
    parts.push(`stages not run: ${skippedStages.map((stage) => (stage.reason ? `${stage.name} (${stage.reason})` : stage.name)).join(', ')}`);
  }
  return parts.join(', ');
}
