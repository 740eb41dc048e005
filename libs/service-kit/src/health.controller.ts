import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectKafka, pingBroker, type Kafka } from '@talent/kafka';
import { ServiceLifecycle } from './service-lifecycle';

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    @InjectKafka() private readonly kafka: Kafka,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isReachable(key: 'kafka') {
    const indicator = this.indicators.check(key);
    try {
      await pingBroker(this.kafka);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

/**
 * Liveness says the process runs; readiness says it can do its work: database and broker
 * reachable, its consumers running, and not shutting down.
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly lifecycle: ServiceLifecycle,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([...this.dependencyChecks(), () => this.consumers()]);
  }

  /** The dependencies alone; throws (503) while one is down. Start-up waits on it before consuming. */
  dependencies() {
    return this.health.check(this.dependencyChecks());
  }

  private dependencyChecks() {
    return [() => this.database.pingCheck('database', { timeout: 2_000 }), () => this.kafka.isReachable('kafka')];
  }

  private consumers() {
    const indicator = this.indicators.check('consumers');
    if (this.lifecycle.draining) return indicator.down({ message: 'shutting down' });
    if (this.lifecycle.consumersExpected && !this.lifecycle.consumersRunning) return indicator.down({ message: 'not started yet' });
    return indicator.up({ running: this.lifecycle.consumersRunning });
  }
}
