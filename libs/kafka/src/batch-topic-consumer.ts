import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Topic } from '@talent/contracts';
import type { Kafka } from 'kafkajs';
import type { BatchHandler, EventInbox } from './event-inbox';
import { GroupConsumer } from './group-consumer';
import type { KafkaModuleOptions } from './kafka.options';

/**
 * A service's consumer of one topic, as the service's own consumer group, applying the events of
 * each fetch in runs (one transaction per run instead of one per message) through the inbox:
 * validation, dead-lettering and, should a run fail, one event at a time with retries. Started
 * with the application; on shutdown it finishes the run in hand and commits before the publisher
 * and the database close.
 */
export abstract class BatchTopicConsumer<T extends Topic> implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: GroupConsumer;

  protected constructor(kafka: Kafka, inbox: EventInbox, options: KafkaModuleOptions, topic: T, maxBatchSize?: number) {
    const applyMany: BatchHandler<T> = (events) => this.applyMany(events);
    this.consumer = new GroupConsumer({
      kafka,
      groupId: options.groupId,
      topics: [topic],
      maxBatchSize,
      handleBatch: (messages, handled) => inbox.dispatchBatch(topic, messages, applyMany, handled),
    });
  }

  /** Applies valid events together; see `BatchHandler`. */
  protected abstract applyMany(events: Parameters<BatchHandler<T>>[0]): ReturnType<BatchHandler<T>>;

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
