import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, KafkaHealthIndicator } from './health.controller';
import { ServiceLifecycle } from './service-lifecycle';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [KafkaHealthIndicator, ServiceLifecycle],
  exports: [ServiceLifecycle],
})
export class HealthModule {}
