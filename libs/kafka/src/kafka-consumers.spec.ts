import { KafkaConsumers, type KafkaBatchServer } from './kafka-batch.server';

describe('closing the consumers', () => {
  it('tells the handlers it is closing before it waits for the run in hand', async () => {
    const consumers = new KafkaConsumers();
    const order: string[] = [];
    consumers.register({ close: () => Promise.resolve(order.push('server closed')) } as unknown as KafkaBatchServer);
    consumers.onClosing(() => order.push('told'));
    await consumers.beforeApplicationShutdown();
    expect(order).toEqual(['told', 'server closed']);
  });

  it('tells a handler that asks once closing has begun, at once', async () => {
    const consumers = new KafkaConsumers();
    await consumers.beforeApplicationShutdown();
    const told = jest.fn();
    consumers.onClosing(told);
    expect(told).toHaveBeenCalledTimes(1);
  });
});
