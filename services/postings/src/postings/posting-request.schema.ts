import { externalIdSchema, organisationIdSchema, postingFieldsSchema, workplaceSchema } from '@talent/contracts';
import { z } from 'zod';

/** `POST /postings`: a posting of an organisation, optionally with the publisher's own id (then an upsert). */
export const createPostingSchema = postingFieldsSchema.extend({
  organisationId: organisationIdSchema,
  externalId: externalIdSchema.optional(),
});

export type CreatePosting = z.infer<typeof createPostingSchema>;

/** `PUT /postings/:id`: the posting's fields, replaced as a whole. */
export const replacePostingSchema = postingFieldsSchema;

export const listPostingsQuerySchema = z.strictObject({
  organisationId: organisationIdSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  workplace: workplaceSchema.optional(),
  skill: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export type ListPostingsQuery = z.infer<typeof listPostingsQuerySchema>;
