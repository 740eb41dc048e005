// Index vs brute force for the matcher: 10,000 postings × 100,000 candidates (one organisation, the
// index's worst case), generated from a fixed seed over the default taxonomy. For a sample of
// postings and candidates it times, in one run, (a) index lookup + scoring of the pairs found and
// (b) scoring every pair, checks both find the same eligible pairs, and prints the ratio.
//   node libs/scoring/bench/index.bench.ts [--postings=10000] [--candidates=100000] [--sample=20]
// Writes tmp/bench/matcher-index.json.
import './resolve-ts.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ScoringCandidate, ScoringPosting, Workplace } from '../src/scoring.types.ts';

const { MatchIndex, prepareCandidate, preparePosting, scorePrepared, passesGate } = await import('../src/index.ts');
const { defaultTaxonomy } = await import('../../skills/src/index.ts');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const POSTINGS = arg('postings', 10_000);
const CANDIDATES = arg('candidates', 100_000);
const SAMPLE = arg('sample', 20);
const SEED = 20_261_122;

// mulberry32: small, fast, seeded.
let state = SEED;
const random = (): number => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

// Skill popularity follows Zipf's law (s = 1): a few skills are everywhere, most are rare.
const skills = defaultTaxonomy.all().map((skill) => skill.name).sort();
const cumulative: number[] = [];
skills.reduce((total, _, rank) => (cumulative.push(total + 1 / (rank + 1)), total + 1 / (rank + 1)), 0);
const totalWeight = cumulative[cumulative.length - 1] ?? 1;
const order = [...skills].sort(() => 0).map((name, i) => ({ name, key: (i * 7919) % skills.length })).sort((a, b) => a.key - b.key).map((s) => s.name);
const skill = (): string => {
  const target = random() * totalWeight;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] ?? 0) < target) low = mid + 1;
    else high = mid;
  }
  return order[low] as string;
};
const distinct = (count: number): string[] => {
  const found = new Set<string>();
  while (found.size < count) found.add(skill());
  return [...found];
};
const workplaces: Workplace[] = ['on-site', 'hybrid', 'remote'];
const cities = [
  { city: 'Berlin', country: 'Germany' },
  { city: 'Munich', country: 'Germany' },
  { city: 'Paris', country: 'France' },
  { city: 'Lyon', country: 'France' },
  { city: 'London', country: 'United Kingdom' },
];

const postings: ScoringPosting[] = [];
for (let i = 0; i < POSTINGS; i += 1) {
  const names = distinct(int(2, 6));
  const required: ScoringPosting['requiredSkills'][number][] = names.slice(0, int(1, Math.min(4, names.length - 1)));
  if (random() < 0.15) required.push({ anyOf: distinct(3) });
  const min = int(0, 6);
  postings.push({
    requiredSkills: required,
    preferredSkills: names.slice(required.length),
    experienceYears: random() < 0.7 ? { min, max: min + int(2, 6) } : undefined,
    workplace: pick(workplaces),
    location: pick(cities),
    matching: random() < 0.1 ? { allowMissingRequired: 1 } : undefined,
  });
}
const candidates: ScoringCandidate[] = [];
for (let i = 0; i < CANDIDATES; i += 1) {
  candidates.push({
    skills: distinct(int(3, 15)).map((name) => ({ name, years: random() < 0.8 ? int(0, 12) : undefined })),
    totalYearsExperience: int(0, 25),
    workplacePreference: pick([...workplaces, 'any' as const]),
    location: pick(cities),
  });
}
const postingId = (i: number): string => `p${String(i).padStart(5, '0')}`;
const candidateId = (i: number): string => `c${String(i).padStart(6, '0')}`;

const mb = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

// Build the index: candidates first, then postings (as at start-up), measuring the candidates' heap.
const index = new MatchIndex(defaultTaxonomy);
const heapBefore = heap();
let started = performance.now();
candidates.forEach((candidate, i) => index.upsertCandidate(candidateId(i), 'acme', candidate));
const candidateBuildMs = performance.now() - started;
const heapCandidates = heap() - heapBefore;
started = performance.now();
postings.forEach((posting, i) => index.upsertPosting(postingId(i), 'acme', posting));
const postingBuildMs = performance.now() - started;

// Brute force works on prepared profiles too, so only the lookup differs.
const postingProfiles = postings.map((posting) => preparePosting(posting, defaultTaxonomy));
const candidateProfiles = candidates.map((candidate) => prepareCandidate(candidate, defaultTaxonomy));

