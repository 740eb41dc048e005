import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventPublisher } from '@talent/kafka';
import { outboxBacklog, outboxOldestAge, registerCollector } from '@talent/observability';
import { OutboxRelay, readOutboxBacklog } from './outbox-relay';

const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

export interface OutboxModuleOptions {
  serviceName: string;
  pollIntervalMs: number;
}

/**
 * Runs the service's outbox relay for the lifetime of the application, and reports the outbox
 * backlog (`outbox_backlog_messages`, `outbox_oldest_unpublished_age_seconds`) at each scrape.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly relay: OutboxRelay;
  private unregisterCollector: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    publisher: EventPublisher,
    @Inject(OUTBOX_OPTIONS) options: OutboxModuleOptions,
  ) {
    this.relay = new OutboxRelay(dataSource, publisher, {
      lockName: options.serviceName,
      pollIntervalMs: options.pollIntervalMs,
      onError: (error) => this.logger.warn(`outbox relay: ${(error as Error).message}`),
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    this.unregisterCollector = registerCollector(async () => {
      const backlog = await readOutboxBacklog(this.dataSource);
      outboxBacklog.set(backlog.messages);
      outboxOldestAge.set(backlog.oldestAgeSeconds);
    });
  }

  /** Call after committing rows, to publish without waiting for the next poll. */
  nudge(): void {
    this.relay.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unregisterCollector?.();
    await this.relay.stop();
  }
}

@Module({})
export class OutboxModule {
  static forRoot(options: OutboxModuleOptions): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      providers: [{ provide: OUTBOX_OPTIONS, useValue: options }, OutboxRelayService],
      exports: [OutboxRelayService],
    };
  }
}
