import type { CandidateUpsert, PostingUpsert } from '@talent/contracts';

/** How records reach the platform: the REST bulk endpoints, or commands on the ingest topics. */
export type Channel = 'rest' | 'kafka';

export interface Chunk {
  kind: 'posting' | 'candidate';
  channel: Channel;
  records: Array<PostingUpsert | CandidateUpsert>;
}

/** The records a scenario ingests, in the order the pipelines send them. */
export interface DataSet {
  organisations: string[];
  postings: PostingUpsert[];
  candidates: CandidateUpsert[];
  chunks: Chunk[];
}

// Skills the taxonomy knows; each posting requires two and prefers one, each candidate holds three
// (drawn at random, seeded), so about one pair in fifteen of an organisation passes the gate:
// 1,231 matches for 2,000 records.
const SKILLS = ['TypeScript', 'Go', 'PostgreSQL', 'Kafka', 'Python', 'Java', 'React', 'Docker', 'AWS', 'Kubernetes'] as const;
const CHUNK = 50;

const skill = (index: number) => SKILLS[index % SKILLS.length]!;

/** Distinct skills drawn with a seeded generator (mulberry32): the same seed, the same skills. */
function pick(seed: number, count: number): string[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const picked: string[] = [];
  while (picked.length < count) {
    const name = skill(Math.floor(random() * SKILLS.length));
    if (!picked.includes(name)) picked.push(name);
  }
  return picked;
}

/**
 * `records` postings and candidates (one in ten a posting) of `records / 100` organisations (at
 * least one), in chunks of 50 of one kind, alternating between the REST bulk endpoints and the
 * ingest topics. The same arguments always give the same records.
 */
export function dataSet(scenario: string, records: number): DataSet {
  const postingCount = Math.max(1, Math.round(records / 10));
  const candidateCount = Math.max(1, records - postingCount);
  const organisations = Array.from({ length: Math.max(1, Math.round(records / 100)) }, (_, index) => `faults-${scenario}-${String(index).padStart(2, '0')}`);
  const postings: PostingUpsert[] = Array.from({ length: postingCount }, (_, index) => ({
    organisationId: organisations[index % organisations.length]!,
    externalId: `posting-${index}`,
    title: `Engineer ${index}`,
    requiredSkills: pick(index * 2 + 1, 2),
    preferredSkills: [skill(index * 5 + 2)],
  }));
  const candidates: CandidateUpsert[] = Array.from({ length: candidateCount }, (_, index) => ({
    organisationId: organisations[index % organisations.length]!,
    externalId: `candidate-${index}`,
    name: `Candidate ${index}`,
    skills: pick(1_000_000 + index, 3).map((name, position) => ({ name, years: 1 + ((index + position) % 6) })),
  }));

  // One posting chunk for every nine candidate chunks, postings first so that both directions
  // occur (candidates arriving after their postings, and postings after their candidates).
  const postingChunks = split(postings, CHUNK);
  const candidateChunks = split(candidates, CHUNK);
  const chunks: Chunk[] = [];
  while (postingChunks.length > 0 || candidateChunks.length > 0) {
    const posting = chunks.length % 10 === 0 ? postingChunks.length > 0 : candidateChunks.length === 0;
    const records = (posting ? postingChunks.shift() : candidateChunks.shift())!;
    chunks.push({ kind: posting ? 'posting' : 'candidate', channel: Math.floor(chunks.length / 2) % 2 === 0 ? 'rest' : 'kafka', records });
  }
  return { organisations, postings, candidates, chunks };
}

function split<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}

/** Records per scenario: `FAULT_RECORDS` (e.g. a reduced run inside `npm test`), else 2,000. */
export function recordCount(): number {
  const value = Number(process.env.FAULT_RECORDS ?? 2000);
  if (!Number.isInteger(value) || value < 100) throw new Error(`FAULT_RECORDS must be an integer of at least 100, not ${process.env.FAULT_RECORDS}`);
  return value;
}
