import { Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { KafkaModule } from '@talent/kafka';
import { OutboxModule } from '@talent/outbox';
import { isTransientError } from '@talent/persistence';
import { ObservabilityModule } from '@talent/observability';
import { serviceVersion, stopTelemetry } from '@talent/telemetry';
import { AuthModule } from './auth/auth.module';
import type { AuthOptions } from './auth/auth-config';
import { HealthModule } from './health.module';

import type { RateLimitOptions } from './rate-limit/rate-limit-config';
import { RateLimitModule } from './rate-limit/rate-limit.module';

export interface PlatformOptions {
  serviceName: string;
  kafkaBrokers: string;
  /** The service's consumer group (default: the service's name): the one place it is named. */
  groupId?: string;
  outboxPollIntervalMs: number;
  /** Defaults to `LOG_LEVEL` (validated with the rest of the environment), else `info`. */
  logLevel?: string;
  /** Bearer-token authentication of the HTTP API (see `authOptions(env)`); none when absent. */
  auth?: AuthOptions;
  /** Per-client request limits shared through Redis (see `rateLimitOptions(env, name)`); none when absent. */
  rateLimit?: RateLimitOptions;
}

/** Flushes the last spans when the application shuts down. */
@Injectable()
class TelemetryFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTelemetry();
  }
}

/**
 * What every service has: JSON logs and `/metrics`, Kafka publisher and inbox, outbox relay,
 * health endpoints, and (when configured) authentication and rate limiting.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ObservabilityModule.forRoot({
          service: options.serviceName,
          version: serviceVersion(),
          level: options.logLevel ?? process.env.LOG_LEVEL ?? 'info',
        }),
        KafkaModule.forRoot({ brokers: options.kafkaBrokers, serviceName: options.serviceName, groupId: options.groupId ?? options.serviceName, isTransient: isTransientError }),
        OutboxModule.forRoot({ serviceName: options.serviceName, pollIntervalMs: options.outboxPollIntervalMs }),
        HealthModule,
        ...(options.auth ? [AuthModule.forRoot(options.auth)] : []),
        ...(options.rateLimit ? [RateLimitModule.forRoot(options.rateLimit)] : []),
      ],
      providers: [TelemetryFlush],
    };
  }
}
