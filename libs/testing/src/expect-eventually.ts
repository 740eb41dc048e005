export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Retries an assertion (or a probe returning a value) until it passes or the deadline expires;
 * the last failure is rethrown. Tests poll for the state they expect instead of sleeping.
 */
export async function expectEventually<T>(probe: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const interval = options.intervalMs ?? 100;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() + interval > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}
