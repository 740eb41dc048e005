import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { ConsumerLagCollector } from './consumer-lag.collector';
import { EventInbox } from './event-inbox';
import { EventPublisher } from './event-publisher';
import { KafkaConsumers } from './kafka-batch.server';
import { createKafka } from './kafka-client';
import { KAFKA_CLIENT, KAFKA_MODULE_OPTIONS, type KafkaModuleOptions } from './kafka.options';

@Injectable()
class PublisherShutdown implements OnApplicationShutdown {
  constructor(private readonly publisher: EventPublisher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}

@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_MODULE_OPTIONS, useValue: options },
        { provide: KAFKA_CLIENT, useFactory: () => createKafka({ brokers: options.brokers, clientId: options.serviceName }) },
        { provide: EventPublisher, useFactory: (kafka: Kafka) => new EventPublisher(kafka), inject: [KAFKA_CLIENT] },
        EventInbox,
        PublisherShutdown,
        ConsumerLagCollector,
        KafkaConsumers,
      ],
      exports: [KAFKA_MODULE_OPTIONS, KAFKA_CLIENT, EventPublisher, EventInbox, ConsumerLagCollector, KafkaConsumers],
    };
  }
}

export const InjectKafka = () => Inject(KAFKA_CLIENT);