const samplePostings = Array.from({ length: SAMPLE }, () => int(0, POSTINGS - 1));
const sampleCandidates = Array.from({ length: SAMPLE * 10 }, () => int(0, CANDIDATES - 1));

interface Timing {
  lookups: number;
  pairsFound: number;
  indexMs: number;
  gateScanMs: number;
  bruteForceMs: number;
}
const timing = (): Timing => ({ lookups: 0, pairsFound: 0, indexMs: 0, gateScanMs: 0, bruteForceMs: 0 });
const byPosting = timing();
const byCandidate = timing();

for (const p of samplePostings) {
  let t = performance.now();
  const viaIndex = index.candidatesFor(postingId(p));
  for (const id of viaIndex) index.score(postingId(p), id);
  byPosting.indexMs += performance.now() - t;
  const posting = postingProfiles[p]!;
  t = performance.now();
  let gated = 0;
  for (const candidate of candidateProfiles) if (passesGate(posting, candidate)) gated += 1;
  byPosting.gateScanMs += performance.now() - t;
  t = performance.now();
  const brute: string[] = [];
  candidateProfiles.forEach((candidate, i) => {
    if (scorePrepared(posting, candidate).eligible) brute.push(candidateId(i));
  });
  byPosting.bruteForceMs += performance.now() - t;
  if (brute.join() !== viaIndex.join() || gated !== brute.length) throw new Error(`posting ${postingId(p)}: index and brute force disagree`);
  byPosting.lookups += 1;
  byPosting.pairsFound += viaIndex.length;
}
for (const c of sampleCandidates) {
  let t = performance.now();
  const viaIndex = index.postingsFor(candidateId(c));
  for (const id of viaIndex) index.score(id, candidateId(c));
  byCandidate.indexMs += performance.now() - t;
  const candidate = candidateProfiles[c]!;
  t = performance.now();
  let gated = 0;
  for (const posting of postingProfiles) if (passesGate(posting, candidate)) gated += 1;
  byCandidate.gateScanMs += performance.now() - t;
  t = performance.now();
  const brute: string[] = [];
  postingProfiles.forEach((posting, i) => {
    if (scorePrepared(posting, candidate).eligible) brute.push(postingId(i));
  });
  byCandidate.bruteForceMs += performance.now() - t;
  if (brute.join() !== viaIndex.join() || gated !== brute.length) throw new Error(`candidate ${candidateId(c)}: index and brute force disagree`);
  byCandidate.lookups += 1;
  byCandidate.pairsFound += viaIndex.length;
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
const row = (name: string, t: Timing) => ({
  lookup: name,
  samples: t.lookups,
  'pairs found / lookup': round(t.pairsFound / t.lookups, 1),
  'index + score ms / lookup': round(t.indexMs / t.lookups),
  'gate scan ms / lookup': round(t.gateScanMs / t.lookups),
  'brute force ms / lookup': round(t.bruteForceMs / t.lookups),
  'brute / index': round(t.bruteForceMs / t.indexMs, 1),
});
const rows = [row('candidatesFor(posting)', byPosting), row('postingsFor(candidate)', byCandidate)];
const result = {
  generatedAt: new Date().toISOString(),
  node: process.version,
  seed: SEED,
  postings: POSTINGS,
  candidates: CANDIDATES,
  organisations: 1,
  taxonomySkills: skills.length,
  build: { candidatesMs: Math.round(candidateBuildMs), postingsMs: Math.round(postingBuildMs) },
  heap: {
    indexedCandidatesMB: mb(heapCandidates),
    per100kCandidatesMB: mb((heapCandidates / CANDIDATES) * 100_000),
    note: 'heap used by the index for the candidates (profiles and key → id sets), after GC; the candidate objects themselves were allocated before',
  },
  results: rows,
  ratio: { candidatesFor: rows[0]?.['brute / index'], postingsFor: rows[1]?.['brute / index'] },
};
console.log(`${POSTINGS} postings × ${CANDIDATES} candidates, one organisation, ${skills.length} skills (seed ${SEED})`);
console.log(`index built in ${result.build.candidatesMs} ms (candidates) + ${result.build.postingsMs} ms (postings); ${result.heap.per100kCandidatesMB} MB heap per 100,000 candidates`);
console.table(rows);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'tmp', 'bench', 'matcher-index.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written to ${out}`);
