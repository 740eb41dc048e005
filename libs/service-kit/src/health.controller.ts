import { Controller, Get, Injectable } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectKafka, pingBroker, type Kafka } from '@talent/kafka';

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

/** Liveness says the process runs; readiness says it can do its work (database and broker reachable). */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2_000 }),
      () => this.kafka.isReachable('kafka'),
    ]);
  }
}
