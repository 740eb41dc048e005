import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import { GroupConsumer, HEARTBEAT_WHILE_LOADING_MS } from './group-consumer';

/** A kafkajs consumer as far as GroupConsumer uses it, whose crash events a test can raise. */
class FakeConsumer extends EventEmitter {
  readonly events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };
  connected = false;
  disconnects = 0;
  connect = jest.fn(() => {
    this.connected = true;
    return Promise.resolve();
  });
  subscribe = jest.fn(() => Promise.resolve());
  run = jest.fn(() => Promise.resolve());
  disconnect = jest.fn(() => {
    this.connected = false;
    this.disconnects += 1;
    return Promise.resolve();
  });
  crash(restart: boolean): void {
    const error = new Error('Failed to find group coordinator');
    error.name = 'KafkaJSGroupCoordinatorNotFound';
    this.emit(this.events.CRASH, { payload: { error, groupId: 'g', restart } });
  }
}

function kafkaOf(consumers: FakeConsumer[]): Kafka {
  return { consumer: () => consumers[consumers.push(new FakeConsumer()) - 1] } as unknown as Kafka;
}

describe('GroupConsumer after kafkajs gave a consumer up', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts a new consumer when kafkajs does not restart it, with a growing pause', async () => {
    const consumers: FakeConsumer[] = [];
    const group = new GroupConsumer({ kafka: kafkaOf(consumers), groupId: 'g', topics: ['t'], handleBatch: () => Promise.resolve() });
    await group.start();
    expect(consumers).toHaveLength(1);

    consumers[0]!.crash(false);
    await jest.advanceTimersByTimeAsync(999);
    expect(consumers).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(consumers).toHaveLength(2);
    expect(consumers[1]!.connected).toBe(true);
    expect(consumers[1]!.run).toHaveBeenCalledTimes(1);

    // A second crash in a row waits twice as long.
    consumers[1]!.crash(false);
    await jest.advanceTimersByTimeAsync(1_999);
    expect(consumers).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(consumers).toHaveLength(3);
    await group.stop();
  });

  it('leaves a restart to kafkajs when it restarts the consumer itself', async () => {
    const consumers: FakeConsumer[] = [];
    const group = new GroupConsumer({ kafka: kafkaOf(consumers), groupId: 'g', topics: ['t'], handleBatch: () => Promise.resolve() });
    await group.start();
    consumers[0]!.crash(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumers).toHaveLength(1);
    await group.stop();
  });

  it('starts nothing once stopped', async () => {
    const consumers: FakeConsumer[] = [];
    const group = new GroupConsumer({ kafka: kafkaOf(consumers), groupId: 'g', topics: ['t'], handleBatch: () => Promise.resolve() });
    await group.start();
    consumers[0]!.crash(false);
    await group.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(consumers).toHaveLength(1);
  });
});

describe('GroupConsumer while an assignment loads', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps heartbeating until the load is done, so a long load does not cost the member its partitions', async () => {
    const consumers: FakeConsumer[] = [];
    let finishLoad: () => void = () => undefined;
    const handled: number[] = [];
    const group = new GroupConsumer({
      kafka: kafkaOf(consumers),
      groupId: 'g',
      topics: ['t'],
      onAssignment: () => new Promise<void>((resolve) => (finishLoad = resolve)),
      handleBatch: (run) => {
        handled.push(run.length);
        return Promise.resolve();
      },
    });
    await group.start();
    const consumer = consumers[0]!;
    consumer.emit(consumer.events.GROUP_JOIN, { payload: { memberAssignment: { t: [0] } } });
    const { eachBatch } = (consumer.run.mock.calls[0] as unknown as [{ eachBatch: (payload: unknown) => Promise<void> }])[0];
    const heartbeat = jest.fn(() => Promise.resolve());
    const batch = eachBatch({
      batch: { topic: 't', partition: 0, messages: [{ offset: '0', value: null }] },
      heartbeat,
      isRunning: () => true,
      isStale: () => false,
      resolveOffset: () => undefined,
      commitOffsetsIfNecessary: () => Promise.resolve(),
    });

    await jest.advanceTimersByTimeAsync(10 * HEARTBEAT_WHILE_LOADING_MS);
    expect(heartbeat.mock.calls.length).toBeGreaterThanOrEqual(10);
    expect(handled).toEqual([]);
    finishLoad();
    await batch;
    expect(handled).toEqual([1]);

    // Once loaded, a batch waits for nothing and leaves no timer behind.
    heartbeat.mockClear();
    await eachBatch({
      batch: { topic: 't', partition: 0, messages: [{ offset: '1', value: null }] },
      heartbeat,
      isRunning: () => true,
      isStale: () => false,
      resolveOffset: () => undefined,
      commitOffsetsIfNecessary: () => Promise.resolve(),
    });
    expect(handled).toEqual([1, 1]);
    expect(jest.getTimerCount()).toBe(0);
    await group.stop();
  });
});
