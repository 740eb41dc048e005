import { Topics } from '@talent/contracts';
import { expectEventually } from '@talent/testing';
import { processed, redeliverable } from './consumer-progress';
import { READY_TIMEOUT_MS } from './fault-platform';
import { FaultScenario } from './fault-scenario';

describe('fault: SIGTERM during load', () => {
  const scenario = new FaultScenario('graceful-shutdown');
  const shutdowns: Array<{ service: string; exit: unknown; drainMs: number; redeliverable: Record<string, number> }> = [];

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('drains, commits the offsets of everything it applied, and restarts without redelivery', async () => {
    const problems = await scenario.run({
      faultAt: 0.4,
      fault: async (platform) => {
        for (const service of ['matcher', 'notifier'] as const) {
          // Under load: the service has applied some messages and more are waiting.
          await expectEventually(
            async () => {
              const done = Object.values(await processed(platform, service)).reduce((sum, count) => sum + count, 0);
              if (done < 50) throw new Error(`${service} has applied ${done} messages`);
            },
            { timeoutMs: 120_000, intervalMs: 50 },
          );
          const started = Date.now();
          await platform.service(service).stop(30_000);
          const drainMs = Date.now() - started;
          // Nest runs the shutdown hooks, then re-raises the signal: ended by SIGTERM, not by the SIGKILL after 30 s.
          const exit = platform.service(service).lastExit;
          shutdowns.push({ service, exit, drainMs, redeliverable: await redeliverable(platform, service) });
          await platform.service(service).start(READY_TIMEOUT_MS);
        }
        return { shutdowns };
      },
      // Confirmed below: each service ended by SIGTERM.
      confirm: (figures) => ((figures.shutdowns as unknown[]).length === 2 ? [] : ['fault not confirmed: not both services were stopped']),
    });
    expect(problems).toEqual([]);
    expect(shutdowns.map(({ service, exit, redeliverable }) => ({ service, exit, redeliverable }))).toEqual([
      { service: 'matcher', exit: { code: null, signal: 'SIGTERM' }, redeliverable: { [Topics.postings]: 0, [Topics.candidates]: 0 } },
      { service: 'notifier', exit: { code: null, signal: 'SIGTERM' }, redeliverable: { [Topics.matches]: 0 } },
    ]);
    for (const { drainMs } of shutdowns) expect(drainMs).toBeLessThan(30_000);
  });
});
