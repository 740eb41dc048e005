import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, type EntityManager } from 'typeorm';
import type { Context } from '@opentelemetry/api';
import {
  createEvent,
  MatchEventTypes,
  Topics,
  type CandidateEvent,
  type CandidateState,
  type MatchExplanation,
  type MatchState,
  type PostingEvent,
  type PostingState,
} from '@talent/contracts';
import { matchId } from '@talent/matching';
import { matchScores } from '@talent/observability';
import { enqueueEvents } from '@talent/persistence';
import { MatcherState } from './matcher-state';
import { indexedCandidate, indexedPosting, PairScorer } from './scorer';

interface MatchRow {
  id: string;
  posting_id: string;
  candidate_id: string;
  score: number;
  explanation: MatchExplanation;
  status: 'active' | 'withdrawn';
  version: number;
}

type MatchEventType = (typeof MatchEventTypes)[keyof typeof MatchEventTypes];

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
 * backed by the matcher's PostgreSQL read model and rebuilt from it at start-up and on every
 * rebalance. A pair belongs to the instance owning its candidate, so instances never write the
 * same match.
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

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
   * After a rebalance: loads the active candidates of the partitions now owned, and brings their
   * matches up to date with the postings held (a posting another instance stored while this one
   * was away is scored here). Emits only what changed.
   */
  loadShard(partitions: readonly number[]): Promise<void> {
    return this.mutex.run(async () => {
      const started = Date.now();
      this.state.clearCandidates();
      this.ownedPartitions = new Set(partitions);
      const rows = await this.dataSource.query<Array<{ state: CandidateState }>>(
        'SELECT state FROM matcher_candidates WHERE kafka_partition = ANY($1::int[])',
        [[...partitions]],
      );
      for (const { state } of rows) this.state.rememberCandidate(state);
      let emitted = 0;
      // One transaction per chunk of candidates rather than per candidate: a reload of a large shard
      // is a few statements per chunk.
      const candidates = [...this.state.candidates.values()];
      for (let i = 0; i < candidates.length; i += SHARD_RELOAD_CHUNK) {
        const chunk = candidates.slice(i, i + SHARD_RELOAD_CHUNK);
        emitted += await this.dataSource.transaction((manager) => this.reconcileCandidates(manager, chunk));
      }
      this.flushScores();
      this.logger.log(
        `owning candidate partitions [${[...partitions].join(', ')}]: ${this.state.candidates.size} active candidates, ` +
          `${emitted} match events on reload, in ${Date.now() - started} ms`,
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
          [posting.id, posting.organisationId, JSON.stringify(posting), indexedPosting(posting).requiredKeys, posting.status, posting.version],
        );
        // The pairs to look at: owned candidates that may pass the new gate, and owned candidates
        // currently matched (their match may have to be updated or withdrawn).
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
      const newest = new Map<string, { candidate: CandidateState; context?: Context }>();
      for (const { event, context } of items) {
        const held = newest.get(event.data.id);
        if (!held || held.candidate.version < event.data.version) newest.set(event.data.id, { candidate: event.data, context });
      }
      const fresh = [...newest.values()].filter(({ candidate }) => this.state.isNewCandidate(candidate)); // others: stale or replayed
      if (fresh.length === 0) return;
      const before = new Map(fresh.map(({ candidate }) => [candidate.id, this.state.candidateBefore(candidate.id)]));
      const contexts = new Map(fresh.map(({ candidate, context }) => [candidate.id, context]));
      await this.dataSource.transaction(async (manager) => {
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
        for (const candidate of applied) this.state.rememberCandidate(candidate);
        return this.reconcileCandidates(manager, applied, contexts);
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
      const reachable = posting.organisationId === candidate.organisationId || posting.visibility === 'public';
      const live = posting.status === 'open' && candidate.status === 'active' && reachable;
      const result = scorer.score(posting, candidate);
      const isMatch = live && result.eligible;
      let type: MatchEventType | undefined;
      if (isMatch && (!existing || existing.status === 'withdrawn')) {
        type = MatchEventTypes.found;
      } else if (isMatch && existing && (existing.score !== result.score || !isDeepStrictEqual(existing.explanation, result.explanation))) {
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
        explanation: status === 'active' ? result.explanation : existing!.explanation,
      };
      changes.push({ type, data, status });
    });
    if (changes.length === 0) return 0;
    // One JSON record set: one encoding for all rows (no array literals to escape element by element).
    await manager.query(
      `INSERT INTO matches (id, posting_id, candidate_id, score, explanation, status, version)
       SELECT m.id, m.posting_id, m.candidate_id, m.score, m.explanation, m.status, m.version
         FROM jsonb_to_recordset($1::jsonb) AS m (id uuid, posting_id uuid, candidate_id uuid, score float8, explanation jsonb, status text, version int)
       ON CONFLICT (id) DO UPDATE SET score = EXCLUDED.score, explanation = EXCLUDED.explanation,
         status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()`,
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
