import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Topic } from '@talent/contracts';
import type { Kafka } from 'kafkajs';
import { EventInbox, type BatchHandler } from './event-inbox';
import { GroupConsumer } from './group-consumer';
import { KAFKA_CLIENT, KAFKA_MODULE_OPTIONS, type KafkaModuleOptions } from './kafka.options';

/** How a service applies each topic it consumes, a batch of valid events at a time. */
export type TopicBatchHandlers = { [T in Topic]?: BatchHandler<T> };

/**
 * A service's consumer, as the service's own consumer group, applying the events of each fetch in
 * runs of one topic-partition (one transaction per run instead of one per message) through the
 * inbox: validation, dead-lettering and, should a run fail, one event at a time with retries.
 * Started with the application; on shutdown it finishes the run in hand and commits before the
 * publisher and the database close.
 */
export abstract class BatchTopicConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  // Injected as properties, so a subclass's constructor takes only its own dependencies.
  @Inject(KAFKA_CLIENT) private readonly kafka!: Kafka;
  @Inject(EventInbox) private readonly inbox!: EventInbox;
  @Inject(KAFKA_MODULE_OPTIONS) private readonly options!: KafkaModuleOptions;
  private consumer: GroupConsumer | undefined;

  /** The topics consumed and how each is applied; see `BatchHandler`. */
  protected abstract handlers(): TopicBatchHandlers;

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.handlers();
    this.consumer = new GroupConsumer({
      kafka: this.kafka,
      groupId: this.options.groupId,
      topics: Object.keys(handlers),
      handleBatch: (messages, handled) => {
        const topic = messages[0]!.topic as Topic;
        return this.inbox.dispatchBatch(topic, messages, handlers[topic] as BatchHandler<typeof topic>, handled);
      },
    });
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
