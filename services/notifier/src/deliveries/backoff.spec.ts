import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const options = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles with each attempt, between half and all of the exponential delay', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, options, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, options, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('is capped', () => {
    expect(retryDelayMs(30, options, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, options, () => 0)).toBe(30_000);
  });

  it('spreads retries that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, options)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
