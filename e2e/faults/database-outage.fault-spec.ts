import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from '@talent/testing';
import { AT_LEAST_ONCE } from './fault-check';
import { FaultScenario, positive } from './fault-scenario';

/** Longer than a message's retries would last if a database failure counted as an attempt. */
const OUTAGE_MS = 15_000;

describe('fault: PostgreSQL unreachable mid-stream', () => {
  const scenario = new FaultScenario('database-outage', { databaseProxy: true });

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('loses nothing, dead-letters nothing and notifies each match once while the database is away for 15 s', async () => {
    const problems = await scenario.run({
      faultAt: 0.3,
      fault: async (platform) => {
        const proxy = platform.databaseProxy!;
        const started = Date.now();
        const outage = proxy.outage(OUTAGE_MS);
        // The outage is real: the services' readiness reports it before the database returns.
        await expectEventually(async () => expect((await fetch(`${platform.service('matcher').url}/health/ready`)).status).toBe(503), {
          timeoutMs: OUTAGE_MS,
          intervalMs: 250,
        });
        await outage;
        return { outageMs: Date.now() - started, connectionsCut: proxy.cut, uploadsRefused: platform.refusals.length };
      },
      confirm: (figures) => positive(figures, 'connectionsCut', 'uploadsRefused'),
      duplicates: AT_LEAST_ONCE,
    });
    expect(problems).toEqual([]);
    // Uploads sent while the database was away were refused as retryable, never as a server error.
    const refusals = scenario.platform.refusals;
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.filter((refusal) => refusal.status !== 503 || refusal.type !== 'urn:problem-type:database-unavailable' || refusal.retryAfter !== '2')).toEqual([]);
    // …and logged as warnings, not as errors of the request.
    const answers = ['postings', 'candidates']
      .flatMap((service) => readFileSync(join(scenario.platform.logDir, `${service}.log`), 'utf8').split('\n'))
      .filter((line) => line.includes('"statusCode":503'));
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((line) => !line.startsWith('{"level":"warn"'))).toEqual([]);
  });
});
