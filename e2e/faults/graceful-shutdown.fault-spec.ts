import { Topics } from '@talent/contracts';
import { expectEventually } from '@talent/testing';
import { MATCHER_INSTANCE_ID, READY_TIMEOUT_MS, type FaultPlatform } from './fault-platform';
import { FaultScenario } from './fault-scenario';

/** Sum of a group's committed offsets on a topic (messages it will not be given again). */
async function committed(platform: FaultPlatform, groupId: string, topic: string): Promise<number> {
  const [offsets] = await platform.admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
}

/**
 * Messages a service has applied, read from the effects it made durable: the matcher stores one
 * read-model row per posting and candidate event (each record has one), the notifier one
 * notification per match event (only the operator's endpoint is configured).
 */
async function processed(platform: FaultPlatform, service: 'matcher' | 'notifier'): Promise<Record<string, number>> {
  if (service === 'matcher') {
    const [row] = await platform.query<{ postings: number; candidates: number }>(
      'matcher',
      'SELECT (SELECT count(*)::int FROM matcher_postings) AS postings, (SELECT count(*)::int FROM matcher_candidates) AS candidates',
    );
    return { [Topics.postings]: row!.postings, [Topics.candidates]: row!.candidates };
  }
  const [row] = await platform.query<{ matches: number }>('notifier', 'SELECT count(*)::int AS matches FROM notifications');
  return { [Topics.matches]: row!.matches };
}

const GROUP_OF = {
  matcher: { [Topics.postings]: `matcher.postings.${MATCHER_INSTANCE_ID}`, [Topics.candidates]: 'matcher' },
  notifier: { [Topics.matches]: 'notifier' },
} as const;

describe('fault: SIGTERM during load', () => {
  const scenario = new FaultScenario('graceful-shutdown');
  const shutdowns: Array<{ service: string; exitCode: number | null; drainMs: number; redeliverable: Record<string, number> }> = [];

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
          const exitCode = await platform.service(service).stop(30_000);
          const drainMs = Date.now() - started;
          // What it applied but did not commit would be handed to it again after the restart.
          const applied = await processed(platform, service);
          const redeliverable: Record<string, number> = {};
          for (const [topic, groupId] of Object.entries(GROUP_OF[service])) {
            redeliverable[topic] = applied[topic]! - (await committed(platform, groupId, topic));
          }
          shutdowns.push({ service, exitCode, drainMs, redeliverable });
          await platform.service(service).start(READY_TIMEOUT_MS);
        }
        return { shutdowns };
      },
    });
    expect(problems).toEqual([]);
    expect(shutdowns.map(({ service, exitCode, redeliverable }) => ({ service, exitCode, redeliverable }))).toEqual([
      { service: 'matcher', exitCode: 0, redeliverable: { [Topics.postings]: 0, [Topics.candidates]: 0 } },
      { service: 'notifier', exitCode: 0, redeliverable: { [Topics.matches]: 0 } },
    ]);
  });
});
