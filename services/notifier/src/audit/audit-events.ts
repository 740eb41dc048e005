import type { EntityManager } from 'typeorm';
import { createEvent, NotificationEventTypes, Topics, type NotificationAudit } from '@talent/contracts';
import { enqueueEvent } from '@talent/persistence';

export type AuditType = (typeof NotificationEventTypes)[keyof typeof NotificationEventTypes];

/** Records an audit event on `notifications.v1` through the outbox, in the caller's transaction. */
export async function enqueueAudit(manager: EntityManager, type: AuditType, audit: NotificationAudit): Promise<void> {
  await enqueueEvent(
    manager,
    Topics.notifications,
    createEvent({ topic: Topics.notifications, type, source: '/notifier', subject: audit.deliveryId, data: audit }),
  );
}
