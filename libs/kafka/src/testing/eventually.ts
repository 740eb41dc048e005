/**
 * Polls until `check` stops throwing, for this library's integration specs (a platform library
 * cannot use the testing library's helpers). Not exported from the library.
 */
export async function expectEventually(check: () => void, { timeoutMs }: { timeoutMs: number }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
