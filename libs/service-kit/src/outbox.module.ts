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
import { OutboxRelay } from '@talent/persistence';

const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

export interface OutboxModuleOptions {
  serviceName: string;
  pollIntervalMs: number;
}

/** Runs the service's outbox relay for the lifetime of the application. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly relay: OutboxRelay;

  constructor(dataSource: DataSource, publisher: EventPublisher, @Inject(OUTBOX_OPTIONS) options: OutboxModuleOptions) {
    this.relay = new OutboxRelay(dataSource, publisher, {
      lockName: options.serviceName,
      pollIntervalMs: options.pollIntervalMs,
      onError: (error) => this.logger.warn(`outbox relay: ${(error as Error).message}`),
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  /** Call after committing rows, to publish without waiting for the next poll. */
  nudge(): void {
    this.relay.nudge();
  }

  async onApplicationShutdown(): Promise<void> {
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
