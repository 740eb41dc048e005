import type { CandidateState, PostingState } from '@talent/contracts';
import { PairIndex } from '@talent/scoring';
import { indexedCandidate, indexedPosting } from './scorer';

/** What the state held for one record before a change: enough to undo the change. */
export interface Remembered<T> {
  state?: T;
  version?: number;
}

/**
 * The matcher instance's memory: every open posting, the active candidates of its shard, the
 * versions of every record seen (to ignore stale and replayed events) and the inverted index over
 * them. No I/O: the service keeps it in step with its read model, and the bench measures it as is.
 */
export class MatcherState {
  readonly index = new PairIndex();
  /** Open postings. */
  readonly postings = new Map<string, PostingState>();
  /** Versions of every posting seen (closed ones too). */
  readonly postingVersions = new Map<string, number>();
  /** Active candidates of the owned partitions. */
  readonly candidates = new Map<string, CandidateState>();
  /** Versions of the owned partitions' candidates (withdrawn ones too). */
  readonly candidateVersions = new Map<string, number>();
  /** The partition each candidate held arrived on. */
  readonly candidatePartitions = new Map<string, number>();

  isNewPosting(posting: PostingState): boolean {
    return posting.version > (this.postingVersions.get(posting.id) ?? 0);
  }

  isNewCandidate(candidate: Pick<CandidateState, 'id' | 'version'>): boolean {
    return candidate.version > (this.candidateVersions.get(candidate.id) ?? 0);
  }

  postingBefore(id: string): Remembered<PostingState> {
    return { state: this.postings.get(id), version: this.postingVersions.get(id) };
  }

  candidateBefore(id: string): Remembered<CandidateState> {
    return { state: this.candidates.get(id), version: this.candidateVersions.get(id) };
  }

  rememberPosting(posting: PostingState): void {
    this.postingVersions.set(posting.id, Math.max(posting.version, this.postingVersions.get(posting.id) ?? 0));
    if (posting.status === 'open') {
      this.postings.set(posting.id, posting);
      this.index.upsertPosting(indexedPosting(posting));
    } else {
      this.postings.delete(posting.id);
      this.index.removePosting(posting.id);
    }
  }

  restorePosting(id: string, before: Remembered<PostingState>): void {
    this.postings.delete(id);
    this.index.removePosting(id);
    this.postingVersions.delete(id);
    if (before.state) this.rememberPosting(before.state);
    if (before.version !== undefined) this.postingVersions.set(id, before.version);
  }

  rememberCandidate(candidate: CandidateState): void {
    this.candidateVersions.set(candidate.id, Math.max(candidate.version, this.candidateVersions.get(candidate.id) ?? 0));
    if (candidate.status === 'active') {
      this.candidates.set(candidate.id, candidate);
      this.index.upsertCandidate(indexedCandidate(candidate));
    } else {
      this.candidates.delete(candidate.id);
      this.index.removeCandidate(candidate.id);
    }
  }

  restoreCandidate(id: string, before: Remembered<CandidateState>): void {
    this.candidates.delete(id);
    this.index.removeCandidate(id);
    this.candidateVersions.delete(id);
    if (before.state) this.rememberCandidate(before.state);
    if (before.version !== undefined) this.candidateVersions.set(id, before.version);
  }

  /** Notes the partition a candidate's events arrive on (its shard). */
  placeCandidate(id: string, partition: number): void {
    this.candidatePartitions.set(id, partition);
  }

  /** Forgets the candidates of partitions no longer owned. */
  forgetPartitions(partitions: ReadonlySet<number>): void {
    if (partitions.size === 0) return;
    for (const [id, partition] of this.candidatePartitions) {
      if (!partitions.has(partition)) continue;
      this.candidates.delete(id);
      this.candidateVersions.delete(id);
      this.candidatePartitions.delete(id);
      this.index.removeCandidate(id);
    }
  }

}
