import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, type EntityManager } from 'typeorm';
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
import { mandatoryKeys, prepareCandidate, preparePosting, scoreMatch } from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import { enqueueEvent } from '@talent/persistence';
import { OutboxRelayService } from '@talent/service-kit';

interface PostingRow {
  id: string;
  state: PostingState;
}

interface CandidateRow {
  id: string;
  state: CandidateState;
}

interface MatchRow {
  id: string;
  score: number;
  explanation: MatchExplanation;
  status: 'active' | 'withdrawn';
  version: number;
}

type MatchEventType = (typeof MatchEventTypes)[keyof typeof MatchEventTypes];

/**
 * Keeps the matches current as postings and candidates change. Each event is applied in one
 * transaction together with the match events it causes (outbox), and only if it is newer than
 * what is stored: a redelivered or replayed event changes nothing and emits nothing.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRelayService,
  ) {}

  async applyPosting(event: PostingEvent): Promise<void> {
    const posting = event.data;
    const emitted = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<unknown[]>(
        `INSERT INTO matcher_postings (id, organisation_id, state, required_keys, status, version)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, required_keys = EXCLUDED.required_keys,
           status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
         WHERE matcher_postings.version < EXCLUDED.version
         RETURNING id`,
        [posting.id, posting.organisationId, JSON.stringify(posting), postingKeys(posting), posting.status, posting.version],
      );
      if (rows.length === 0) {
        return 0; // stale or replayed
      }
      // Plausible pairs: the organisation's candidates holding every single required skill (taxonomy
      // keys, implied skills included; every candidate when near misses are allowed), plus
      // the posting's current matches (which may have to be withdrawn).
      const candidates = await manager.query<CandidateRow[]>(
        `SELECT id, state FROM matcher_candidates
          WHERE status = 'active' AND skill_keys @> $2::text[] AND $3::text = 'open' AND organisation_id = $4
         UNION ALL
         SELECT c.id, c.state FROM matcher_candidates c JOIN matches m ON m.candidate_id = c.id
          WHERE m.posting_id = $1 AND m.status = 'active' AND NOT (c.status = 'active' AND c.skill_keys @> $2::text[] AND $3::text = 'open' AND c.organisation_id = $4)`,
        [posting.id, postingKeys(posting), posting.status, posting.organisationId],
      );
      const postingRow = { id: posting.id, state: posting };
      let count = 0;
      for (const candidate of candidates) {
        count += await this.reconcile(manager, postingRow, candidate, posting.status === 'open');
      }
      return count;
    });
    if (emitted > 0) this.outbox.nudge();
  }

  async applyCandidate(event: CandidateEvent): Promise<void> {
    const candidate = event.data;
    const emitted = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<unknown[]>(
        `INSERT INTO matcher_candidates (id, organisation_id, state, skill_keys, status, version)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, skill_keys = EXCLUDED.skill_keys,
           status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
         WHERE matcher_candidates.version < EXCLUDED.version
         RETURNING id`,
        [candidate.id, candidate.organisationId, JSON.stringify(candidate), candidateKeys(candidate), candidate.status, candidate.version],
      );
      if (rows.length === 0) {
        return 0;
      }
      const postings = await manager.query<PostingRow[]>(
        `SELECT id, state FROM matcher_postings
          WHERE status = 'open' AND required_keys <@ $2::text[] AND $3::text = 'active' AND organisation_id = $4
         UNION ALL
         SELECT p.id, p.state FROM matcher_postings p JOIN matches m ON m.posting_id = p.id
          WHERE m.candidate_id = $1 AND m.status = 'active' AND NOT (p.status = 'open' AND p.required_keys <@ $2::text[] AND $3::text = 'active' AND p.organisation_id = $4)`,
        [candidate.id, candidateKeys(candidate), candidate.status, candidate.organisationId],
      );
      const candidateRow = { id: candidate.id, state: candidate };
      let count = 0;
      for (const posting of postings) {
        count += await this.reconcile(manager, posting, candidateRow, candidate.status === 'active');
      }
      return count;
    });
    if (emitted > 0) this.outbox.nudge();
  }

  async list(filter: { postingId?: string; candidateId?: string }): Promise<MatchState[]> {
    const rows = await this.dataSource.query<
      Array<{ id: string; posting_id: string; candidate_id: string; score: number; explanation: MatchExplanation; version: number }>
    >(
      `SELECT id, posting_id, candidate_id, score, explanation, version FROM matches
        WHERE status = 'active' AND ($1::uuid IS NULL OR posting_id = $1) AND ($2::uuid IS NULL OR candidate_id = $2)
        ORDER BY score DESC, id LIMIT 200`,
      [filter.postingId ?? null, filter.candidateId ?? null],
    );
    return rows.map((row) => ({
      matchId: row.id,
      postingId: row.posting_id,
      candidateId: row.candidate_id,
      score: row.score,
      explanation: row.explanation,
      version: row.version,
    }));
  }

  /** Brings one pair's match up to date; returns the number of match events emitted (0 or 1). */
  private async reconcile(manager: EntityManager, posting: PostingRow, candidate: CandidateRow, bothLive: boolean): Promise<number> {
    const id = matchId(posting.id, candidate.id);
    const result = scoreMatch(posting.state, candidate.state, defaultTaxonomy);
    const [existing] = await manager.query<MatchRow[]>(
      'SELECT id, score, explanation, status, version FROM matches WHERE id = $1 FOR UPDATE',
      [id],
    );
    const isMatch = bothLive && result.eligible;
    let type: MatchEventType | undefined;
    if (isMatch && (!existing || existing.status === 'withdrawn')) {
      type = MatchEventTypes.found;
    } else if (isMatch && existing && (existing.score !== result.score || !isDeepStrictEqual(existing.explanation, result.explanation))) {
      type = MatchEventTypes.updated;
    } else if (!isMatch && existing?.status === 'active') {
      type = MatchEventTypes.withdrawn;
    }
    if (!type) {
      return 0;
    }
    const version = (existing?.version ?? 0) + 1;
    const status = type === MatchEventTypes.withdrawn ? 'withdrawn' : 'active';
    await manager.query(
      `INSERT INTO matches (id, posting_id, candidate_id, score, explanation, status, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET score = EXCLUDED.score, explanation = EXCLUDED.explanation,
         status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()`,
      [id, posting.id, candidate.id, result.score, JSON.stringify(result.explanation), status, version],
    );
    const data: MatchState = {
      matchId: id,
      postingId: posting.id,
      candidateId: candidate.id,
      version,
      score: result.score,
      explanation: result.explanation,
    };
    await enqueueEvent(manager, Topics.matches, createEvent({ topic: Topics.matches, type, source: '/matcher', subject: id, data }));
    return 1;
  }
}

/** Taxonomy keys a matching candidate must hold (see `mandatoryKeys`). */
function postingKeys(posting: PostingState): string[] {
  return mandatoryKeys(preparePosting(posting, defaultTaxonomy));
}

/** Taxonomy keys the candidate holds, directly or by implication. */
function candidateKeys(candidate: CandidateState): string[] {
  return [...prepareCandidate(candidate, defaultTaxonomy).keys];
}
