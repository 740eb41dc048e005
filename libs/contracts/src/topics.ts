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

/**
 * Topics whose records are the whole current state of their key: created with
 * `cleanup.policy=compact`, so the broker keeps each key's latest record and a tombstone (the key
 * with no value, sent when a candidate is erased) makes it forget the key altogether.
 */
export const compactedTopics: ReadonlySet<Topic> = new Set<Topic>([Topics.candidates, Topics.matches]);

/** The topics ingestion pipelines write commands to. */
export type IngestTopic = typeof Topics.postingsIngest | typeof Topics.candidatesIngest;

/**
 * The ingest topic of one ingest principal (a Kafka user bound to organisations, see
 * INGEST_PRINCIPALS): `<ingest topic>.<principal>`, e.g. `postings.ingest.v1.pipeline-a`. Only that
 * principal may write it (a literal-topic ACL), so a command's organisation there can be checked
 * against the principal's. Named from configuration, never subscribed to by pattern.
 */
export function principalIngestTopic(topic: IngestTopic, principal: string): string {
  return `${topic}.${principal}`;
}
