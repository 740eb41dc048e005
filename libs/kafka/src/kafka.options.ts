export const KAFKA_MODULE_OPTIONS = Symbol('KAFKA_MODULE_OPTIONS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');

export interface KafkaModuleOptions {
  brokers: string;
  /** Service name: the kafkajs client id and the `dlq-service` header. */
  serviceName: string;
  /** Consumer group of the service's consumers. */
  groupId: string;
}
