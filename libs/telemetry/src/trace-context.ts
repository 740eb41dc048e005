import { context, propagation, trace, type Context } from '@opentelemetry/api';

export type CarrierHeaders = Record<string, string>;

/**
 * W3C baggage entry carrying when the record that started a flow was ingested (epoch ms). It
 * travels with the trace context (outbox rows, Kafka headers), so the notifier can measure the
 * end-to-end latency of a match notification without the event contracts knowing about it.
 */
export const INGESTED_AT_BAGGAGE = 'talentmatch.ingested_at';

/**
 * W3C trace context (and baggage) of the active span (or of `from`), to store with work that
 * continues later (outbox rows). The first hop of a flow stamps the ingest time into the baggage.
 */
export function captureTraceContext(now: number = Date.now(), from: Context = context.active()): CarrierHeaders {
  const carrier: CarrierHeaders = {};
  let active = from;
  const baggage = propagation.getBaggage(active) ?? propagation.createBaggage();
  if (ingestedAt(active) === undefined) {
    active = propagation.setBaggage(active, baggage.setEntry(INGESTED_AT_BAGGAGE, { value: String(now) }));
  }
  propagation.inject(active, carrier);
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

/** The ingest time carried in the baggage of `ctx` (default: the active context), if any and plausible. */
export function ingestedAt(ctx: Context = context.active()): number | undefined {
  const value = Number(propagation.getBaggage(ctx)?.getEntry(INGESTED_AT_BAGGAGE)?.value);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
