import { expectEventually } from '@talent/testing';
import { AT_LEAST_ONCE } from './fault-check';
import { FaultScenario, positive } from './fault-scenario';

describe('fault: the broker stops and restarts mid-stream', () => {
  const scenario = new FaultScenario('broker-restart');

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('loses nothing and notifies each match once', async () => {
    const problems = await scenario.run({
      faultAt: 0.4,
      fault: async (platform) => {
        const stopped = Date.now();
        await platform.broker.suspend!();
        // The outage is real: the consumers' readiness reports it before the broker returns.
        await expectEventually(async () => expect((await fetch(`${platform.service('matcher').url}/health/ready`)).status).toBe(503), {
          timeoutMs: 60_000,
          intervalMs: 250,
        });
        await platform.broker.resume!();
        return { outageMs: Date.now() - stopped };
      },
      // The readiness probe saw the outage before the broker came back (the wait above fails otherwise).
      confirm: (figures) => positive(figures, 'outageMs'),
      duplicates: AT_LEAST_ONCE,
    });
    expect(problems).toEqual([]);
  });
});
