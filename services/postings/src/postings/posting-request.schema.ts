import { externalIdSchema, organisationIdSchema, postingFieldsSchema, skillListSchema, workplaceSchema } from '@talent/contracts';
import { z } from 'zod';

/** `POST /postings`: a posting of an organisation, optionally with the publisher's own id (then an upsert). */
export const createPostingSchema = postingFieldsSchema.extend({
  organisationId: organisationIdSchema,
  externalId: externalIdSchema.optional(),
});

export type CreatePosting = z.infer<typeof createPostingSchema>;

/**
 * `POST /postings` (JSON) with a `description` and no `requiredSkills`: the skills, and whatever
 * else is not given, are read from the description. Given fields win over what is read.
 */
export const describedPostingSchema = createPostingSchema.omit({ requiredSkills: true }).extend({
  title: postingFieldsSchema.shape.title.optional(),
  description: z.string().trim().min(1).max(20_000),
  preferredSkills: skillListSchema.optional(),
});

export type DescribedPosting = z.infer<typeof describedPostingSchema>;

/** `POST /postings` with a `text/plain` body (the description): who publishes it goes in the query. */
export const textPostingQuerySchema = z.strictObject({
  organisationId: organisationIdSchema,
  externalId: externalIdSchema.optional(),
  title: postingFieldsSchema.shape.title.optional(),
});

export type TextPostingQuery = z.infer<typeof textPostingQuerySchema>;

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
