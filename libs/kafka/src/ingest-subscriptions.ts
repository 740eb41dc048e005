import type { IngestPrincipal } from '@talent/config';
import { principalIngestTopic, type IngestTopic } from '@talent/contracts';
import type { KafkaSubscription } from './kafka-batch.server';

/**
 * The ingest topics a service consumes: with ingest principals, each principal's own topic, where a
 * command for an organisation not bound to the principal is refused (dead-lettered `forbidden`);
 * without, the shared topic, as it is.
 */
export function ingestSubscriptions<T extends IngestTopic>(
  topic: T,
  principals: readonly IngestPrincipal[] | undefined,
): Array<KafkaSubscription<T>> {
  if (principals === undefined) return [{ name: topic, topic }];
  return principals.map(({ principal, organisations }) => {
    const bound = new Set(organisations);
    return {
      name: principalIngestTopic(topic, principal),
      topic,
      authorise: (event) => {
        const { organisationId } = event.data as { organisationId: string };
        return bound.has(organisationId) ? undefined : `organisation ${organisationId} is not bound to ingest principal ${principal}`;
      },
    };
  });
}

/** The names of the ingest topics `ingestSubscriptions` consumes. */
export function ingestTopics(topic: IngestTopic, principals: readonly IngestPrincipal[] | undefined): string[] {
  return principals === undefined ? [topic] : principals.map(({ principal }) => principalIngestTopic(topic, principal));
}
