import { FaultScenario } from './fault-scenario';

const HUNG_CALLS = { from: 100, count: 40 };

describe('fault: a webhook receiver that hangs', () => {
  // From its 100th call the receiver stops answering for 40 calls (it accepts the connection and
  // never responds); the notifier gives up on each after NOTIFY_WEBHOOK_TIMEOUT_MS and retries.
  const scenario = new FaultScenario('webhook-hang', {
    env: { notifier: { NOTIFY_WEBHOOK_TIMEOUT_MS: '1000' } },
    react: ({ index }) => (index >= HUNG_CALLS.from && index < HUNG_CALLS.from + HUNG_CALLS.count ? 'hang' : { status: 200 }),
  });

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('times the hung calls out, retries them, and delivers each match exactly once', async () => {
    const problems = await scenario.run();
    expect(problems).toEqual([]);
    expect(scenario.receiver.calls.filter((call) => call.status === null)).toHaveLength(HUNG_CALLS.count);
  });
});
