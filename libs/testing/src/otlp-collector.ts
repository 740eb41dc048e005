import { HttpRecorder } from './http-recorder';

export interface CollectedSpan {
  service: string;
  /** Resource attributes of the exporting process (`process.pid`, `service.version`, …). */
  resource: Record<string, unknown>;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  links: Array<{ traceId: string; spanId: string }>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}
interface OtlpTraceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: OtlpKeyValue[];
        links?: Array<{ traceId: string; spanId: string }>;
      }>;
    }>;
  }>;
}

/**
 * A local OTLP/HTTP trace receiver (JSON encoding: services run with
 * `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`), so tests can assert on the spans services export.
 */
export class OtlpCollector {
  private readonly http = new HttpRecorder();

  async start(): Promise<string> {
    return this.http.start();
  }

  /** Environment for a service process that should export its spans here, promptly. */
  serviceEnv(): Record<string, string> {
    return {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: this.http.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
  }

  spans(): CollectedSpan[] {
    return this.http.jsonBodies<OtlpTraceRequest>('/v1/traces').flatMap((request) =>
      (request.resourceSpans ?? []).flatMap((resourceSpans) => {
        const resource = toRecord(resourceSpans.resource?.attributes);
        const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown';
        return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
          (scope.spans ?? []).map((span) => ({
            service,
            resource,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind,
            attributes: toRecord(span.attributes),
            links: span.links ?? [],
          })),
        );
      }),
    );
  }

  async stop(): Promise<void> {
    await this.http.stop();
  }
}

function toRecord(attributes: OtlpKeyValue[] | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const { key, value } of attributes ?? []) {
    record[key] = value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
  }
  return record;
}
