import { baseEnvSchema } from '@talent/config';
import { consumerFetch, kafkaSecurity } from './kafka-client';

describe('kafkaSecurity', () => {
  it('is plaintext without authentication when nothing is set (the local broker)', () => {
    expect(kafkaSecurity({})).toEqual({});
  });

  it('turns on TLS, and SASL with the given mechanism and credentials', () => {
    expect(
      kafkaSecurity({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'matcher', KAFKA_SASL_PASSWORD: 's3cret' }),
    ).toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'matcher', password: 's3cret' } });
  });

  it('refuses a mechanism without credentials', () => {
    expect(() => kafkaSecurity({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_USERNAME/);
  });
});

describe('consumerFetch', () => {
  it('defaults to what the services validate as their defaults', () => {
    const defaults = baseEnvSchema.parse({});
    expect(consumerFetch({})).toEqual({ minBytes: defaults.KAFKA_FETCH_MIN_BYTES, maxWaitTimeInMs: defaults.KAFKA_FETCH_MAX_WAIT_MS });
  });

  it('takes KAFKA_FETCH_MIN_BYTES and KAFKA_FETCH_MAX_WAIT_MS', () => {
    expect(consumerFetch({ KAFKA_FETCH_MIN_BYTES: '1', KAFKA_FETCH_MAX_WAIT_MS: '500' })).toEqual({ minBytes: 1, maxWaitTimeInMs: 500 });
  });
});
