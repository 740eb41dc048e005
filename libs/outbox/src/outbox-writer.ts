import { randomUUID } from 'node:crypto';
import type { Context } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import type { EventOf, Topic } from '@talent/contracts';
import { topicSchemas } from '@talent/contracts';
import { captureTraceContext } from '@talent/telemetry';

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
  await insertOutboxRows(manager, [outboxRowColumns(topic, event)]);
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
  const rows = events.map((event, i): OutboxRowColumns => {
    topicSchemas[topic].parse(event);
    const from = contexts?.[i];
    return { topic, message_key: event.subject, event_id: event.id, payload: event, trace_context: from ? captureTraceContext(now, from) : active };
  });
  await insertOutboxRows(manager, rows);
  markOutboxWritten(manager);
}

/**
 * Adds tombstones to the outbox inside the caller's transaction: each key is published with no
 * value after the rows written before it, so a compacted topic forgets the key (an erasure).
 */
export async function enqueueTombstones(manager: EntityManager, topic: Topic, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const trace_context = captureTraceContext();
  await insertOutboxRows(manager, keys.map((key) => ({ topic, message_key: key, event_id: randomUUID(), payload: null, trace_context })));
  markOutboxWritten(manager);
}

/**
 * Writes outbox rows in one statement from one JSON record set (one encoding for all, no per-row
 * parameters to build), their ids in the order given.
 */
async function insertOutboxRows(manager: EntityManager, rows: readonly OutboxRowColumns[]): Promise<void> {
  await manager.query(
    `INSERT INTO outbox (topic, message_key, event_id, payload, trace_context)
     SELECT r.topic, r.message_key, r.event_id, r.payload, r.trace_context
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (topic text, message_key text, event_id uuid, payload jsonb, trace_context jsonb))
            WITH ORDINALITY AS r (topic, message_key, event_id, payload, trace_context, ord)
      ORDER BY r.ord`,
    [JSON.stringify(rows)],
  );
}

/** One outbox row's columns, as a statement that writes the row itself reads them (JSON record set). */
export interface OutboxRowColumns {
  topic: string;
  message_key: string;
  event_id: string;
  /** null: a tombstone (see `enqueueTombstones`). */
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
