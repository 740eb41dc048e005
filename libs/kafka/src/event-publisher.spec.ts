import { breaksIdempotence } from './event-publisher';

describe('breaksIdempotence', () => {
  it('names the protocol errors after which the idempotent producer must be replaced, also when wrapped', () => {
    expect(breaksIdempotence({ name: 'KafkaJSProtocolError', type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' })).toBe(true);
    expect(breaksIdempotence({ name: 'KafkaJSNonRetriableError', originalError: { type: 'UNKNOWN_PRODUCER_ID' } })).toBe(true);
    expect(breaksIdempotence(new Error('outer', { cause: { type: 'INVALID_PRODUCER_EPOCH' } }))).toBe(true);
  });

  it('leaves other failures (the broker is away, a timeout) to the usual retries', () => {
    expect(breaksIdempotence({ name: 'KafkaJSConnectionError', message: 'connect ECONNREFUSED' })).toBe(false);
    expect(breaksIdempotence({ type: 'REQUEST_TIMED_OUT' })).toBe(false);
    expect(breaksIdempotence(undefined)).toBe(false);
  });
});
