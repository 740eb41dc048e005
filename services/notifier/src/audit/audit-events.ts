import type { EntityManager } from 'typeorm';
import { createEvent, NotificationEventTypes, Topics, type NotificationAudit } from '@talent/contracts';
import { enqueueEvent, outboxRowValues } from '@talent/persistence';

export type AuditType = (typeof NotificationEventTypes)[keyof typeof NotificationEventTypes];

/** Records an audit event on `notifications.v1` through the outbox, in the caller's transaction. */
export async function enqueueAudit(manager: EntityManager, type: AuditType, audit: NotificationAudit): Promise<void> {
  await enqueueEvent(manager, Topics.notifications, auditEvent(type, audit));
}

/** The outbox row of an audit event, for a statement that writes it itself (see `outboxRowValues`). */
export function auditOutboxRow(type: AuditType, audit: NotificationAudit): ReturnType<typeof outboxRowValues> {
  return outboxRowValues(Topics.notifications, auditEvent(type, audit));
}

function auditEvent(type: AuditType, audit: NotificationAudit) {
  return createEvent({ topic: Topics.notifications, type, source: '/notifier', subject: audit.deliveryId, data: audit });
}
