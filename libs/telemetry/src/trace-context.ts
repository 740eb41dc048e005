import { context, propagation, trace, type Context } from '@opentelemetry/api';

export type CarrierHeaders = Record<string, string>;

/** W3C trace context of the active span, to store with work that continues later (outbox rows). */
export function captureTraceContext(): CarrierHeaders {
  const carrier: CarrierHeaders = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Rebuilds the context captured by `captureTraceContext`. */
export function contextFromCarrier(carrier: CarrierHeaders | null | undefined): Context {
  return propagation.extract(context.active(), carrier ?? {});
}

export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
