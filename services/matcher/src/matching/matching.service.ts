import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, type EntityManager } from 'typeorm';
import type { Context } from '@opentelemetry/api';
import {
  createEvent,
  MatchEventTypes,
  Topics,
  type CandidateErasure,
  type CandidateEvent,
  type CandidateState,
  type MatchState,
  type PostingEvent,
  type PostingState,
} from '@talent/contracts';
import { KafkaConsumers } from '@talent/kafka';
import { matchId } from '@talent/matching';
import { matchScores } from '@talent/observability';
import { enqueueEvents, enqueueTombstones } from '@talent/outbox';
import { MatcherState } from './matcher-state';
import { indexedCandidate, matchExplanation, mayPair, PairScorer, requiredKeys } from './scorer';

interface MatchRow {
  id: string;
  posting_id: string;
  candidate_id: string;
  score: number;
  explanation: MatchState['explanation'];
  status: 'active' | 'withdrawn';
  version: number;
}

type MatchEventType = (typeof MatchEventTypes)[keyof typeof MatchEventTypes];

/**
 * A match this transaction computed from one version was written meanwhile by another transaction
 * (another instance). Nothing of the transaction is kept; applying the event again reads the match
 * as it now is.
 */
export class MatchWriteConflict extends Error {
  constructor(readonly matchIds: readonly string[]) {
    super(`${matchIds.length} match(es) written by another instance meanwhile (${matchIds.slice(0, 3).join(', ')}${matchIds.length > 3 ? ', …' : ''}); applied again`);
    this.name = 'MatchWriteConflict';
  }
}

/** Attempts of one shard-reload chunk that loses a race for a match (see `MatchWriteConflict`). */
const SHARD_CHUNK_ATTEMPTS = 5;

/** Candidates reconciled per transaction when a shard is reloaded. */
const SHARD_RELOAD_CHUNK = 200;

