import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { serviceVersion } from './service-version';

export interface TelemetryOptions {
  serviceName: string;
  /** Defaults to `serviceVersion()`. */
  serviceVersion?: string;
}

/** Incoming requests that would drown the traces: probes and scrapes. */
const UNTRACED_PATHS = [/^\/health(\/|$)/, /^\/metrics$/];

/** Records spans (so trace ids exist for logs and propagation) without exporting them. */
const recordOnly: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (_span: ReadableSpan) => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

function exporterConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.OTEL_TRACES_EXPORTER || env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry. Must run before NestJS, pg, kafkajs or http are loaded, because the
 * instrumentations patch those modules as they are required: each service's `instrument.ts` is
 * the first import of its `main.ts`.
 *
 * Exporters follow the standard `OTEL_*` variables; with none set, spans are recorded (trace ids
 * reach logs and Kafka headers) but not exported.
 */
export function startTelemetry(options: TelemetryOptions): void {
  if (sdk) {
    return;
  }
  const env = process.env;
  // Metrics and logs have their own pipelines; only traces go through the OTLP exporter.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? options.serviceName,
    resource: resourceFromAttributes({ [ATTR_SERVICE_VERSION]: options.serviceVersion ?? serviceVersion() }),
    ...(exporterConfigured(env) ? {} : { spanProcessors: [recordOnly] }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.some((path) => path.test(request.url ?? '')),
      }),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new KafkaJsInstrumentation(),
      // fetch (webhook deliveries) runs on undici, not on the http module.
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
}

/** Flushes pending spans; called on shutdown so the last spans of a process are not lost. */
export async function stopTelemetry(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}
