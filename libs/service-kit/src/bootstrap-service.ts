import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { Topic } from '@talent/contracts';
import { ConsumerLagCollector, consumedTopics, createKafka, ensureTopics, KafkaBatchServer, type KafkaConsumerGroup } from '@talent/kafka';
import { createLogger, httpObservability } from '@talent/observability';
import { migrateDatabase, type DatabaseOptions } from '@talent/persistence';
import { serviceVersion, stopTelemetry } from '@talent/telemetry';
import { HealthController } from './health.controller';
import { applyHttpDefences } from './http-defences';
import { serveOpenApi } from './open-api';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ServiceLifecycle } from './service-lifecycle';
import { answerUnparsableRequestsAsProblems } from './unparsable-request';

export interface ServiceEnv {
  HOST: string;
  PORT: number;
  DATABASE_URL: string;
  KAFKA_BROKERS: string;
  KAFKA_TOPIC_PARTITIONS: number;
  KAFKA_REPLICATION_FACTOR: number;
  LOG_LEVEL?: string;
}

export interface ServiceDefinition {
  name: string;
  env: ServiceEnv;
  module: Type<unknown> | DynamicModule;
  database: Omit<DatabaseOptions, 'url' | 'applicationName'>;
  /**
   * The service's consumers, run by the `KafkaBatchServer` transport: each a consumer group and the
   * topics it reads, whose events go to the `@EventPattern(topic)` handlers of the service's
   * `@KafkaConsumer()` classes. Here the topics are created, and readiness waits for the database
   * and the broker; the service's own group (`KafkaModuleOptions.groupId`) reports its lag.
   */
  consumers?: readonly KafkaConsumerGroup[];
  /** Topics the service produces. */
  produces: readonly Topic[];
  /** OpenAPI document served at `/openapi.json` (and a browsable UI at `/docs`). */
  openApi?: { title: string; description: string };
  /** Unsafe settings the operator should know of, logged as warnings at every start. */
  warnings?: ReadonlyArray<string | undefined>;
}

/**
 * The start-up sequence every service shares: migrate its database, make sure its topics exist
 * (both must answer for that), start the application and HTTP (so `/health/live` and `/metrics`
 * answer), then its consumers (the `KafkaBatchServer` transport of a hybrid application, whose
 * consumers join their groups), and report ready once the database and the broker answer the
 * health checks. On SIGTERM it reports not ready, stops its consumers (the run in hand finishes and
 * its offsets are committed: they stop before the shutdown hooks), stops taking HTTP requests, then
 * stops the outbox relay and closes connections.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<INestApplication> {
  const { env } = definition;
  const logger = createLogger({ service: definition.name, version: serviceVersion(), level: env.LOG_LEVEL });
  for (const warning of definition.warnings ?? []) if (warning !== undefined) logger.warn(warning);
  const applied = await migrateDatabase({ ...definition.database, url: env.DATABASE_URL, applicationName: definition.name });
  if (applied.length > 0) {
    logger.info({ migrations: applied }, `applied migrations: ${applied.join(', ')}`);
  }
  await ensureTopics(
    createKafka({ brokers: env.KAFKA_BROKERS, clientId: `${definition.name}-admin` }),
    [...consumedTopics(definition.consumers ?? []), ...definition.produces],
    { partitions: env.KAFKA_TOPIC_PARTITIONS, replicationFactor: env.KAFKA_REPLICATION_FACTOR },
  );

  const app = await NestFactory.create(definition.module, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  applyHttpDefences(app, httpObservability());
  app.useGlobalFilters(new ProblemDetailsFilter());
  answerUnparsableRequestsAsProblems(app.getHttpServer() as Server);
  if (definition.openApi) {
    serveOpenApi(app, definition.openApi);
  }
  app.enableShutdownHooks();
  // A hybrid application: HTTP, and the consumers as a NestJS transport.
  const consumers = definition.consumers ?? [];
  const strategy = consumers.length > 0 ? KafkaBatchServer.forApp(app, consumers) : undefined;
  if (strategy) app.connectMicroservice({ strategy });
  const lifecycle = app.get(ServiceLifecycle);
  lifecycle.consumersExpected = strategy !== undefined;
  await app.listen(env.PORT, env.HOST);
  logger.info(`${definition.name} listening on ${await app.getUrl()}`);
  // After the application started (its bootstrap hooks have run): the consumers join their groups.
  if (strategy) await app.startAllMicroservices();
  if (strategy) {
    await waitUntilReady(app.get(HealthController), (message) => logger.warn(message));
    lifecycle.consumersRunning = true;
    app.get(ConsumerLagCollector).watch(strategy.sharedGroupTopics);
    logger.info({ topics: strategy.topics, groups: strategy.groupIds }, `consuming ${strategy.topics.join(', ')}`);
  }
  return app;
}

/** Polls the dependency checks until they pass, with a capped backoff; readiness follows. */
async function waitUntilReady(health: HealthController, warn: (message: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await health.dependencies();
      return;
    } catch (error) {
      const details = (error as { response?: unknown }).response;
      warn(`dependencies not ready (attempt ${attempt}), consumers wait: ${JSON.stringify(details ?? (error as Error).message)}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
    }
  }
}

/** Runs `main`, and exits non-zero with the reason if start-up fails. */
export function runService(main: () => Promise<unknown>): void {
  main().catch(async (error: unknown) => {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopTelemetry().catch(() => undefined);
    process.exit(1);
  });
}
