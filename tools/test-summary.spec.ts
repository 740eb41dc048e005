import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allGreen, closingLine, summariseReports, type Stage } from './test-summary.ts';

const jestBin = join(__dirname, '..', 'node_modules', '.bin', 'jest');

/** Runs real Jest over the given suites and returns the directory holding its `--json` report. */
function jestReportOf(suites: Record<string, string>): string {
  const project = mkdtempSync(join(tmpdir(), 'summary-project-'));
  const reports = mkdtempSync(join(tmpdir(), 'summary-reports-'));
  for (const [name, source] of Object.entries(suites)) writeFileSync(join(project, name), source);
  writeFileSync(join(project, 'jest.config.cjs'), "module.exports = { testMatch: ['**/*.spec.js'] };");
  try {
    execFileSync(jestBin, ['-c', join(project, 'jest.config.cjs'), '--rootDir', project, '--json', `--outputFile=${join(reports, 'report.json')}`], { stdio: 'ignore' });
  } catch {
    // Jest exits non-zero when a suite fails: the report is what is checked.
  }
  rmSync(project, { recursive: true, force: true });
  return reports;
}

const passing = "test('adds', () => { if (1 + 1 !== 2) throw new Error('no'); });";
const allPassed: Stage[] = [{ name: 'unit', outcome: 'passed' }];

describe('the closing line of npm test', () => {
  it('is green when every suite ran and passed', () => {
    const totals = summariseReports(jestReportOf({ 'a.spec.js': passing }));
    expect(totals).toMatchObject({ passed: 1, failed: 0, brokenSuites: [] });
    expect(allGreen(totals, allPassed)).toBe(true);
    expect(closingLine(totals, allPassed)).toBe('tests: 1 passed, 0 failed');
  });

  it('counts a suite that throws while loading, which has no failing test', () => {
    const totals = summariseReports(jestReportOf({ 'a.spec.js': passing, 'broken.spec.js': "throw new Error('cannot load');\ntest('never', () => {});" }));
    expect(totals.failed).toBe(0);
    expect(totals.brokenSuites).toHaveLength(1);
    expect(totals.brokenSuites[0]).toContain('broken.spec.js');
    expect(allGreen(totals, allPassed)).toBe(false);
    expect(closingLine(totals, allPassed)).toBe('tests: 1 passed, 0 failed, 1 suite(s) failed to run');
  });

  it('counts a suite that does not compile', () => {
    const totals = summariseReports(jestReportOf({ 'a.spec.js': passing, 'syntax.spec.js': 'test("x", () => { ' }));
    expect(totals.brokenSuites).toHaveLength(1);
    expect(allGreen(totals, allPassed)).toBe(false);
  });

  it('names the stages that failed or did not run', () => {
    const totals = summariseReports(jestReportOf({ 'a.spec.js': passing }));
    const stages: Stage[] = [
      { name: 'unit', outcome: 'failed' },
      { name: 'integration', outcome: 'skipped', reason: 'an earlier stage failed' },
    ];
    expect(allGreen(totals, stages)).toBe(false);
    expect(closingLine(totals, stages)).toBe('tests: 1 passed, 0 failed, stages failed: unit, stages not run: integration (an earlier stage failed)');
  });
});
