import { z } from 'zod';
import { candidateFieldsSchema } from './candidate-events.schema';
import { externalIdSchema, organisationIdSchema } from './common.schema';
import { eventSchema } from './envelope.schema';
import { postingFieldsSchema } from './posting-events.schema';

/**
 * Commands that ingestion pipelines publish on the ingest topics: the same operations as the REST
 * APIs. `(organisationId, externalId)` identifies the record, so a retried command upserts instead
 * of duplicating. Use `<organisationId>/<externalId>` as the Kafka key to keep one record's
 * commands in order. Candidate commands carry personal data: the ingest topic is only read by the
 * candidates service.
 */
const recordRef = { organisationId: organisationIdSchema, externalId: externalIdSchema };

export const PostingCommandTypes = {
  upsert: 'talentmatch.posting.upsert',
  close: 'talentmatch.posting.close',
} as const;

export const postingUpsertSchema = postingFieldsSchema.extend(recordRef);
export type PostingUpsert = z.infer<typeof postingUpsertSchema>;

export const postingCommandSchema = z.discriminatedUnion('type', [
  eventSchema(PostingCommandTypes.upsert, 1, postingUpsertSchema),
  eventSchema(PostingCommandTypes.close, 1, z.strictObject(recordRef)),
]);

export type PostingCommand = z.infer<typeof postingCommandSchema>;

export const CandidateCommandTypes = {
  upsert: 'talentmatch.candidate.upsert',
  withdraw: 'talentmatch.candidate.withdraw',
} as const;

export const candidateUpsertSchema = candidateFieldsSchema.extend(recordRef);
export type CandidateUpsert = z.infer<typeof candidateUpsertSchema>;

export const candidateCommandSchema = z.discriminatedUnion('type', [
  eventSchema(CandidateCommandTypes.upsert, 1, candidateUpsertSchema),
  eventSchema(CandidateCommandTypes.withdraw, 1, z.strictObject(recordRef)),
]);

export type CandidateCommand = z.infer<typeof candidateCommandSchema>;
