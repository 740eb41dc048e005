export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before the next attempt after `attempts` failed ones: exponential (base × 2^(n-1)),
 * capped, with "equal jitter" (half fixed, half random) so that deliveries which failed together
 * do not all retry in the same instant, while the delay still grows.
 */
export function retryDelayMs(attempts: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
