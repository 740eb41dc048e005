import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { purgeExpired, type RetentionRule } from '@talent/persistence';

const RETENTION_OPTIONS = Symbol('RETENTION_OPTIONS');

export interface RetentionOptions {
  /** Names the lock: instances of one service purge one at a time. */
  serviceName: string;
  intervalSeconds: number;
  rules: readonly RetentionRule[];
}

/**
 * Purges the service's expired rows every `intervalSeconds` (the first round soon after start).
 * Every instance runs it; the advisory lock in `purgeExpired` lets one purge at a time.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RETENTION_OPTIONS) private readonly options: RetentionOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.purge();
    }, this.options.intervalSeconds * 1_000);
    this.timer.unref();
  }

  /** One round; failures (the database away) are logged and the next round tries again. */
  async purge(): Promise<Record<string, number> | undefined> {
    try {
      const deleted = await purgeExpired(this.dataSource, this.options.serviceName, this.options.rules);
      const total = deleted ? Object.values(deleted).reduce((sum, n) => sum + n, 0) : 0;
      if (deleted && total > 0) this.logger.log(`retention: ${total} expired rows deleted (${Object.entries(deleted).map(([name, n]) => `${name} ${n}`).join(', ')})`);
      return deleted;
    } catch (error) {
      this.logger.warn(`retention: ${(error as Error).message}`);
      return undefined;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

@Module({})
export class RetentionModule {
  static forRoot(options: RetentionOptions): DynamicModule {
    return {
      module: RetentionModule,
      providers: [{ provide: RETENTION_OPTIONS, useValue: options }, RetentionService],
      exports: [RetentionService],
    };
  }
}
