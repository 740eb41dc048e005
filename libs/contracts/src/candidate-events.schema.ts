import { z } from 'zod';
import { externalIdSchema, locationSchema, organisationIdSchema, workplaceSchema } from './common.schema';
import { eventSchema } from './envelope.schema';
import { singleLineTextSchema } from './single-line-text.schema';
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
  /**
   * The candidate agreed to be matched with other organisations' public postings (their
   * recruiters then see the match, its score and the requirement names, never the candidate's
   * skills as written, years or place). Absent or false: matched within the organisation only.
   */
  openToPublicPostings: z.boolean().optional(),
  totalYearsExperience: z.number().min(0).max(60).optional(),
  skills: z.array(candidateSkillSchema).min(1).max(200),
});

export const candidateFieldsSchema = candidateMatchingFieldsSchema.extend({
  name: singleLineTextSchema(200),
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

/**
 * A candidate erased at their request: ids and the version only, no attribute of the person. It is
 * followed by a tombstone (the candidate id as key, no value), so a compacted topic forgets every
 * earlier event of the candidate; consumers forget the candidate and everything derived from them.
 */
export const candidateErasureSchema = z.strictObject({
  id: z.uuid(),
  organisationId: organisationIdSchema,
  /** One more than the last state's version: consumers order it like any other change. */
  version: z.number().int().positive(),
  erasedAt: z.iso.datetime({ offset: true }),
});

export type CandidateErasure = z.infer<typeof candidateErasureSchema>;

export const CandidateEventTypes = {
  registered: 'talentmatch.candidate.registered',
  updated: 'talentmatch.candidate.updated',
  withdrawn: 'talentmatch.candidate.withdrawn',
  erased: 'talentmatch.candidate.erased',
} as const;

export const candidateEventSchema = z.discriminatedUnion('type', [
  eventSchema(CandidateEventTypes.registered, 1, candidateStateSchema),
  eventSchema(CandidateEventTypes.updated, 1, candidateStateSchema),
  eventSchema(CandidateEventTypes.withdrawn, 1, candidateStateSchema),
  eventSchema(CandidateEventTypes.erased, 1, candidateErasureSchema),
]);

export type CandidateEvent = z.infer<typeof candidateEventSchema>;
