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
