export const KAFKA_MODULE_OPTIONS = Symbol('KAFKA_MODULE_OPTIONS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');

export interface KafkaModuleOptions {
  brokers: string;
  /** Service name: the kafkajs client id and the `dlq-service` header. */
  serviceName: string;
  /**
   * The service's consumer group: the one its consumers join (`KafkaBatchServer`), its lag is
   * reported for and its dead letters and spans name.
   */
  groupId: string;
  /**
   * Whether a handler's failure is the infrastructure's (its database away or restarting, a
   * connection cut, a deadlock) rather than the event's: such failures are waited out, never
   * counted towards dead-lettering. The services pass `isTransientError` of @talent/persistence;
   * this library knows no database.
   */
  isTransient: (error: unknown) => boolean;
}
