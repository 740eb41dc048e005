import { trace } from '@opentelemetry/api';
import type { IncomingMessage } from 'node:http';
import pino, { type Logger, type LoggerOptions } from 'pino';

export interface LogIdentity {
  service: string;
  version: string;
  level?: string;
}

/**
 * Keys whose values never reach a log line: credentials in request headers, and the personal data
 * a candidate profile holds (name, e-mail, phone) wherever a handler logs an object carrying it.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'password',
  'secret',
  'token',
  'email',
  'phone',
  '*.password',
  '*.secret',
  '*.token',
  '*.email',
  '*.phone',
  'candidate.name',
  '*.candidate.name',
  '*.*.email',
  '*.*.phone',
];

/** Probes and scrapes: frequent, and useless in logs. */
export function isQuietPath(url: string | undefined): boolean {
  return /^\/(health(\/|$|\?)|metrics($|\?))/.test(url ?? '');
}

/**
 * JSON lines: ISO time, level name, `service`, `version`, and the `trace_id`/`span_id` of the
 * span active when the line was written, so every line can be joined to its trace.
 */
export function loggerOptions(identity: LogIdentity): LoggerOptions {
  return {
    level: identity.level ?? 'info',
    base: { service: identity.service, version: identity.version },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const spanContext = trace.getActiveSpan()?.spanContext();
      return spanContext && trace.isSpanContextValid(spanContext) ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
    },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}

export function createLogger(identity: LogIdentity): Logger {
  return pino(loggerOptions(identity));
}

/** What a request log line keeps of the request: no headers, no query values beyond the path. */
export function serializeRequest(request: IncomingMessage & { id?: unknown }): Record<string, unknown> {
  return { id: request.id, method: request.method, url: request.url?.split('?')[0] };
}

export function serializeResponse(response: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: response.statusCode };
}
