import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CandidateState } from '@talent/contracts';
// The bench measures the matcher's own in-memory structures, exactly as the service holds them;
// they are not exported by any library, so this one import reaches into the service.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the bench measures the service's own class
import { MatcherState } from '../../../services/matcher/src/matching/matcher-state';
import type { BenchOptions } from '../bench-options';
import { round, type MeasureResult } from '../bench-result';
import { SyntheticData } from '../synthetic-data';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  for (let i = 0; i < 3; i += 1) gc();
  return process.memoryUsage().heapUsed;
}

const MB = 1_048_576;

/**
 * Measure 5: heap the matcher instance holds per 100,000 candidates of its shard — its
 * `MatcherState` (candidate states, versions, the PairIndex) with the open postings loaded first,
 * as after a shard load. Each candidate is parsed from its event JSON, as the consumer does.
 * Baseline: the same parsed candidate states in a plain Map (what keeping the events costs
 * without the index). Runs in a process of its own, so nothing else is on the heap.
 */
export function measureMemory(options: BenchOptions): MeasureResult {
  const started = performance.now();
  const data = new SyntheticData(options.seed);
  const state = new MatcherState();
  for (const posting of data.postings(options.postings)) state.rememberPosting(JSON.parse(JSON.stringify(posting)) as typeof posting);

  const candidateData = new SyntheticData(options.seed + 1);
  const before = heapUsed();
  let jsonBytes = 0;
  let t = performance.now();
  for (let i = 0; i < options.candidates; i += 1) {
    const json = JSON.stringify(candidateData.candidate('acme', i));
    jsonBytes += Buffer.byteLength(json);
    state.rememberCandidate(JSON.parse(json) as CandidateState);
  }
  const loadMs = performance.now() - t;
  const withState = heapUsed() - before;
  if (state.candidates.size !== options.candidates) throw new Error('memory: not every candidate was held'); // also keeps the state alive until measured

  const plainData = new SyntheticData(options.seed + 1);
  const plain = new Map<string, CandidateState>();
  const beforePlain = heapUsed();
  t = performance.now();
  for (let i = 0; i < options.candidates; i += 1) {
    const candidate = JSON.parse(JSON.stringify(plainData.candidate('acme', i))) as CandidateState;
    plain.set(candidate.id, candidate);
  }
  const plainMs = performance.now() - t;
  const plainBytes = heapUsed() - beforePlain;
  if (plain.size !== options.candidates) throw new Error('memory: not every candidate was held'); // also keeps the Map alive until measured

  const per100k = (bytes: number): number => round(((bytes / options.candidates) * 100_000) / MB, 1);
  return {
    name: 'memory',
    rows: [
      {
        measure: 'matcher memory per 100,000 candidates',
        unit: 'MB heap',
        ours: per100k(withState),
        baseline: per100k(plainBytes),
        baselineName: 'the parsed candidate events in a Map',
        better: 'lower',
      },
    ],
    details: {
      postings: state.postings.size,
      candidates: state.candidates.size,
      index: state.index.size,
      heapMB: { matcherState: round(withState / MB), plainMap: round(plainBytes / MB) },
      eventJsonMB: round(jsonBytes / MB),
      loadMs: { matcherState: Math.round(loadMs), plainMap: Math.round(plainMs) },
      note: 'heap used after a forced GC, before and after the candidates were added; the postings were loaded before',
    },
    seconds: round((performance.now() - started) / 1000),
  };
}
