import { Transport, type KafkaOptions } from '@nestjs/microservices';
import { kafkaClientConfig } from './kafka-client';
import type { KafkaModuleOptions } from './kafka.options';

/**
 * Options of the NestJS Kafka transport for a service's consumers: the service's own group,
 * from the beginning of the topics the first time the group joins (nothing published before a
 * service first started is skipped), raw values kept as bytes (the inbox validates them and
 * dead-letters the original bytes), offsets committed only after the handler resolved.
 */
export function kafkaServerOptions(options: KafkaModuleOptions): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: kafkaClientConfig({ brokers: options.brokers, clientId: `${options.serviceName}-consumer` }),
      consumer: {
        groupId: options.groupId,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
        allowAutoTopicCreation: false,
      },
      subscribe: { fromBeginning: true },
      run: { autoCommit: true },
      parser: { keepBinary: true },
    },
  };
}
