import { z } from 'zod';
import {
  employmentTypeSchema,
  experienceRangeSchema,
  externalIdSchema,
  locationSchema,
  organisationIdSchema,
  workplaceSchema,
} from './common.schema';
import { eventSchema } from './envelope.schema';
import { skillListSchema, skillRequirementSchema } from './skill-name.schema';

/** What a posting asks for: the fields a publisher sets (REST body, ingest command). */
export const postingFieldsSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).optional(),
  location: locationSchema.optional(),
  workplace: workplaceSchema.optional(),
  employmentType: employmentTypeSchema.optional(),
  experienceYears: experienceRangeSchema.optional(),
  requiredSkills: z.array(skillRequirementSchema).min(1).max(100),
  preferredSkills: skillListSchema.default([]),
});

export type PostingFields = z.infer<typeof postingFieldsSchema>;

/** The whole current posting: consumers never call back (event-carried state transfer). */
export const postingStateSchema = postingFieldsSchema.extend({
  id: z.uuid(),
  organisationId: organisationIdSchema,
  externalId: externalIdSchema.nullable(),
  status: z.enum(['open', 'closed']),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export type PostingState = z.infer<typeof postingStateSchema>;

export const PostingEventTypes = {
  published: 'talentmatch.posting.published',
  updated: 'talentmatch.posting.updated',
  closed: 'talentmatch.posting.closed',
} as const;

export const postingEventSchema = z.discriminatedUnion('type', [
  eventSchema(PostingEventTypes.published, 1, postingStateSchema),
  eventSchema(PostingEventTypes.updated, 1, postingStateSchema),
  eventSchema(PostingEventTypes.closed, 1, postingStateSchema),
]);

export type PostingEvent = z.infer<typeof postingEventSchema>;
