import { expectEventually } from '@talent/testing';
import { redeliverable } from './consumer-progress';
import { DELIVERY_PER_DESTINATION, READY_TIMEOUT_MS, type FaultPlatform } from './fault-platform';
import { AT_LEAST_ONCE, inFlightAtKill } from './fault-check';
import { FaultScenario } from './fault-scenario';

/** Waits until the service has work in hand, so the kill lands mid-batch. */
async function busy(platform: FaultPlatform, service: 'matcher' | 'notifier'): Promise<void> {
  const sql =
    service === 'matcher'
      ? `SELECT (SELECT count(*) FROM matches) > 0 AS ready`
      : `SELECT count(*) FILTER (WHERE status = 'delivered') > 0 AND count(*) FILTER (WHERE status IN ('pending', 'delivering')) > 0 AS ready FROM deliveries`;
  await expectEventually(
    async () => {
      const [row] = await platform.query<{ ready: boolean }>(service, sql);
      if (!row?.ready) throw new Error(`${service} not busy yet`);
    },
    { timeoutMs: 120_000, intervalMs: 50 },
  );
}

describe('fault: kill -9 of the matcher, then of the notifier, mid-batch', () => {
  const scenario = new FaultScenario('process-kill');

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('loses nothing and notifies each match once', async () => {
    const problems = await scenario.run({
      faultAt: 0.3,
      fault: async (platform) => {
        const figures: Record<string, unknown> = {};
        for (const service of ['matcher', 'notifier'] as const) {
          await busy(platform, service);
          const killed = Date.now();
          await platform.service(service).kill('SIGKILL');
          // The kill is confirmed by how the process ended (a process already gone would not say SIGKILL).
          figures[`${service}EndedBy`] = platform.service(service).lastExit?.signal ?? 'not killed';
          // Applied but not committed: handed to the restarted service again (its idempotence absorbs them).
          for (const [topic, count] of Object.entries(await redeliverable(platform, service))) figures[`${service}Redeliverable ${topic}`] = count;
          await platform.service(service).start(READY_TIMEOUT_MS);
          figures[`${service}RestartMs`] = Date.now() - killed;
        }
        return figures;
      },
      confirm: (figures) =>
        (['matcher', 'notifier'] as const).filter((service) => figures[`${service}EndedBy`] !== 'SIGKILL').map((service) => `fault not confirmed: ${service} ended by ${String(figures[`${service}EndedBy`])}, not SIGKILL`),
      // The notifier is killed once: what it had sent and not yet recorded is sent again.
      duplicates: { ...AT_LEAST_ONCE, webhookInFlight: inFlightAtKill(1, DELIVERY_PER_DESTINATION) },
    });
    expect(problems).toEqual([]);
  });
});
