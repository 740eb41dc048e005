/**
 * Kafka topic names. They are part of the public contract: renaming one needs a migration
 * plan (dual-publish, move consumers, retire the old name), never a rename in place.
 */
export const Topics = {
  postingsIngest: 'postings.ingest.v1',
  candidatesIngest: 'candidates.ingest.v1',
  postings: 'postings.v1',
  candidates: 'candidates.v1',
  matches: 'matches.v1',
  notifications: 'notifications.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const allTopics: readonly Topic[] = Object.values(Topics);

/** Every consumed topic has a dead-letter sibling for messages that could not be processed. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
