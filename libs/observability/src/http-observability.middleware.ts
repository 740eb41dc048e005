import { trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpRequestDuration, httpRequests } from './metrics';
import { isQuietPath } from './logger-options';

/** Header with the trace id of the request, so a client can look its record up in the tracing UI. */
export const TRACE_ID_HEADER = 'x-trace-id';
/** W3C Trace Context Level 2 response header: `00-<trace id>-<span id>-<flags>`. */
export const TRACE_RESPONSE_HEADER = 'traceresponse';

interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * Express middleware for every request: answers with the trace id (`x-trace-id`, `traceresponse`)
 * and records the request rate, errors and duration by route template (never the raw URL, whose
 * ids would explode the label set). Probes and scrapes are not counted.
 */
export function httpObservability() {
  return (request: RoutedRequest, response: ServerResponse, next: () => void): void => {
    const spanContext = trace.getActiveSpan()?.spanContext();
    if (spanContext && trace.isSpanContextValid(spanContext)) {
      response.setHeader(TRACE_ID_HEADER, spanContext.traceId);
      response.setHeader(TRACE_RESPONSE_HEADER, `00-${spanContext.traceId}-${spanContext.spanId}-0${spanContext.traceFlags & 1}`);
    }
    if (isQuietPath(request.url)) {
      next();
      return;
    }
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const path = typeof request.route?.path === 'string' ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched';
      const labels = { method: request.method ?? 'UNKNOWN', route: path, status_code: String(response.statusCode) };
      httpRequests.inc(labels);
      httpRequestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
