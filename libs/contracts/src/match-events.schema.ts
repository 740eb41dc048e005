import { z } from 'zod';
import { organisationIdSchema } from './common.schema';
import { eventSchema } from './envelope.schema';

/** How a posting's skill was found among the candidate's: same words, an alias, or implied by another skill. */
export const skillMatchSchema = z.object({
  /** The requirement as the posting wrote it ("Postgres", "one of Django, Flask"). */
  requirement: z.string(),
  /** Display name of the skill that met it. */
  skill: z.string(),
  via: z.enum(['exact', 'alias', 'implication']),
  /** The candidate's skill, as written, that met it (the implying skill for an implication). */
  candidateSkill: z.string(),
  /**
   * For a posting read from free text: where the requirement was read, as `Section: "clause"`
   * ("Must-Have Skills: \"Strong knowledge of Django or FastAPI\"").
   */
  evidence: z.string().max(400).optional(),
});

const categoryScoreSchema = z.object({
  /** Whether the posting asks about this category; if not, its weight went to the others. */
  applicable: z.boolean(),
  /** Sub-score 0–100, one decimal. */
  score: z.number().min(0).max(100),
  weight: z.number().min(0),
  /** Points this category adds to the score, before any near-miss penalty. */
  points: z.number().min(0).max(100),
  detail: z.string(),
});

/** Why a pair scored what it did (the scoring model of libs/scoring, decision 0024). */
export const matchExplanationSchema = z.object({
  /** One line for a recruiter: "7 of 8 required skills; missing AWS; …". */
  summary: z.string(),
  matchedRequired: z.array(skillMatchSchema),
  missingRequired: z.array(z.string()),
  matchedPreferred: z.array(skillMatchSchema),
  missingPreferred: z.array(z.string()),
  /** Preferred skills not held, credited in part for a related skill (PostgreSQL ~ MySQL). */
  partialCredits: z.array(z.object({ requirement: z.string(), candidateSkill: z.string(), credit: z.number().min(0).max(1) })),
  experience: z.object({
    verdict: z.enum(['within', 'below', 'above', 'unknown', 'not-asked']),
    years: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    detail: z.string(),
  }),
  location: z.object({
    workplace: z.enum(['match', 'partial', 'mismatch', 'not-asked']),
    /**
     * `other-country`, `other-metro` and `outside-area` rule the pair out (another country than an
     * on-site or hybrid role's, another metro area where the posting asks the same one, outside the
     * posting's applicant countries or time zones); `inside-area` is within them.
     */
    place: z.enum([
      'same-city',
      'same-region',
      'same-country',
      'elsewhere',
      'unknown',
      'not-considered',
      'not-asked',
      'other-country',
      'other-metro',
      'inside-area',
      'outside-area',
    ]),
    detail: z.string(),
  }),
  /** Required skills the posting allows to miss, missed, and the points taken off for them. */
  nearMiss: z.object({ allowed: z.number().int().min(0), missing: z.number().int().min(0), penalty: z.number().min(0) }),
  categories: z.object({
    required: categoryScoreSchema,
    preferred: categoryScoreSchema,
    experience: categoryScoreSchema,
    location: categoryScoreSchema,
    depth: categoryScoreSchema,
  }),
});

export type MatchExplanation = z.infer<typeof matchExplanationSchema>;

/**
 * The explanation of a match between a public posting and another organisation's candidate (one
 * who opted in): the scores and which of the posting's requirements were met, in the posting's
 * words. The candidate's skills as written, years and place are their organisation's to know.
 */
const categoryPointsSchema = categoryScoreSchema.omit({ detail: true });

export const crossOrganisationExplanationSchema = z.strictObject({
  scope: z.literal('cross-organisation'),
  /** "3 of 4 required skills; missing Kubernetes; 1 of 2 preferred skills" */
  summary: z.string(),
  matchedRequired: z.array(z.string()),
  missingRequired: z.array(z.string()),
  matchedPreferred: z.array(z.string()),
  missingPreferred: z.array(z.string()),
  /** The category scores without their words (which quote the candidate's years and place). */
  categories: z.object({
    required: categoryPointsSchema,
    preferred: categoryPointsSchema,
    experience: categoryPointsSchema,
    location: categoryPointsSchema,
    depth: categoryPointsSchema,
  }),
});

export type CrossOrganisationExplanation = z.infer<typeof crossOrganisationExplanationSchema>;

export const matchStateSchema = z.object({
  /** Stable: derived from posting and candidate ids, so every instance computes the same id. */
  matchId: z.uuid(),
  postingId: z.uuid(),
  candidateId: z.uuid(),
  /**
   * The posting's (and so the candidate's) organisation, so consumers can keep organisations apart
   * without a read model of their own. Optional only for events published before it was added.
   */
  organisationId: organisationIdSchema.optional(),
  /**
   * The posting's title as of the version scored, so a consumer can name the posting without
   * having seen the posting's own event first (topics are not ordered against each other).
   * Optional only for events published before it was added; absent from the matches REST API.
   */
  postingTitle: z.string().min(1).max(200).optional(),
  /** Increases by one with every change of score, explanation or status. */
  version: z.number().int().positive(),
  score: z.number().min(0).max(100),
  /** Within the organisation, the whole explanation; for another organisation's candidate, the reduced one. */
  explanation: z.union([matchExplanationSchema, crossOrganisationExplanationSchema]),
});

export type MatchState = z.infer<typeof matchStateSchema>;

export const MatchEventTypes = {
  found: 'talentmatch.match.found',
  updated: 'talentmatch.match.updated',
  withdrawn: 'talentmatch.match.withdrawn',
} as const;

export const matchEventSchema = z.discriminatedUnion('type', [
  eventSchema(MatchEventTypes.found, 1, matchStateSchema),
  eventSchema(MatchEventTypes.updated, 1, matchStateSchema),
  eventSchema(MatchEventTypes.withdrawn, 1, matchStateSchema),
]);

export type MatchEvent = z.infer<typeof matchEventSchema>;
