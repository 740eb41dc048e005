import { z } from 'zod';
import { externalIdSchema, locationSchema, organisationIdSchema, workplaceSchema } from './common.schema';
import { eventSchema } from './envelope.schema';
import { candidateSkillSchema } from './skill-name.schema';

/** Contact details: personal data that never leaves the candidates service. */
export const candidateContactSchema = z.strictObject({
  email: z.email().max(320).optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^\+?[\d\s().-]{5,}$/, 'must be a phone number')
    .optional(),
});

/** Matching attributes a publisher sets (REST body, ingest command), without personal data. */
export const candidateMatchingFieldsSchema = z.strictObject({
  location: locationSchema.optional(),
  workplacePreference: z.union([workplaceSchema, z.literal('any')]).optional(),
  /** Will move for an on-site or hybrid role elsewhere: another country or metro area does not rule the candidate out. */
  willingToRelocate: z.boolean().optional(),
  totalYearsExperience: z.number().min(0).max(60).optional(),
  skills: z.array(candidateSkillSchema).min(1).max(200),
});

export const candidateFieldsSchema = candidateMatchingFieldsSchema.extend({
  name: z.string().trim().min(1).max(200),
  contact: candidateContactSchema.optional(),
});

export type CandidateFields = z.infer<typeof candidateFieldsSchema>;

/**
 * The candidate as other services see it: matching attributes only. Names and contact details are
 * personal data and stay in the candidates service: they are deliberately absent here.
 */
export const candidateStateSchema = candidateMatchingFieldsSchema.extend({
  id: z.uuid(),
  organisationId: organisationIdSchema,
  externalId: externalIdSchema.nullable(),
  status: z.enum(['active', 'withdrawn']),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export type CandidateState = z.infer<typeof candidateStateSchema>;

export const CandidateEventTypes = {
  registered: 'talentmatch.candidate.registered',
  updated: 'talentmatch.candidate.updated',
  withdrawn: 'talentmatch.candidate.withdrawn',
} as const;

export const candidateEventSchema = z.discriminatedUnion('type', [
  eventSchema(CandidateEventTypes.registered, 1, candidateStateSchema),
  eventSchema(CandidateEventTypes.updated, 1, candidateStateSchema),
  eventSchema(CandidateEventTypes.withdrawn, 1, candidateStateSchema),
]);

export type CandidateEvent = z.infer<typeof candidateEventSchema>;
