import type { EntityManager } from 'typeorm';
import type { EventOf, Topic } from '@talent/contracts';
import { topicSchemas } from '@talent/contracts';
import { captureTraceContext } from '@talent/telemetry';
import { OutboxEntity } from './outbox.entity';

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
}

/**
 * Adds events of one topic to the outbox inside the caller's transaction, in one statement; rows
 * get ids (the relay's order) in the order given. Each event is validated, as by `enqueueEvent`.
 */
export async function enqueueEvents<T extends Topic>(manager: EntityManager, topic: T, events: readonly EventOf<T>[]): Promise<void> {
  if (events.length === 0) return;
  const traceContext = captureTraceContext();
  const rows = events.map((event) => {
    topicSchemas[topic].parse(event);
    return { topic, messageKey: event.subject, eventId: event.id, payload: event, traceContext };
  });
  await manager.insert(OutboxEntity, rows);
}
