import { z } from 'zod';
import { skillNameSchema } from './skill-name.schema';

/** Where a requirement was read: the section heading, the clause, the cue that decided it. */
export const requirementEvidenceSchema = z.strictObject({
  /** The heading of the section it was read in, as written; absent for text under no heading. */
  section: z.string().max(200).optional(),
  sectionKind: z.enum(['required', 'preferred', 'responsibilities', 'about', 'benefits', 'title', 'location', 'details', 'unsectioned']),
  /** The clause that names it (a bullet, line or sentence), at most 200 characters and an ellipsis or two. */
  phrase: z.string().max(210),
  /** The cue that decided it: "is a plus", "at least one of", "e.g.", "or". */
  cue: z.string().max(100).optional(),
});

export type RequirementEvidence = z.infer<typeof requirementEvidenceSchema>;

/**
 * One requirement as read from a posting's free text: what the parser read (skills, any-of),
 * what it asks (`modality`), whether it gates the match, how sure the parser is, and its evidence.
 * A recruiter sees why a skill became required; the match explanation quotes it.
 */
export const extractedRequirementSchema = z.strictObject({
  skills: z.array(skillNameSchema).min(1).max(20),
  anyOf: z.boolean(),
  modality: z.enum(['required', 'preferred', 'context']),
  gating: z.boolean(),
  confidence: z.number().min(0).max(1),
  /** Why a required mention does not gate: a concept ("distributed systems"), or too uncertain. */
  reason: z.enum(['concept', 'uncertain']).optional(),
  evidence: requirementEvidenceSchema,
});

export type ExtractedRequirementState = z.infer<typeof extractedRequirementSchema>;

/** How a posting's fields were read from its description. */
export const postingExtractionSchema = z.strictObject({
  requirements: z.array(extractedRequirementSchema).max(300),
  /** The extraction was doubtful (no requirements section, very many requirements): near misses are allowed. */
  doubtful: z.boolean(),
  warnings: z.array(z.string().max(300)).max(20),
});

export type PostingExtraction = z.infer<typeof postingExtractionSchema>;
