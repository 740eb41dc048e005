import { Logger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Topic } from '@talent/contracts';
import { createKafka, ensureTopics, kafkaServerOptions } from '@talent/kafka';
import { migrateDatabase, type DatabaseOptions } from '@talent/persistence';
import { stopTelemetry } from '@talent/telemetry';
import { serveOpenApi } from './open-api';
import { ProblemDetailsFilter } from './problem-details.filter';

export interface ServiceEnv {
  HOST: string;
  PORT: number;
  DATABASE_URL: string;
  KAFKA_BROKERS: string;
  KAFKA_TOPIC_PARTITIONS: number;
  KAFKA_REPLICATION_FACTOR: number;
}

export interface ServiceDefinition {
  name: string;
  env: ServiceEnv;
  module: Type<unknown> | DynamicModule;
  database: Omit<DatabaseOptions, 'url' | 'applicationName'>;
  /** Topics the service consumes (its Kafka consumer group subscribes to them). */
  consumes: readonly Topic[];
  /**
   * Whether the consumed topics are read through the NestJS Kafka transport (`@EventPattern`
   * handlers, one consumer group named after the service). Default true; a service that runs its
   * own consumers (GroupConsumer) sets false and only has its topics created here.
   */
  nestConsumers?: boolean;
  /** Topics the service produces. */
  produces: readonly Topic[];
  /** OpenAPI document served at `/openapi.json` (and a browsable UI at `/docs`). */
  openApi?: { title: string; description: string };
}

/**
 * The start-up sequence every service shares: migrate its database, make sure its topics exist,
 * start HTTP and (if it consumes anything) its Kafka consumers, and shut down cleanly on SIGTERM.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<INestApplication> {
  const logger = new Logger(definition.name);
  const { env } = definition;
  const applied = await migrateDatabase({ ...definition.database, url: env.DATABASE_URL, applicationName: definition.name });
  if (applied.length > 0) {
    logger.log(`applied migrations: ${applied.join(', ')}`);
  }
  await ensureTopics(
    createKafka({ brokers: env.KAFKA_BROKERS, clientId: `${definition.name}-admin` }),
    [...definition.consumes, ...definition.produces],
    { partitions: env.KAFKA_TOPIC_PARTITIONS, replicationFactor: env.KAFKA_REPLICATION_FACTOR },
  );

  const app = await NestFactory.create(definition.module, { bufferLogs: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  if (definition.openApi) {
    serveOpenApi(app, definition.openApi);
  }
  app.enableShutdownHooks();
  if (definition.consumes.length > 0 && definition.nestConsumers !== false) {
    app.connectMicroservice(
      kafkaServerOptions({ brokers: env.KAFKA_BROKERS, serviceName: definition.name, groupId: definition.name }),
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(env.PORT, env.HOST);
  logger.log(`${definition.name} listening on ${await app.getUrl()}`);
  return app;
}

/** Runs `main`, and exits non-zero with the reason if start-up fails. */
export function runService(main: () => Promise<unknown>): void {
  main().catch(async (error: unknown) => {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopTelemetry().catch(() => undefined);
    process.exit(1);
  });
}
