import { candidateFieldsSchema, externalIdSchema, organisationIdSchema } from '@talent/contracts';
import { z } from 'zod';

/** `POST /candidates`: a candidate of a talent pool, optionally with the publisher's own id (then an upsert). */
export const createCandidateSchema = candidateFieldsSchema.extend({
  organisationId: organisationIdSchema,
  externalId: externalIdSchema.optional(),
});

export type CreateCandidate = z.infer<typeof createCandidateSchema>;

/** `PUT /candidates/:id`: the candidate's fields, replaced as a whole. */
export const replaceCandidateSchema = candidateFieldsSchema;

export const listCandidatesQuerySchema = z.strictObject({
  organisationId: organisationIdSchema.optional(),
  status: z.enum(['active', 'withdrawn']).optional(),
  skill: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export type ListCandidatesQuery = z.infer<typeof listCandidatesQuerySchema>;
