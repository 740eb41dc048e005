import { Topics } from '@talent/contracts';
import { MATCHER_INSTANCE_ID, type FaultPlatform } from './fault-platform';

/** Sum of a group's committed offsets on a topic (messages it will not be given again). */
export async function committed(platform: FaultPlatform, groupId: string, topic: string): Promise<number> {
  const [offsets] = await platform.admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
}

/**
 * Messages a service has applied, read from the effects it made durable: the matcher stores one
 * read-model row per posting and candidate event (each record has one), the notifier one
 * notification per match event (only the operator's endpoint is configured).
 */
export async function processed(platform: FaultPlatform, service: 'matcher' | 'notifier'): Promise<Record<string, number>> {
  if (service === 'matcher') {
    const [row] = await platform.query<{ postings: number; candidates: number }>(
      'matcher',
      'SELECT (SELECT count(*)::int FROM matcher_postings) AS postings, (SELECT count(*)::int FROM matcher_candidates) AS candidates',
    );
    return { [Topics.postings]: row!.postings, [Topics.candidates]: row!.candidates };
  }
  const [row] = await platform.query<{ matches: number }>('notifier', 'SELECT count(*)::int AS matches FROM notifications');
  return { [Topics.matches]: row!.matches };
}

export const GROUP_OF = {
  matcher: { [Topics.postings]: `matcher.postings.${MATCHER_INSTANCE_ID}`, [Topics.candidates]: 'matcher' },
  notifier: { [Topics.matches]: 'notifier' },
} as const;

/** Per topic: messages the service applied but whose offsets it has not committed (it would get them again). */
export async function redeliverable(platform: FaultPlatform, service: 'matcher' | 'notifier'): Promise<Record<string, number>> {
  const applied = await processed(platform, service);
  const result: Record<string, number> = {};
  for (const [topic, groupId] of Object.entries(GROUP_OF[service])) {
    result[topic] = applied[topic]! - (await committed(platform, groupId, topic));
  }
  return result;
}
