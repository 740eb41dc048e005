import type { Reaction } from './webhook-receiver';
import { FaultScenario } from './fault-scenario';

const FAILURES: Reaction[] = [{ status: 500 }, { status: 503 }, 'reset'];

describe('fault: a webhook receiver failing half its requests', () => {
  // Every delivery's first call fails (500, 503 or a reset connection, in turn) and its retry
  // succeeds: exactly half the calls fail, and no delivery can run out of attempts by chance.
  const scenario = new FaultScenario('webhook-failures', {
    react: ({ index, attempt }) => (attempt === 1 ? FAILURES[index % FAILURES.length]! : { status: 200 }),
  });

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('retries each failed call until accepted, and delivers each match exactly once', async () => {
    const problems = await scenario.run();
    expect(problems).toEqual([]);
    const { calls, accepted } = scenario.receiver;
    expect(calls.length).toBe(2 * accepted.length);
  });
});
