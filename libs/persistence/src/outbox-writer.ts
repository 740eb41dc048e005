import type { Context } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import type { EventOf, Topic } from '@talent/contracts';
import { topicSchemas } from '@talent/contracts';
import { captureTraceContext } from '@talent/telemetry';
import { OutboxEntity } from './outbox.entity';

/**
 * Set on a transaction's query runner once it wrote outbox rows: the relay is nudged when that
 * transaction commits (see `OutboxRelay`), so its events go out without waiting for a poll.
 */
export const OUTBOX_WRITTEN = 'talentmatch.outboxWritten';

function markOutboxWritten(manager: EntityManager): void {
  if (manager.queryRunner) manager.queryRunner.data[OUTBOX_WRITTEN] = true;
}

/**
 * Adds an event to the outbox inside the caller's transaction. The event is validated here, so
 * an invalid event rolls the state change back instead of reaching consumers.
 */
export async function enqueueEvent<T extends Topic>(manager: EntityManager, topic: T, event: EventOf<T>): Promise<void> {
  topicSchemas[topic].parse(event);
  await manager.insert(OutboxEntity, {
    topic,
    messageKey: event.subject,
    eventId: event.id,
    payload: event,
    traceContext: captureTraceContext(),
  });
  markOutboxWritten(manager);
}

/**
 * Adds events of one topic to the outbox inside the caller's transaction, in one statement; rows
 * get ids (the relay's order) in the order given. Each event is validated, as by `enqueueEvent`.
 * `contexts[i]`, when given, is the trace context event i belongs to (work applied in batches:
 * each event continues the trace of what caused it); otherwise the active one.
 */
export async function enqueueEvents<T extends Topic>(
  manager: EntityManager,
  topic: T,
  events: readonly EventOf<T>[],
  contexts?: ReadonlyArray<Context | undefined>,
): Promise<void> {
  if (events.length === 0) return;
  const now = Date.now();
  const active = captureTraceContext(now);
  const rows = events.map((event, i) => {
    topicSchemas[topic].parse(event);
    const from = contexts?.[i];
    return { topic, messageKey: event.subject, eventId: event.id, payload: event, traceContext: from ? captureTraceContext(now, from) : active };
  });
  await manager.insert(OutboxEntity, rows);
  markOutboxWritten(manager);
}

/** One outbox row's columns, as a statement that writes the row itself reads them (JSON record set). */
export interface OutboxRowColumns {
  topic: string;
  message_key: string;
  event_id: string;
  payload: unknown;
  trace_context: Record<string, string>;
}

/**
 * The columns of one outbox row, for callers that write it inside a statement of their own (a
 * data-modifying CTE reading `jsonb_to_recordset`) instead of a separate INSERT. Validates the
 * event and captures the active trace context, as `enqueueEvent` does. Such a statement nudges
 * the relay itself (it is not a transaction `enqueueEvent(s)` marks).
 */
export function outboxRowColumns<T extends Topic>(topic: T, event: EventOf<T>): OutboxRowColumns {
  topicSchemas[topic].parse(event);
  return { topic, message_key: event.subject, event_id: event.id, payload: event, trace_context: captureTraceContext() };
}
