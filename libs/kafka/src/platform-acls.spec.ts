import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry } from 'kafkajs';
import { kafkaAccessPlan } from './platform-acls';

const principals = { postings: 'svc-postings', candidates: 'svc-candidates', matcher: 'svc-matcher', notifier: 'svc-notifier' };
const bound = [
  { principal: 'pipeline-a', organisations: ['acme'] },
  { principal: 'pipeline-b', organisations: ['globex'] },
];

/** `User:x` → the topics it may do `operation` on. */
function topicsAllowed(acls: readonly AclEntry[], operation: AclOperationTypes): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const acl of acls) {
    if (acl.resourceType !== AclResourceTypes.TOPIC || acl.operation !== operation) continue;
    expect(acl.resourcePatternType).toBe(ResourcePatternTypes.LITERAL);
    (result[acl.principal] ??= []).push(acl.resourceName);
  }
  for (const topics of Object.values(result)) topics.sort();
  return result;
}

describe('kafkaAccessPlan', () => {
  it('lets each service write only its output and the dead letters of what it reads, and each ingest principal only its own topic', () => {
    const { acls } = kafkaAccessPlan({ principals, postingsIngest: bound, candidatesIngest: bound.slice(0, 1) });

    expect(topicsAllowed(acls, AclOperationTypes.WRITE)).toEqual({
      'User:svc-postings': ['postings.ingest.v1.pipeline-a.dlq', 'postings.ingest.v1.pipeline-b.dlq', 'postings.v1'],
      'User:svc-candidates': ['candidates.ingest.v1.pipeline-a.dlq', 'candidates.v1'],
      'User:svc-matcher': ['candidates.v1.dlq', 'matches.v1', 'postings.v1.dlq'],
      'User:svc-notifier': ['matches.v1.dlq', 'notifications.v1', 'postings.v1.dlq'],
      'User:pipeline-a': ['candidates.ingest.v1.pipeline-a', 'postings.ingest.v1.pipeline-a'],
      'User:pipeline-b': ['postings.ingest.v1.pipeline-b'],
    });
    expect(topicsAllowed(acls, AclOperationTypes.READ)).toEqual({
      'User:svc-postings': ['postings.ingest.v1.pipeline-a', 'postings.ingest.v1.pipeline-b'],
      'User:svc-candidates': ['candidates.ingest.v1.pipeline-a'],
      'User:svc-matcher': ['candidates.v1', 'postings.v1'],
      'User:svc-notifier': ['matches.v1', 'postings.v1'],
    });
    expect(acls.filter((acl) => acl.operation === AclOperationTypes.ALL || acl.operation === AclOperationTypes.CREATE || acl.operation === AclOperationTypes.ALTER)).toEqual([]);
    expect(acls.filter((acl) => acl.resourceType === AclResourceTypes.GROUP).map((acl) => [acl.principal, acl.resourceName, acl.resourcePatternType, acl.operation])).toEqual(
      Object.entries(principals).map(([service, principal]) => [`User:${principal}`, service, ResourcePatternTypes.PREFIXED, AclOperationTypes.READ]),
    );
  });

  it('without ingest principals, grants the services the shared ingest topics and no one writing them', () => {
    const { acls, topics } = kafkaAccessPlan({ principals, groupPrefixes: { matcher: 'matcher-eu' } });

    expect(topicsAllowed(acls, AclOperationTypes.READ)['User:svc-postings']).toEqual(['postings.ingest.v1']);
    expect(Object.values(topicsAllowed(acls, AclOperationTypes.WRITE)).flat()).not.toContain('postings.ingest.v1');
    expect(acls.find((acl) => acl.resourceType === AclResourceTypes.GROUP && acl.principal === 'User:svc-matcher')?.resourceName).toBe('matcher-eu');
    expect(topics.sort()).toEqual(
      ['postings.ingest.v1', 'candidates.ingest.v1', 'postings.v1', 'candidates.v1', 'matches.v1', 'notifications.v1'].flatMap((topic) => [topic, `${topic}.dlq`]).sort(),
    );
  });
});
