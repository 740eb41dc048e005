import { z } from 'zod';
import { organisationIdSchema } from './common.schema';
import { eventSchema } from './envelope.schema';

export const matchExplanationSchema = z.object({
  summary: z.string(),
  matchedRequired: z.array(z.string()),
  missingRequired: z.array(z.string()),
  matchedPreferred: z.array(z.string()),
  missingPreferred: z.array(z.string()),
});

export type MatchExplanation = z.infer<typeof matchExplanationSchema>;

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
  /** Increases by one with every change of score, explanation or status. */
  version: z.number().int().positive(),
  score: z.number().min(0).max(100),
  explanation: matchExplanationSchema,
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