/** Serialises the instance's state changes: one event (or shard load) at a time. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();


  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Keeps the matches current as postings and candidates change, in both directions.
 *
 * State: every open posting (a global table: each instance reads all posting events) and the active
 * candidates of the partitions this instance owns (its shard), in memory with an inverted index,
 * backed by the matcher's PostgreSQL read model, loaded from it at start-up and, on a rebalance,
 * for the partitions gained only (`loadShard`). A pair belongs to the instance owning its candidate. While a rebalance is under way an
 * instance that lost a partition may still score its candidates against a posting; a match is
 * therefore written only over the version it was computed from (`MatchWriteConflict`), so two
 * instances never both emit the same match version.
 *
 * Each event is applied in one transaction together with the match events it causes (outbox). An
 * event not newer than the state this instance holds changes nothing and emits nothing, and a
 * match event is emitted only when the stored match changes, so replays and redeliveries are silent.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);
  private readonly mutex = new Mutex();
  private readonly state = new MatcherState();
  private ownedPartitions = new Set<number>();
  /** Match events of the running transaction; the mutex makes one transaction run at a time. */
  private pendingScores: Array<{ type: MatchEventType; score: number }> = [];

  /** The consumers are closing: a shard reload in hand stops (see `loadShard`). */
  private closing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, @Optional() consumers?: KafkaConsumers) {
    consumers?.onClosing(() => {
      this.closing = true;
    });
  }

  get stats(): { postings: number; candidates: number; partitions: number[] } {
    return { postings: this.state.postings.size, candidates: this.state.candidates.size, partitions: [...this.ownedPartitions].sort((a, b) => a - b) };
  }

  /** Loads the global table of postings; called once before the consumers start. */
  loadPostings(): Promise<void> {
    return this.mutex.run(async () => {
      const rows = await this.dataSource.query<Array<{ state: PostingState }>>('SELECT state FROM matcher_postings');
      for (const { state } of rows) this.state.rememberPosting(state);
      this.logger.log(`loaded ${this.state.postings.size} open postings (${rows.length} known)`);
    });
  }

  /**
   * After a rebalance: forgets the candidates of partitions no longer owned, loads those of the
   * partitions newly owned and brings their matches up to date with the postings held (a posting
   * another instance stored while this one did not own them is scored here). Partitions kept need
   * nothing: this instance read every posting event meanwhile. Emits only what changed. Stops
   * between chunks when the consumers close: the next owner loads the partition again.
   */
  loadShard(partitions: readonly number[]): Promise<void> {
    return this.mutex.run(async () => {
      const started = Date.now();
      const next = new Set(partitions);
      const added = [...next].filter((partition) => !this.ownedPartitions.has(partition));
      this.state.forgetPartitions(new Set([...this.ownedPartitions].filter((partition) => !next.has(partition))));
      // Until the added partitions are loaded, only the kept ones are owned: a reload that fails or
      // is cut short leaves them to be loaded again on the next assignment.
      this.ownedPartitions = new Set([...next].filter((partition) => !added.includes(partition)));
      let loaded = 0;
      let emitted = 0;
      if (added.length > 0) {
        const rows = await this.dataSource.query<Array<{ state: CandidateState; kafka_partition: number }>>(
          'SELECT state, kafka_partition FROM matcher_candidates WHERE kafka_partition = ANY($1::int[])',
          [added],
        );
        const candidates: CandidateState[] = [];
        for (const { state, kafka_partition: partition } of rows) {
          this.state.rememberCandidate(state);
          this.state.placeCandidate(state.id, partition);
          if (state.status === 'active') candidates.push(state);
        }
        loaded = candidates.length;
        // One transaction per chunk of candidates rather than per candidate: a reload of a large shard
        // is a few statements per chunk.
        for (let i = 0; i < candidates.length; i += SHARD_RELOAD_CHUNK) {
          if (this.closing) {
            this.flushScores();
            this.logger.log(`shard reload of partitions [${added.join(', ')}] stopped after ${i} of ${candidates.length} candidates: closing`);
            return;
          }
          const chunk = candidates.slice(i, i + SHARD_RELOAD_CHUNK);
          for (let attempt = 1; ; attempt++) {
            try {
              emitted += await this.dataSource.transaction((manager) => this.reconcileCandidates(manager, chunk));
              break;
            } catch (error) {
              if (!(error instanceof MatchWriteConflict) || attempt === SHARD_CHUNK_ATTEMPTS) throw error;
              this.logger.warn(`shard reload: ${error.message}`);
            }
          }
        }
        this.flushScores();
      }
      this.ownedPartitions = next;
      this.logger.log(
        `owning candidate partitions [${[...partitions].join(', ')}] (${added.length > 0 ? `loaded [${added.join(', ')}]: ${loaded} candidates, ${emitted} match events` : 'none new'}): ` +
          `${this.state.candidates.size} active candidates held, in ${Date.now() - started} ms`,
      );
    });
  }

  applyPosting(event: PostingEvent): Promise<void> {
    return this.mutex.run(async () => {
      const posting = event.data;
      if (!this.state.isNewPosting(posting)) return; // stale or replayed
      const before = this.state.postingBefore(posting.id);
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO matcher_postings (id, organisation_id, state, required_keys, status, version)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, required_keys = EXCLUDED.required_keys,
             status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
           WHERE matcher_postings.version < EXCLUDED.version`,
          [posting.id, posting.organisationId, JSON.stringify(posting), requiredKeys(posting), posting.status, posting.version],
        );
        // The pairs to look at: owned candidates that pass the new gates (the index finds exactly
        // those), and owned candidates currently matched (their match may have to be updated or withdrawn).
        this.state.rememberPosting(posting);
        const ids = new Set(this.state.index.candidatesFor(posting.id));
        const current = await manager.query<MatchRow[]>(
          `SELECT * FROM matches WHERE posting_id = $1 AND status = 'active' ORDER BY id FOR UPDATE`,
          [posting.id],
        );
        for (const row of current) if (this.state.candidates.has(row.candidate_id)) ids.add(row.candidate_id);
        return this.reconcilePairs(manager, [...ids].sort().map((candidateId) => ({ posting, candidate: this.state.candidates.get(candidateId) })));
      }).catch((error: unknown) => {
        // Memory follows the database: undo, so the redelivered event is applied again.
        this.state.restorePosting(posting.id, before);
        this.pendingScores = [];
        throw error;
      });
      this.flushScores();
    });
  }

  /**
   * Applies candidate events of one partition together, in one transaction: the newest version of
   * each candidate that is newer than the state held is stored (one statement for all), then their
   * matches are reconciled at once. `context` is the trace each event's match events continue.
   */
  applyCandidates(items: ReadonlyArray<{ event: CandidateEvent; context?: Context }>, partition: number): Promise<void> {
    return this.mutex.run(async () => {
      const newest = new Map<string, { change: CandidateState | CandidateErasure; context?: Context }>();
      for (const { event, context } of items) {
        const held = newest.get(event.data.id);
        if (!held || held.change.version < event.data.version) newest.set(event.data.id, { change: event.data, context });
      }
      const changes = [...newest.values()].filter(({ change }) => this.state.isNewCandidate(change)); // others: stale or replayed
      if (changes.length === 0) return;
      const before = new Map(changes.map(({ change }) => [change.id, this.state.candidateBefore(change.id)]));
      const contexts = new Map(changes.map(({ change, context }) => [change.id, context]));
      const erasures = changes.flatMap(({ change }) => ('status' in change ? [] : [change]));
      await this.dataSource.transaction(async (manager) => {
        // An erased candidate is first withdrawn (their matches are withdrawn, recruiters told), as
        // of the last state held, then forgotten below.
        const fresh = changes.flatMap(({ change }) => ('status' in change ? [{ candidate: change }] : []));
        fresh.push(...(await this.withdrawnForErasure(manager, erasures)).map((candidate) => ({ candidate })));
        const stored = await manager.query<Array<{ id: string }>>(
          `INSERT INTO matcher_candidates (id, organisation_id, state, skill_keys, status, version, kafka_partition)
           SELECT c.id, c.organisation_id, c.state, ARRAY(SELECT jsonb_array_elements_text(c.skill_keys)), c.status, c.version, c.kafka_partition
             FROM jsonb_to_recordset($1::jsonb) AS c (id uuid, organisation_id text, state jsonb, skill_keys jsonb, status text, version int, kafka_partition int)
           ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, skill_keys = EXCLUDED.skill_keys, status = EXCLUDED.status,
             version = EXCLUDED.version, kafka_partition = EXCLUDED.kafka_partition, updated_at = now()
           WHERE matcher_candidates.version < EXCLUDED.version
           RETURNING id`,
          [
            JSON.stringify(
              fresh.map(({ candidate }) => ({
                id: candidate.id,
                organisation_id: candidate.organisationId,
                state: candidate,
                skill_keys: indexedCandidate(candidate).keys,
                status: candidate.status,
                version: candidate.version,
                kafka_partition: partition,
              })),
            ),
          ],
        );
        const storedIds = new Set(stored.map((row) => row.id));
        const applied = fresh.filter(({ candidate }) => storedIds.has(candidate.id)).map(({ candidate }) => candidate);
        // A candidate not stored: the database already holds this version or a newer one. Another
        // instance applied it, or this one did in a transaction whose COMMIT reached the server
        // but whose answer was lost (a connection cut mid-commit), so memory was rolled back and
        // the event came again. Either way memory takes what is stored, and its matches are
        // reconciled again: a posting applied in between did not see the candidate.
        const skipped = fresh.filter(({ candidate }) => !storedIds.has(candidate.id)).map(({ candidate }) => candidate.id);
        if (skipped.length > 0) {
          const rows = await manager.query<Array<{ state: CandidateState }>>('SELECT state FROM matcher_candidates WHERE id = ANY($1::uuid[])', [skipped]);
          applied.push(...rows.map((row) => row.state));
        }
        for (const candidate of applied) {
          this.state.rememberCandidate(candidate);
          this.state.placeCandidate(candidate.id, partition);
        }
        await this.reconcileCandidates(manager, applied, contexts);
        await this.forgetErased(manager, erasures);
      }).catch((error: unknown) => {
        // Memory follows the database: undo, so the redelivered events are applied again.
        for (const [id, previous] of before) this.state.restoreCandidate(id, previous);
        this.pendingScores = [];
        throw error;
      });
      this.flushScores();
    });
  }

  /**
   * The withdrawn state of each erased candidate, as of the last state held (memory, else the read
   * model), at the erasure's version; none for a candidate never held.
   */
  private async withdrawnForErasure(manager: EntityManager, erasures: readonly CandidateErasure[]): Promise<CandidateState[]> {
    if (erasures.length === 0) return [];
    const rows = await manager.query<Array<{ state: CandidateState }>>('SELECT state FROM matcher_candidates WHERE id = ANY($1::uuid[])', [erasures.map((erasure) => erasure.id)]);
    const stored = new Map(rows.map(({ state }) => [state.id, state]));
    return erasures.flatMap((erasure) => {
      const last = this.state.candidates.get(erasure.id) ?? stored.get(erasure.id);
      if (!last) {
        this.state.candidateVersions.set(erasure.id, erasure.version); // never held: a late older event is still ignored
        return [];
      }
      return [{ ...last, status: 'withdrawn' as const, version: erasure.version }];
    });
  }

  /**
   * Forgets erased candidates once their matches are withdrawn: their read-model row, their matches
   * and the published events of those matches go, and a tombstone per match tells a compacted
   * `matches.v1` (and the notifier) to forget the match. Only the version stays, in memory.
   */
  private async forgetErased(manager: EntityManager, erasures: readonly CandidateErasure[]): Promise<void> {
    if (erasures.length === 0) return;
    const ids = erasures.map((erasure) => erasure.id);
    const matches = await manager.query<Array<{ id: string }>>('WITH deleted AS (DELETE FROM matches WHERE candidate_id = ANY($1::uuid[]) RETURNING id) SELECT id FROM deleted', [ids]);
    const matchIds = matches.map((row) => row.id);
    await manager.query('DELETE FROM matcher_candidates WHERE id = ANY($1::uuid[])', [ids]);
    if (matchIds.length > 0) {
      await manager.query('DELETE FROM outbox WHERE topic = $1 AND message_key = ANY($2::text[]) AND published_at IS NOT NULL', [Topics.matches, matchIds]);
      await enqueueTombstones(manager, Topics.matches, matchIds);
    }
  }

  /**
   * Current matches, best first, for a posting and/or a candidate. With `organisationId`, only
   * matches whose posting belongs to that organisation.
   */
  async list(filter: { postingId?: string; candidateId?: string; organisationId?: string }): Promise<MatchState[]> {
    const rows = await this.dataSource.query<MatchRow[]>(
      `SELECT * FROM matches
        WHERE status = 'active' AND ($1::uuid IS NULL OR posting_id = $1) AND ($2::uuid IS NULL OR candidate_id = $2)
          AND ${ofOrganisation('$3')}
        ORDER BY score DESC, id LIMIT 200`,
      [filter.postingId ?? null, filter.candidateId ?? null, filter.organisationId ?? null],
    );
    return rows.map(toState);
  }

  /**
   * One page of a posting's candidates (or a candidate's postings), best first: score descending,
   * then the other side's id. `after` is the last item of the previous page. With
   * `organisationId`, only matches whose posting belongs to that organisation.
   */
  async ranked(
    side: 'posting' | 'candidate',
    id: string,
    options: { minScore: number; limit: number; after?: { score: number; id: string }; organisationId?: string },
  ): Promise<{ items: MatchState[]; last?: { score: number; id: string } }> {
    const [own, other] = side === 'posting' ? ['posting_id', 'candidate_id'] : ['candidate_id', 'posting_id'];
    const rows = await this.dataSource.query<MatchRow[]>(
      `SELECT * FROM matches
        WHERE ${own} = $1 AND status = 'active' AND score >= $2
          AND ($3::double precision IS NULL OR (score, ${other}) < ($3, $4::uuid))
          AND ${ofOrganisation('$6')}
        ORDER BY score DESC, ${other} DESC
        LIMIT $5`,
      [id, options.minScore, options.after?.score ?? null, options.after?.id ?? null, options.limit, options.organisationId ?? null],
    );
    const items = rows.map(toState);
    const lastRow = rows.length === options.limit ? rows[rows.length - 1] : undefined;
    return { items, last: lastRow ? { score: lastRow.score, id: side === 'posting' ? lastRow.candidate_id : lastRow.posting_id } : undefined };
  }

  /** Whether the matcher knows this posting (or candidate) as one of the organisation's. */
  async belongsTo(side: 'posting' | 'candidate', id: string, organisationId: string): Promise<boolean> {
    const table = side === 'posting' ? 'matcher_postings' : 'matcher_candidates';
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1 AND organisation_id = $2`, [id, organisationId]);
    return rows.length > 0;
  }

  /** One match; with `organisationId`, only if its posting belongs to that organisation. */
  async get(id: string, organisationId?: string): Promise<(MatchState & { status: 'active' | 'withdrawn' }) | undefined> {
    const [row] = await this.dataSource.query<MatchRow[]>(`SELECT * FROM matches WHERE id = $1 AND ${ofOrganisation('$2')}`, [id, organisationId ?? null]);
    return row ? { ...toState(row), status: row.status } : undefined;
  }

  private flushScores(): void {
    for (const { type, score } of this.pendingScores) matchScores.observe({ type }, score);
    this.pendingScores = [];
  }

  /**
   * Brings every match of these candidates up to date with the postings held; returns the events
   * emitted. A few statements for all of them, however many pairs: the pairs' current matches are
   * read (and locked) in one query and the changes written in one statement per table.
   */
  private async reconcileCandidates(
    manager: EntityManager,
    candidates: readonly CandidateState[],
    contexts?: ReadonlyMap<string, Context | undefined>,
  ): Promise<number> {
    if (candidates.length === 0) return 0;
    const postingIds = new Map<string, Set<string>>(
      candidates.map((candidate) => [candidate.id, new Set(candidate.status === 'active' ? this.state.index.postingsFor(candidate.id) : [])]),
    );
    const current = await manager.query<Array<{ candidate_id: string; posting_id: string }>>(
      `SELECT candidate_id, posting_id FROM matches WHERE candidate_id = ANY($1::uuid[]) AND status = 'active'`,
      [[...postingIds.keys()]],
    );
    for (const row of current) postingIds.get(row.candidate_id)?.add(row.posting_id);
    // Matches of postings no longer held (closed) are withdrawn with the posting as stored.
    const missing = [...new Set(current.map((row) => row.posting_id))].filter((id) => !this.state.postings.has(id));
    const stored = new Map<string, PostingState>();
    if (missing.length > 0) {
      const rows = await manager.query<Array<{ state: PostingState }>>('SELECT state FROM matcher_postings WHERE id = ANY($1::uuid[])', [missing]);
      for (const { state } of rows) stored.set(state.id, state);
    }
    const pairs: Pair[] = [];
    for (const candidate of candidates) {
      for (const postingId of [...(postingIds.get(candidate.id) ?? [])].sort()) {
        const posting = this.state.postings.get(postingId) ?? stored.get(postingId);
        if (posting) pairs.push({ posting, candidate });
      }
    }
    return this.reconcilePairs(manager, pairs, contexts);
  }

  /**
   * Brings these pairs' matches up to date; returns the number of match events emitted (at most
   * one per pair). A candidate absent from memory (withdrawn, or not owned) counts as not live.
   * The pairs must be distinct. A match event continues the trace of its candidate's event
   * (`contexts`, by candidate id), else the active one.
   */
  private async reconcilePairs(manager: EntityManager, pairs: readonly Pair[], contexts?: ReadonlyMap<string, Context | undefined>): Promise<number> {
    const held = pairs.filter((pair): pair is HeldPair => pair.candidate !== undefined);
    if (held.length === 0) return 0;
    const ids = held.map(({ posting, candidate }) => matchId(posting.id, candidate.id));
    const rows = await manager.query<MatchRow[]>('SELECT * FROM matches WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
    const existingById = new Map(rows.map((row) => [row.id, row]));
    const changes: Array<{ type: MatchEventType; data: MatchState; status: 'active' | 'withdrawn' }> = [];
    const scorer = new PairScorer();
    held.forEach(({ posting, candidate }, i) => {
      const id = ids[i]!;
      const existing = existingById.get(id);
      const live = posting.status === 'open' && candidate.status === 'active' && mayPair(posting, candidate);
      const result = scorer.score(posting, candidate);
      const explanation = matchExplanation(posting, candidate, result.explanation);
      const isMatch = live && result.eligible;
      let type: MatchEventType | undefined;
      if (isMatch && (!existing || existing.status === 'withdrawn')) {
        type = MatchEventTypes.found;
      } else if (isMatch && existing && (existing.score !== result.score || !isDeepStrictEqual(existing.explanation, explanation))) {
        type = MatchEventTypes.updated;
      } else if (!isMatch && existing?.status === 'active') {
        type = MatchEventTypes.withdrawn;
      }
      if (!type) return;
      const status = type === MatchEventTypes.withdrawn ? 'withdrawn' : 'active';
      // A withdrawal keeps the last score and explanation: they say what the match was.
      const data: MatchState = {
        matchId: id,
        postingId: posting.id,
        candidateId: candidate.id,
        organisationId: posting.organisationId,
        postingTitle: posting.title,
        version: (existing?.version ?? 0) + 1,
        score: status === 'active' ? result.score : existing!.score,
        explanation: status === 'active' ? explanation : existing!.explanation,
      };
      changes.push({ type, data, status });
    });
    if (changes.length === 0) return 0;
    // One JSON record set: one encoding for all rows (no array literals to escape element by element).
    // Each row is written only over the version it was computed from. `FOR UPDATE` above locks the
    // matches that exist; a match that did not exist yet can be inserted meanwhile by another
    // instance (during a rebalance two instances may briefly hold the same candidate: the one that
    // lost its partition still scores it against a posting event until its own rebalance). Then
    // this write is refused rather than emitting a second `found`, and the events are applied again.
    const written = await manager.query<Array<{ id: string }>>(
      `INSERT INTO matches (id, posting_id, candidate_id, score, explanation, status, version)
       SELECT m.id, m.posting_id, m.candidate_id, m.score, m.explanation, m.status, m.version
         FROM jsonb_to_recordset($1::jsonb) AS m (id uuid, posting_id uuid, candidate_id uuid, score float8, explanation jsonb, status text, version int)
       ON CONFLICT (id) DO UPDATE SET score = EXCLUDED.score, explanation = EXCLUDED.explanation,
         status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
         WHERE matches.version = EXCLUDED.version - 1
       RETURNING id`,
      [
        JSON.stringify(
          changes.map(({ data, status }) => ({
            id: data.matchId,
            posting_id: data.postingId,
            candidate_id: data.candidateId,
            score: data.score,
            explanation: data.explanation,
            status,
            version: data.version,
          })),
        ),
      ],
    );
    if (written.length !== changes.length) {
      const writtenIds = new Set(written.map((row) => row.id));
      throw new MatchWriteConflict(changes.filter(({ data }) => !writtenIds.has(data.matchId)).map(({ data }) => data.matchId));
    }
    await enqueueEvents(
      manager,
      Topics.matches,
      changes.map(({ type, data }) => createEvent({ topic: Topics.matches, type, source: '/matcher', subject: data.matchId, data })),
      contexts && changes.map(({ data }) => contexts.get(data.candidateId)),
    );
    for (const { type, data } of changes) this.pendingScores.push({ type, score: data.score }); // observed once the transaction commits
    return changes.length;
  }
}

interface Pair {
  posting: PostingState;
  candidate: CandidateState | undefined;
}

interface HeldPair extends Pair {
  candidate: CandidateState;
}

/**
 * SQL condition: the match's posting belongs to the organisation given as parameter `placeholder`
 * (no condition when it is null). A match is its posting's organisation's, also when a public
 * posting pairs with another organisation's candidate.
 */
function ofOrganisation(placeholder: string): string {
  return `(${placeholder}::text IS NULL OR EXISTS (SELECT 1 FROM matcher_postings p WHERE p.id = matches.posting_id AND p.organisation_id = ${placeholder}))`;
}

function toState(row: MatchRow): MatchState {
  return {
    matchId: row.id,
    postingId: row.posting_id,
    candidateId: row.candidate_id,
    score: row.score,
    explanation: row.explanation,
    version: row.version,
  };
}
