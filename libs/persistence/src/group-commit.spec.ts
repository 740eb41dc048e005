import { GroupCommit } from './group-commit';

/** An apply that records its groups and answers when told to. */
function recording(fail: (item: number, group: readonly number[]) => boolean = () => false) {
  const groups: number[][] = [];
  const pending: Array<() => void> = [];
  const apply = (items: readonly number[]) => {
    groups.push([...items]);
    return new Promise<number[]>((resolve, reject) => {
      pending.push(() => {
        const failing = items.find((item) => fail(item, items));
        if (failing === undefined) resolve(items.map((item) => item * 10));
        else reject(new Error(`item ${failing} failed`));
      });
    });
  };
  const settle = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { groups, apply, settle };
}

describe('GroupCommit', () => {
  it('applies an item alone when idle, and what arrives meanwhile as one group, each getting its own result', async () => {
    const { groups, apply, settle } = recording();
    const commit = new GroupCommit(apply);
    const results = [commit.submit(1), commit.submit(2), commit.submit(3)];
    await settle();
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30]);
    expect(groups).toEqual([[1], [2, 3]]);
  });

  it('caps a group', async () => {
    const { groups, apply, settle } = recording();
    const commit = new GroupCommit(apply, 2);
    const results = [1, 2, 3, 4, 5].map((item) => commit.submit(item));
    await settle();
    await Promise.all(results);
    expect(groups).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('applies a failed group one item at a time: only the failing item fails', async () => {
    const { groups, apply, settle } = recording((item) => item === 3);
    const commit = new GroupCommit(apply);
    const results = [1, 2, 3, 4].map((item) => commit.submit(item).then((value) => ({ value }), (error: Error) => ({ error: error.message })));
    await settle();
    expect(await Promise.all(results)).toEqual([{ value: 10 }, { value: 20 }, { error: 'item 3 failed' }, { value: 40 }]);
    expect(groups).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('starts again for work submitted after it went idle', async () => {
    const { groups, apply, settle } = recording();
    const commit = new GroupCommit(apply);
    const first = commit.submit(1);
    await settle();
    await first;
    const second = commit.submit(2);
    await settle();
    await expect(second).resolves.toBe(20);
    expect(groups).toEqual([[1], [2]]);
  });
});
