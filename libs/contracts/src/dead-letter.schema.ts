import { z } from 'zod';

/**
 * Headers of a dead-lettered message (`<topic>.dlq`). They are part of the contract: operators'
 * tools read them. The value is the original bytes, untouched, so the message can be inspected and
 * replayed; the original headers are kept beside these.
 */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalTimestamp: 'dlq-original-timestamp',
  consumerGroup: 'dlq-consumer-group',
  service: 'dlq-service',
  failedAt: 'dlq-failed-at',
  attempts: 'dlq-attempts',
} as const;

const digits = z.string().regex(/^\d+$/, 'must be a decimal number');

/** The `dlq-*` headers, as strings (Kafka header values are bytes; these are UTF-8 text). */
export const deadLetterHeadersSchema = z.object({
  [DeadLetterHeaders.reason]: z.string().min(1).max(2000).describe('Why the message was dead-lettered: `invalid event: <field>: <problem>; …`, `forbidden: …` (its writer may not write for its organisation), `rejected: …` or `handler failed N times: …`.'),
  [DeadLetterHeaders.originalTopic]: z.string().min(1).describe('The topic the message was consumed from.'),
  [DeadLetterHeaders.originalPartition]: digits.describe('Its partition there.'),
  [DeadLetterHeaders.originalOffset]: digits.describe('Its offset there.'),
  [DeadLetterHeaders.originalTimestamp]: digits.describe('Its timestamp there (milliseconds since the epoch).'),
  [DeadLetterHeaders.consumerGroup]: z.string().min(1).describe('The consumer group that gave up on it.'),
  [DeadLetterHeaders.service]: z.string().min(1).describe('The service that gave up on it.'),
  [DeadLetterHeaders.failedAt]: z.iso.datetime({ offset: true }).describe('When it was dead-lettered.'),
  [DeadLetterHeaders.attempts]: digits.describe('How many times the handler was tried (1 for invalid, forbidden or rejected messages).'),
});

export type DeadLetterHeaderValues = z.infer<typeof deadLetterHeadersSchema>;
