import { Client } from 'pg';
import type { CandidateState, PostingState } from '@talent/contracts';
import { ensureDatabase } from '@talent/persistence';
import {
  indexedCandidate,
  indexedPosting,
  mandatoryKeys,
  PairIndex,
  prepareCandidate,
  preparePosting,
  scorePrepared,
  type CandidateProfile,
  type PostingProfile,
} from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import type { BenchOptions } from '../bench-options';
import type { BenchPlatform } from '../bench-platform';
import { round, type MeasureResult } from '../bench-result';
import { SyntheticData } from '../synthetic-data';

interface Timing {
  lookups: number;
  pairs: number;
  indexMs: number;
  bruteMs: number;
  postgresMs: number;
  /** Rows the PostgreSQL prefilter returned (scored in JS afterwards). */
  postgresRows: number;
}

const timing = (): Timing => ({ lookups: 0, pairs: 0, indexMs: 0, bruteMs: 0, postgresMs: 0, postgresRows: 0 });
const CHUNK = 5_000;

/**
 * Measure 3: finding the eligible pairs of one posting (or one candidate) among 10,000 postings ×
 * 100,000 candidates, one organisation: the inverted index the matcher runs (`PairIndex` of
 * @talent/scoring, its entries made as the matcher makes them) with the pairs it finds scored, vs
 * scoring every pair vs what a user would write instead — PostgreSQL tables with a `text[]` column
 * of skill keys under a GIN index, a containment/overlap query as prefilter, and the gate and
 * scoring in JS on the rows it returns. All three must find the same pairs.
 */
export async function measureLookup(options: BenchOptions, platform: BenchPlatform): Promise<MeasureResult> {
  const started = performance.now();
  const data = new SyntheticData(options.seed);
  const postings = data.postings(options.postings);
  const candidates = data.candidates(options.candidates);

  // Built as the matcher's state builds it on each event: prepared through the taxonomy, then filed.
  const index = new PairIndex();
  let t = performance.now();
  for (const candidate of candidates) index.upsertCandidate(indexedCandidate(candidate, prepareCandidate(candidate, defaultTaxonomy)));
  const candidateBuildMs = performance.now() - t;
  t = performance.now();
  for (const posting of postings) index.upsertPosting(indexedPosting(posting, preparePosting(posting, defaultTaxonomy)));
  const postingBuildMs = performance.now() - t;
  const postingProfiles = postings.map((posting) => preparePosting(posting, defaultTaxonomy));
  const candidateProfiles = candidates.map((candidate) => prepareCandidate(candidate, defaultTaxonomy));
  // The index holds ids and keys; the matcher scores the pairs it finds from the records it holds.
  const postingProfileOf = new Map(postings.map((posting, i) => [posting.id, postingProfiles[i]!]));
  const candidateProfileOf = new Map(candidates.map((candidate, i) => [candidate.id, candidateProfiles[i]!]));

  const url = platform.database('lookup');
  await ensureDatabase(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    t = performance.now();
    await load(client, postings, postingProfiles, candidates, candidateProfiles);
    const loadMs = performance.now() - t;

    const samplePostings = Array.from({ length: options.lookupSamples }, () => data.int(0, postings.length - 1));
    const sampleCandidates = Array.from({ length: options.lookupSamples * 10 }, () => data.int(0, candidates.length - 1));
    const byPosting = timing();
    const byCandidate = timing();

    for (const p of samplePostings) {
      const posting = postings[p]!;
      const profile = postingProfiles[p]!;
      t = performance.now();
      const viaIndex = index.candidatesFor(posting.id).filter((id) => scorePrepared(profile, candidateProfileOf.get(id)!).eligible);
      byPosting.indexMs += performance.now() - t;
      t = performance.now();
      const brute = candidateProfiles.flatMap((candidate, i) => (scorePrepared(profile, candidate).eligible ? [candidates[i]!.id] : []));
      byPosting.bruteMs += performance.now() - t;
      t = performance.now();
      const { rows } = await client.query<{ id: string; state: CandidateState }>(candidatesQuery(profile), [candidateFilterKeys(profile)]);
      const viaPostgres = rows.filter((row) => scorePrepared(profile, prepareCandidate(row.state, defaultTaxonomy)).eligible).map((row) => row.id);
      byPosting.postgresMs += performance.now() - t;
      byPosting.postgresRows += rows.length;
      agree(`posting ${posting.id}`, viaIndex, brute, viaPostgres);
      byPosting.lookups += 1;
      byPosting.pairs += brute.length;
    }
    for (const c of sampleCandidates) {
      const candidate = candidates[c]!;
      const profile = candidateProfiles[c]!;
      t = performance.now();
      const viaIndex = index.postingsFor(candidate.id).filter((id) => scorePrepared(postingProfileOf.get(id)!, profile).eligible);
      byCandidate.indexMs += performance.now() - t;
      t = performance.now();
      const brute = postingProfiles.flatMap((posting, i) => (scorePrepared(posting, profile).eligible ? [postings[i]!.id] : []));
      byCandidate.bruteMs += performance.now() - t;
      t = performance.now();
      const { rows } = await client.query<{ id: string; state: PostingState }>(
        `SELECT id, state FROM bench_postings
          WHERE (cardinality(mandatory_keys) > 0 AND mandatory_keys <@ $1::text[])
             OR (cardinality(mandatory_keys) = 0 AND member_keys && $1::text[])`,
        [profile.keys],
      );
      const viaPostgres = rows.filter((row) => scorePrepared(preparePosting(row.state, defaultTaxonomy), profile).eligible).map((row) => row.id);
      byCandidate.postgresMs += performance.now() - t;
      byCandidate.postgresRows += rows.length;
      agree(`candidate ${candidate.id}`, viaIndex, brute, viaPostgres);
      byCandidate.lookups += 1;
      byCandidate.pairs += brute.length;
    }

    const perLookup = (total: number, lookups: number): number => round(total / lookups, 2);
    const rows = [
      { name: 'candidates of a posting', t: byPosting },
      { name: 'postings of a candidate', t: byCandidate },
    ].flatMap(({ name, t: x }) => [
      {
        measure: `lookup: ${name} (index vs brute force)`,
        unit: 'ms/lookup',
        ours: perLookup(x.indexMs, x.lookups),
        baseline: perLookup(x.bruteMs, x.lookups),
        baselineName: 'score every pair',
        better: 'lower' as const,
      },
      {
        measure: `lookup: ${name} (index vs PostgreSQL GIN)`,
        unit: 'ms/lookup',
        ours: perLookup(x.indexMs, x.lookups),
        baseline: perLookup(x.postgresMs, x.lookups),
        baselineName: 'text[] @> / <@ / && with GIN, scored in JS',
        better: 'lower' as const,
      },
    ]);
    return {
      name: 'lookup',
      rows,
      details: {
        postings: postings.length,
        candidates: candidates.length,
        organisations: 1,
        taxonomySkills: data.skills.length,
        indexBuildMs: { candidates: Math.round(candidateBuildMs), postings: Math.round(postingBuildMs) },
        postgresLoadMs: Math.round(loadMs),
        byPosting: summary(byPosting),
        byCandidate: summary(byCandidate),
        postgresQueries: {
          candidatesOfPosting: 'SELECT id, state FROM bench_candidates WHERE skill_keys @> $mandatoryKeys (or && $memberKeys when none is mandatory)',
          postingsOfCandidate: 'SELECT id, state FROM bench_postings WHERE mandatory_keys <@ $candidateKeys (or member_keys && $candidateKeys when none is mandatory)',
        },
      },
      seconds: round((performance.now() - started) / 1000),
    };
  } finally {
    await client.end();
  }
}

