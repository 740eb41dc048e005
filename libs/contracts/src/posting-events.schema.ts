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
import { postingExtractionSchema } from './extraction.schema';
import { singleLineTextSchema } from './single-line-text.schema';
import { skillListSchema, skillRequirementSchema } from './skill-name.schema';

const weightSchema = z.number().min(0).max(100);

/**
 * How the matcher treats this posting (all optional; libs/scoring/README.md has the formulae).
 * `allowMissingRequired` lets candidates miss up to N required skills (near misses), each costing
 * `missingRequiredPenalty` points; `weights` override the default category weights one by one.
 */
export const matchingOptionsSchema = z.strictObject({
  /** Required skills (or any-of groups) a candidate may miss and still match; 0 (default) = none. */
  allowMissingRequired: z.number().int().min(0).max(20).optional(),
  /** Points off the score per missing required skill; default 10. */
  missingRequiredPenalty: z.number().min(0).max(100).optional(),
  /** Category weights, 0–100 each; defaults required 45, preferred 20, experience 15, location 10, depth 10. */
  weights: z
    .strictObject({
      required: weightSchema.optional(),
      preferred: weightSchema.optional(),
      experience: weightSchema.optional(),
      location: weightSchema.optional(),
      depth: weightSchema.optional(),
    })
    .refine((weights) => Object.keys(weights).length < 5 || Object.values(weights).some((weight) => weight > 0), {
      message: 'at least one weight must be above 0',
    })
    .optional(),
});

export type MatchingOptions = z.infer<typeof matchingOptionsSchema>;

/** UTC offsets in hours (standard time), from the west to the east end: −5 to 1 is New York to Berlin. */
const utcOffsetSchema = z.number().min(-12).max(14);

/**
 * Where applicants must be (libs/scoring/README.md has the rules). A candidate known to be outside
 * `countries` or `utcOffsets` does not match (a candidate whose location is unknown does, scoring
 * lower); `sameMetro` also keeps candidates of another metro area out of an on-site or hybrid role,
 * unless they will relocate.
 */
export const applicantLocationSchema = z.strictObject({
  /** Countries applicants must be in: names in several languages or ISO codes ("Germany", "DE", "USA"). */
  countries: z.array(singleLineTextSchema(100)).min(1).max(100).optional(),
  /** Time zones applicants must be in, as a range of standard UTC offsets in hours. */
  utcOffsets: z
    .strictObject({ min: utcOffsetSchema, max: utcOffsetSchema })
    .refine((range) => range.min <= range.max, { message: 'min must not exceed max', path: ['max'] })
    .optional(),
  /** On-site and hybrid roles: only candidates of the posting's metro area (or willing to relocate). */
  sameMetro: z.boolean().optional(),
});

export type ApplicantLocation = z.infer<typeof applicantLocationSchema>;

/** What a posting asks for: the fields a publisher sets (REST body, ingest command). */
export const postingFieldsSchema = z.strictObject({
  title: singleLineTextSchema(200),
  description: z.string().max(20_000).optional(),
  location: locationSchema.optional(),
  workplace: workplaceSchema.optional(),
  /** Where applicants must be: countries, time zones, the same metro area. */
  applicantLocation: applicantLocationSchema.optional(),
  employmentType: employmentTypeSchema.optional(),
  experienceYears: experienceRangeSchema.optional(),
  requiredSkills: z.array(skillRequirementSchema).min(1).max(100),
  preferredSkills: skillListSchema.default([]),
  matching: matchingOptionsSchema.optional(),
  /**
   * Who may match: `organisation` (the default) pairs the posting only with the organisation's own
   * candidates; `public` with every organisation's (a posting on an open job board). Matches stay
   * the posting's organisation's either way.
   */
  visibility: z.enum(['organisation', 'public']).optional(),
});

export type PostingFields = z.infer<typeof postingFieldsSchema>;

/** The whole current posting: consumers never call back (event-carried state transfer). */
export const postingStateSchema = postingFieldsSchema.extend({
  /**
   * Empty only for a posting read from a text that names no skill (a store manager, a nurse): it is
   * matched on its place alone. Publishers always give at least one.
   */
  requiredSkills: z.array(skillRequirementSchema).max(100),
  id: z.uuid(),
  organisationId: organisationIdSchema,
  externalId: externalIdSchema.nullable(),
  status: z.enum(['open', 'closed']),
  /**
   * Set by the postings service for a posting read from free text: each requirement with its
   * evidence and confidence, so a recruiter sees why a skill became required. Publishers do not send it.
   */
  extraction: postingExtractionSchema.optional(),
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
