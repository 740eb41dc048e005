import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { consumerLag, registerCollector } from '@talent/observability';
import { KAFKA_CLIENT, KAFKA_MODULE_OPTIONS, type KafkaModuleOptions } from './kafka.options';

/**
 * Reports the service's consumer-group lag at each scrape: per partition, the high watermark
 * minus the group's committed offset (the low watermark when the group has committed nothing
 * yet). It is read from the broker, so it shows a stalled consumer too, not only a busy one.
 */
@Injectable()
export class ConsumerLagCollector implements OnApplicationShutdown {
  private admin: Promise<Admin> | undefined;
  private unregister: (() => void) | undefined;
  private topics: readonly string[] = [];

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {}

  /** Starts reporting the lag of the service's group on these topics. */
  watch(topics: readonly string[]): void {
    this.topics = topics;
    this.unregister ??= registerCollector(() => this.collect());
  }

  async collect(): Promise<void> {
    if (this.topics.length === 0) return;
    const admin = await this.connectedAdmin();
    const groupId = this.options.groupId;
    const committed = await admin.fetchOffsets({ groupId, topics: [...this.topics] });
    const lags: Array<{ topic: string; partition: string; lag: number }> = [];
    for (const { topic, partitions } of committed) {
      const watermarks = await admin.fetchTopicOffsets(topic);
      for (const { partition, high, low } of watermarks) {
        const offset = Number(partitions.find((entry) => entry.partition === partition)?.offset ?? -1);
        const from = offset >= 0 ? offset : Number(low);
        lags.push({ topic, partition: String(partition), lag: Math.max(0, Number(high) - from) });
      }
    }
    consumerLag.reset();
    for (const { topic, partition, lag } of lags) consumerLag.set({ group: groupId, topic, partition }, lag);
  }

  async onApplicationShutdown(): Promise<void> {
    this.unregister?.();
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }
}
