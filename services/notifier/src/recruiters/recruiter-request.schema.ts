import { notificationChannelSchema, organisationIdSchema, isSingleLine, SINGLE_LINE_MESSAGE, singleLineTextSchema } from '@talent/contracts';
import { z } from 'zod';
import { hasUserinfo, URL_USERINFO_REFUSED } from '../webhooks/webhook-url';

const postingIds = z.array(z.uuid()).max(1_000);

/** `POST /recruiters`: a recruiter of one organisation and the postings they own. */
export const createRecruiterSchema = z.strictObject({
  organisationId: organisationIdSchema,
  name: singleLineTextSchema(200),
  email: z.email().max(320).optional(),
  ownedPostingIds: postingIds.default([]),
});
export type CreateRecruiter = z.infer<typeof createRecruiterSchema>;

/** `PATCH /recruiters/:id`: the organisation never changes. */
export const updateRecruiterSchema = z.strictObject({
  name: singleLineTextSchema(200).optional(),
  email: z.email().max(320).nullable().optional(),
  ownedPostingIds: postingIds.optional(),
});
export type UpdateRecruiter = z.infer<typeof updateRecruiterSchema>;

/** `POST /subscriptions`: which postings, from which score, through which channels, how often. */
export const createSubscriptionSchema = z
  .strictObject({
    recruiterId: z.uuid(),
    /** Omitted: the postings the recruiter owns (as that list changes). */
    postingIds: postingIds.min(1).optional(),
    minScore: z.number().min(0).max(100).default(0),
    channels: z
      .array(notificationChannelSchema)
      .min(1)
      .max(3)
      .refine((channels) => new Set(channels).size === channels.length, 'each channel once'),
    mode: z.enum(['instant', 'digest']).default('instant'),
    /** Digest mode only: the first match opens a window of an hour or a day; one message lists them all. */
    digestWindow: z.enum(['hourly', 'daily']).optional(),
  })
  .superRefine((value, context) => {
    if (value.mode === 'digest' && !value.digestWindow) {
      context.addIssue({ code: 'custom', path: ['digestWindow'], message: 'required in digest mode (hourly or daily)' });
    }
    if (value.mode === 'instant' && value.digestWindow) {
      context.addIssue({ code: 'custom', path: ['digestWindow'], message: 'only for digest mode' });
    }
  });
export type CreateSubscription = z.infer<typeof createSubscriptionSchema>;

/** `POST /webhook-endpoints`: where a recruiter's webhook notifications go. */
export const createWebhookEndpointSchema = z.strictObject({
  recruiterId: z.uuid(),
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2_000)
    .refine((url) => !hasUserinfo(url), URL_USERINFO_REFUSED),
  description: z.string().trim().max(500).refine(isSingleLine, SINGLE_LINE_MESSAGE).optional(),
});
export type CreateWebhookEndpoint = z.infer<typeof createWebhookEndpointSchema>;

export const recruiterQuerySchema = z.strictObject({ organisationId: organisationIdSchema.optional() });
export const byRecruiterQuerySchema = z.strictObject({ recruiterId: z.uuid().optional() });

export const notificationQuerySchema = z.strictObject({
  postingId: z.uuid().optional(),
  matchId: z.uuid().optional(),
  recruiterId: z.uuid().optional(),
  channel: notificationChannelSchema.optional(),
});
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;

export const deliveryQuerySchema = z.strictObject({
  status: z.enum(['pending', 'delivering', 'delivered', 'dead_lettered']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>;
