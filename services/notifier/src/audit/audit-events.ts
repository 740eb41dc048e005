import type { Context } from '@opentelemetry/api';
import type { EntityManager } from 'typeorm';
import { createEvent, NotificationEventTypes, Topics, type NotificationAudit } from '@talent/contracts';
import { enqueueEvents, outboxRowColumns, type OutboxRowColumns } from '@talent/outbox';

export type AuditType = (typeof NotificationEventTypes)[keyof typeof NotificationEventTypes];

/**
 * Records audit events of one type on `notifications.v1` through the outbox, in the caller's
 * transaction and one statement; `contexts[i]` is the trace audit i continues (see `enqueueEvents`).
 */
export async function enqueueAudits(manager: EntityManager, type: AuditType, audits: readonly NotificationAudit[], contexts?: ReadonlyArray<Context | undefined>): Promise<void> {
  await enqueueEvents(manager, Topics.notifications, audits.map((audit) => auditEvent(type, audit)), contexts);
}

/** The outbox row of an audit event, for a statement that writes it itself (see `outboxRowColumns`). */
export function auditOutboxRow(type: AuditType, audit: NotificationAudit): OutboxRowColumns {
  return outboxRowColumns(Topics.notifications, auditEvent(type, audit));
}

function auditEvent(type: AuditType, audit: NotificationAudit) {
  return createEvent({ topic: Topics.notifications, type, source: '/notifier', subject: audit.deliveryId, data: audit });
}
