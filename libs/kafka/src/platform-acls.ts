import type { IngestPrincipal } from '@talent/config';
import { deadLetterTopic, Topics, type IngestTopic, type Topic } from '@talent/contracts';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type Admin,
} from 'kafkajs';
import { ingestTopics } from './ingest-subscriptions';

export type PlatformService = 'postings' | 'candidates' | 'matcher' | 'notifier';

/**
 * What each service consumes and produces (its `main.ts` names the same consumers and topics); the
 * ingest topics are the shared ones here and become the principals' own when ingest principals are
 * configured.
 */
export const serviceTopics: Readonly<Record<PlatformService, { consumes: readonly Topic[]; produces: readonly Topic[] }>> = {
  postings: { consumes: [Topics.postingsIngest], produces: [Topics.postings] },
  candidates: { consumes: [Topics.candidatesIngest], produces: [Topics.candidates] },
  matcher: { consumes: [Topics.postings, Topics.candidates], produces: [Topics.matches] },
  notifier: { consumes: [Topics.matches, Topics.postings], produces: [Topics.notifications] },
};

export interface KafkaAccessOptions {
  /** The Kafka user (SCRAM user name) each service connects as (`KAFKA_SASL_USERNAME`). */
  principals: Readonly<Record<PlatformService, string>>;
  /**
   * Each service's consumer groups start with this (default: the service's name; the matcher's is
   * its `KAFKA_GROUP_ID`).
   */
  groupPrefixes?: Partial<Readonly<Record<PlatformService, string>>>;
  /** The postings service's `INGEST_PRINCIPALS`; unset, it reads the shared ingest topic. */
  postingsIngest?: readonly IngestPrincipal[];
  /** The candidates service's `INGEST_PRINCIPALS`; unset, it reads the shared ingest topic. */
  candidatesIngest?: readonly IngestPrincipal[];
}

/** A deployment's topics and who may do what with them. */
export interface KafkaAccessPlan {
  /** Every topic the services use, dead-letter topics included: the operator creates them. */
  topics: string[];
  /** The ACLs to create (as the super user) on a broker that denies what no ACL allows. */
  acls: AclEntry[];
}

/**
 * The least each principal needs: a service may read what it consumes (in its own consumer groups),
 * write what it produces and the dead-letter topics of what it consumes, and describe the topics it
 * uses; an ingest principal may write its own ingest topic and nothing else. No one may create
 * topics or write another's: the operator creates `topics` beforehand.
 */
export function kafkaAccessPlan(options: KafkaAccessOptions): KafkaAccessPlan {
  const topics = new Set<string>();
  const acls: AclEntry[] = [];
  const allow = (principal: string, resourceType: AclResourceTypes, resourceName: string, operations: AclOperationTypes[], pattern = ResourcePatternTypes.LITERAL): void => {
    for (const operation of operations) {
      acls.push({
        principal: `User:${principal}`,
        host: '*',
        resourceType,
        resourceName,
        resourcePatternType: pattern,
        operation,
        permissionType: AclPermissionTypes.ALLOW,
      });
    }
  };
  const consumed = (service: PlatformService, topic: Topic): string[] => {
    if (service === 'postings' && topic === Topics.postingsIngest) return ingestTopics(topic, options.postingsIngest);
    if (service === 'candidates' && topic === Topics.candidatesIngest) return ingestTopics(topic, options.candidatesIngest);
    return [topic];
  };
  for (const service of Object.keys(serviceTopics) as PlatformService[]) {
    const principal = options.principals[service];
    const { consumes, produces } = serviceTopics[service];
    const reads = consumes.flatMap((topic) => consumed(service, topic));
    for (const topic of [...reads, ...produces]) {
      topics.add(topic).add(deadLetterTopic(topic));
      allow(principal, AclResourceTypes.TOPIC, topic, [AclOperationTypes.DESCRIBE]);
      allow(principal, AclResourceTypes.TOPIC, deadLetterTopic(topic), [AclOperationTypes.DESCRIBE]);
    }
    for (const topic of reads) {
      allow(principal, AclResourceTypes.TOPIC, topic, [AclOperationTypes.READ]);
      allow(principal, AclResourceTypes.TOPIC, deadLetterTopic(topic), [AclOperationTypes.WRITE]);
    }
    for (const topic of produces) allow(principal, AclResourceTypes.TOPIC, topic, [AclOperationTypes.WRITE]);
    const groupPrefix = options.groupPrefixes?.[service] ?? service;
    allow(principal, AclResourceTypes.GROUP, groupPrefix, [AclOperationTypes.READ], ResourcePatternTypes.PREFIXED);
  }
  const ingest: Array<[IngestTopic, readonly IngestPrincipal[] | undefined]> = [
    [Topics.postingsIngest, options.postingsIngest],
    [Topics.candidatesIngest, options.candidatesIngest],
  ];
  for (const [topic, principals] of ingest) {
    for (const { principal } of principals ?? []) {
      const own = ingestTopics(topic, [{ principal, organisations: [] }])[0]!;
      allow(principal, AclResourceTypes.TOPIC, own, [AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE]);
    }
  }
  return { topics: [...topics], acls };
}

/** Creates the plan's ACLs (idempotent: an existing binding is left as it is). */
export async function createAcls(admin: Admin, acls: readonly AclEntry[]): Promise<void> {
  await admin.createAcls({ acl: [...acls] });
}
