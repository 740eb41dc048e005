/**
 * Applies work that arrives while earlier work is being applied as one group: idle, an item is
 * applied at once and alone; busy, everything that arrived meanwhile goes together (one
 * transaction or statement instead of one each). `apply` returns one result per item, in order.
 * Should a group fail, its items are applied again one at a time, so an item's failure is its own
 * and the others still succeed.
 */
export class GroupCommit<I, R> {
  private readonly waiting: Array<{ item: I; resolve: (result: R) => void; reject: (error: Error) => void }> = [];
  private applying = false;

  constructor(
    private readonly apply: (items: readonly I[]) => Promise<readonly R[]>,
    private readonly maxGroup = 500,
  ) {}

  /** Resolves with the item's result once its group is applied; rejects with its own failure. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.applying) return;
    this.applying = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.maxGroup);
        try {
          const results = await this.apply(group.map(({ item }) => item));
          group.forEach((entry, i) => entry.resolve(results[i] as R));
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(asError(error));
            continue;
          }
          for (const entry of group) {
            try {
              const [result] = await this.apply([entry.item]);
              entry.resolve(result as R);
            } catch (alone) {
              entry.reject(asError(alone));
            }
          }
        }
      }
    } finally {
      this.applying = false;
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
