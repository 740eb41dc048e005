import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';

export interface KafkaConnectionOptions {
  brokers: string;
  clientId: string;
}

export function parseBrokers(brokers: string): string[] {
  return brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

/**
 * TLS and SASL settings from the environment (KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SASL_MECHANISM,
 * KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD), validated at start-up by each service's config schema.
 * Unset, the connection is plaintext without authentication (the local broker).
 */
export function kafkaSecurity(env: NodeJS.ProcessEnv = process.env): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const security: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (env.KAFKA_SSL === 'true') {
    security.ssl = env.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] } : true;
  }
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    if (mechanism !== 'plain' && mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512') {
      throw new Error(`KAFKA_SASL_MECHANISM: unsupported mechanism ${mechanism}`);
    }
    const username = env.KAFKA_SASL_USERNAME;
    const password = env.KAFKA_SASL_PASSWORD;
    if (!username || !password) throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM');
    security.sasl = { mechanism, username, password } as SASLOptions;
  }
  return security;
}

/**
 * How long a consumer's fetch may wait for how much data (KAFKA_FETCH_MIN_BYTES,
 * KAFKA_FETCH_MAX_WAIT_MS, validated at start-up by each service's config schema; these defaults
 * when unset).
 */
export function consumerFetch(env: NodeJS.ProcessEnv = process.env): { minBytes: number; maxWaitTimeInMs: number } {
  return { minBytes: Number(env.KAFKA_FETCH_MIN_BYTES ?? 32_768), maxWaitTimeInMs: Number(env.KAFKA_FETCH_MAX_WAIT_MS ?? 50) };
}

/** kafkajs settings shared by the Nest transport, the publisher and the admin client. */
export function kafkaClientConfig(options: KafkaConnectionOptions): KafkaConfig {
  return {
    clientId: options.clientId,
    brokers: parseBrokers(options.brokers),
    ...kafkaSecurity(),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
  };
}

export function createKafka(options: KafkaConnectionOptions): Kafka {
  return new Kafka(kafkaClientConfig(options));
}
