import { createHash } from 'node:crypto';

/** Namespace of match ids (a fixed random UUID), so they never collide with other name-based ids. */
const MATCH_NAMESPACE = Buffer.from('6f1c2f9e5a0b4c8e9d3e7a1b2c4d5e6f', 'hex');

/**
 * A stable match id: a name-based (version 5) UUID of the posting and candidate ids, so every
 * matcher instance and every replay computes the same id for the same pair.
 */
export function matchId(postingId: string, candidateId: string): string {
  const hash = createHash('sha1').update(MATCH_NAMESPACE).update(`${postingId}/${candidateId}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
