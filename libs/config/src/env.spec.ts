import { z } from 'zod';
import { baseEnvSchema, ConfigError, databaseUrl, parseEnv, portSchema, refineKafkaSecurityEnv } from './env';

const schema = baseEnvSchema.extend({ PORT: portSchema(3001), DATABASE_URL: databaseUrl('postings') });

describe('parseEnv', () => {
  it('has safe local defaults for everything', () => {
    expect(parseEnv(schema, {})).toMatchObject({
      PORT: 3001,
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postings',
    });
  });

  it.each([
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://root@localhost/db'],
    ['DATABASE_URL', 'postgres://localhost:5432'],
    ['KAFKA_BROKERS', 'localhost'],
    ['PORT', 'eighty'],
  ])('names %s when it is %j', (name, value) => {
    expect(() => parseEnv(schema, { [name]: value })).toThrow(new RegExp(`${name}: `));
  });

  it('lists every problem at once', () => {
    try {
      parseEnv(schema, { PORT: '-1', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['LOG_LEVEL', 'PORT']);
    }
  });

  it('keeps the inferred type', () => {
    const env: { PORT: number } = parseEnv(z.object({ PORT: portSchema(1) }), {});
    expect(env.PORT).toBe(1);
  });
});

describe('Kafka security settings', () => {
  const secured = schema.superRefine(refineKafkaSecurityEnv);

  it('default to plaintext, and accept TLS with SASL credentials', () => {
    expect(parseEnv(secured, {})).toMatchObject({ KAFKA_SSL: 'false' });
    expect(
      parseEnv(secured, { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }),
    ).toMatchObject({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256' });
  });

  it('name the missing credential when a mechanism is set without it', () => {
    expect(() => parseEnv(secured, { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })).toThrow(/KAFKA_SASL_PASSWORD/);
    expect(() => parseEnv(secured, { KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
