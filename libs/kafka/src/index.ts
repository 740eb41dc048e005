export * from './kafka-client';
export * from './topic-admin';
export * from './event-publisher';
export * from './dead-letter';
export * from './event-inbox';
export * from './kafka.options';
export * from './kafka.module';
export * from './kafka-server';
export type { Kafka } from 'kafkajs';
