import { z } from 'zod';
import { organisationIdSchema } from './common.schema';
import { eventSchema } from './envelope.schema';

export const notificationChannelSchema = z.enum(['webhook', 'email', 'inbox']);

export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/**
 * Audit record of one delivery (one webhook call, one e-mail, one inbox push): what was sent to
 * whom and how it went. Recipients are named by id only: no URL, no e-mail address.
 */
export const notificationAuditSchema = z.object({
  deliveryId: z.uuid(),
  channel: notificationChannelSchema,
  mode: z.enum(['instant', 'digest']),
  organisationId: organisationIdSchema.nullable(),
  recruiterId: z.uuid().nullable(),
  endpointId: z.uuid().nullable(),
  /** The matches this delivery told about (several for a digest). */
  matchIds: z.array(z.uuid()).min(1),
  /** Attempts made so far, this one included. */
  attempts: z.number().int().min(1),
  /** HTTP status of the last attempt, when there was a response. */
  statusCode: z.number().int().nullable(),
  error: z.string().max(2000).nullable(),
  /** When the next attempt is due (`failed` only). */
  nextAttemptAt: z.iso.datetime({ offset: true }).nullable(),
});

export type NotificationAudit = z.infer<typeof notificationAuditSchema>;

export const NotificationEventTypes = {
  delivered: 'talentmatch.notification.delivered',
  /** An attempt failed; another follows at `nextAttemptAt`. */
  failed: 'talentmatch.notification.failed',
  /** The last attempt failed: no more retries. */
  deadLettered: 'talentmatch.notification.dead_lettered',
} as const;

export const notificationEventSchema = z.discriminatedUnion('type', [
  eventSchema(NotificationEventTypes.delivered, 1, notificationAuditSchema),
  eventSchema(NotificationEventTypes.failed, 1, notificationAuditSchema),
  eventSchema(NotificationEventTypes.deadLettered, 1, notificationAuditSchema),
]);

export type NotificationEvent = z.infer<typeof notificationEventSchema>;
