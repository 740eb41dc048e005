import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

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

/** kafkajs settings shared by the Nest transport, the publisher and the admin client. */
export function kafkaClientConfig(options: KafkaConnectionOptions): KafkaConfig {
  return {
    clientId: options.clientId,
    brokers: parseBrokers(options.brokers),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
  };
}

export function createKafka(options: KafkaConnectionOptions): Kafka {
  return new Kafka(kafkaClientConfig(options));
}