function summary(t: Timing): Record<string, number> {
  return {
    lookups: t.lookups,
    eligiblePairsPerLookup: round(t.pairs / t.lookups),
    postgresRowsPerLookup: round(t.postgresRows / t.lookups),
    indexMs: round(t.indexMs / t.lookups, 3),
    bruteForceMs: round(t.bruteMs / t.lookups, 3),
    postgresMs: round(t.postgresMs / t.lookups, 3),
  };
}

/** The three ways must find exactly the same eligible pairs, or the timings compare nothing. */
function agree(what: string, index: string[], brute: string[], postgres: string[]): void {
  const key = (ids: string[]): string => [...ids].sort().join();
  const expected = key(brute);
  if (key(index) !== expected) throw new Error(`lookup: ${what}: the index and brute force disagree`);
  if (key(postgres) !== expected) throw new Error(`lookup: ${what}: PostgreSQL and brute force disagree`);
}

/** Keys a candidate passing the gate must hold (all of them), or else hold one of (any). */
function candidateFilterKeys(profile: PostingProfile): string[] {
  const mandatory = mandatoryKeys(profile);
  return mandatory.length > 0 ? mandatory : memberKeys(profile);
}

function candidatesQuery(profile: PostingProfile): string {
  const operator = mandatoryKeys(profile).length > 0 ? '@>' : '&&';
  return `SELECT id, state FROM bench_candidates WHERE skill_keys ${operator} $1::text[]`;
}

function memberKeys(profile: PostingProfile): string[] {
  return [...new Set(profile.requirements.flatMap((requirement) => requirement.members.map((member) => member.key)))].sort();
}

async function load(
  client: Client,
  postings: readonly PostingState[],
  postingProfiles: readonly PostingProfile[],
  candidates: readonly CandidateState[],
  candidateProfiles: readonly CandidateProfile[],
): Promise<void> {
  await client.query('CREATE TABLE bench_candidates (id uuid PRIMARY KEY, skill_keys text[] NOT NULL, state jsonb NOT NULL)');
  await client.query('CREATE TABLE bench_postings (id uuid PRIMARY KEY, mandatory_keys text[] NOT NULL, member_keys text[] NOT NULL, state jsonb NOT NULL)');
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const rows = candidates.slice(i, i + CHUNK).map((state, j) => ({ id: state.id, keys: candidateProfiles[i + j]!.keys, state }));
    await client.query(
      `INSERT INTO bench_candidates (id, skill_keys, state)
       SELECT r.id, ARRAY(SELECT jsonb_array_elements_text(r.keys)), r.state FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, keys jsonb, state jsonb)`,
      [JSON.stringify(rows)],
    );
  }
  for (let i = 0; i < postings.length; i += CHUNK) {
    const rows = postings.slice(i, i + CHUNK).map((state, j) => {
      const profile = postingProfiles[i + j]!;
      return { id: state.id, mandatory: mandatoryKeys(profile), members: memberKeys(profile), state };
    });
    await client.query(
      `INSERT INTO bench_postings (id, mandatory_keys, member_keys, state)
       SELECT r.id, ARRAY(SELECT jsonb_array_elements_text(r.mandatory)), ARRAY(SELECT jsonb_array_elements_text(r.members)), r.state
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, mandatory jsonb, members jsonb, state jsonb)`,
      [JSON.stringify(rows)],
    );
  }
  await client.query('CREATE INDEX bench_candidates_skill_keys ON bench_candidates USING gin (skill_keys)');
  await client.query('CREATE INDEX bench_postings_mandatory_keys ON bench_postings USING gin (mandatory_keys)');
  await client.query('CREATE INDEX bench_postings_member_keys ON bench_postings USING gin (member_keys)');
  await client.query('ANALYZE bench_candidates');
  await client.query('ANALYZE bench_postings');
}
