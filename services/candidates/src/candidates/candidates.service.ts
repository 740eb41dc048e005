import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, type EntityManager } from 'typeorm';
import { context, type Context } from '@opentelemetry/api';
import { CandidateEventTypes, createEvent, Topics, type CandidateFields, type CandidateState, type EventOf } from '@talent/contracts';
import { GroupCommit, runMaybeIdempotent, type IdempotencyClaim, type IdempotentResponse } from '@talent/persistence';
import { enqueueEvent, enqueueEvents, enqueueTombstones } from '@talent/outbox';
import { decodeCursor, encodeCursor, type Page } from '@talent/service-kit';
import type { ListCandidatesQuery } from './candidate-request.schema';
import { CandidateEntity, type CandidateContact } from './candidate.entity';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** What the REST API shows: the event state plus the personal data that never leaves this service. */
export interface CandidateView extends CandidateState {
  name: string;
  contact?: CandidateContact;
}

export interface UpsertResult {
  outcome: UpsertOutcome;
  candidate: CandidateView;
}

export type CandidateInput = CandidateFields & { organisationId: string; externalId?: string };

/** One change of a batch; `context` is the trace its event continues (the ingest command's). */
export type CandidateChange =
  | { kind: 'upsert'; input: CandidateInput; context?: Context }
  | { kind: 'withdraw'; organisationId: string; externalId: string; context?: Context };

/** A change's result, or why it was refused. */
export type ChangeResult = UpsertResult | { rejected: string };

/** The types of events that carry a candidate's state (an erasure carries ids only). */
type EventType = Exclude<(typeof CandidateEventTypes)[keyof typeof CandidateEventTypes], typeof CandidateEventTypes.erased>;

/**
 * Candidates and their events. Every change writes the row and its event (matching attributes
 * only, no personal data) in one transaction; a change that changes nothing writes nothing.
 */
@Injectable()
export class CandidatesService {
  /** Creates without an idempotency key that arrive together share a transaction. */
  private readonly creates = new GroupCommit<CandidateChange, ChangeResult>((changes) => this.applyChanges(changes));

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `POST /candidates`: 201 when created, 200 when an external id matched; once per idempotency
   * key. Without a key, requests that arrive while another group is being written are written
   * together (in order, each event in its own request's trace).
   */
  async create(
    input: CandidateInput,
    claim: IdempotencyClaim | undefined,
  ): Promise<IdempotentResponse<UpsertResult> & { replayed: boolean }> {
    if (!claim) {
      const result = (await this.creates.submit({ kind: 'upsert', input, context: context.active() })) as UpsertResult;
      return { status: result.outcome === 'created' ? 201 : 200, body: result, replayed: false };
    }
    return runMaybeIdempotent(
      this.dataSource,
      claim,
      async (manager) => {
        const result = await this.upsert(manager, input);
        return { status: result.outcome === 'created' ? 201 : 200, body: result };
      },
      {
        // Kept: the candidate's id and the outcome; a replay shows the candidate as it is now.
        refs: (result) => ({ candidateId: result.candidate.id, outcome: result.outcome }),
        replay: async (manager, refs) => ({
          outcome: refs.outcome as UpsertOutcome,
          candidate: await this.get(refs.candidateId ?? '', input.organisationId, manager),
        }),
      },
    );
  }

  /** Changes in one transaction (bulk imports, ingest commands), one result per change. */
  applyChanges(changes: readonly CandidateChange[]): Promise<ChangeResult[]> {
    return this.dataSource.transaction((manager) => this.apply(manager, changes));
  }

  /** Registers a candidate, or — with an external id already known — updates it. */
  async upsert(manager: EntityManager, input: CandidateInput): Promise<UpsertResult> {
    const [result] = await this.apply(manager, [{ kind: 'upsert', input }]);
    return result as UpsertResult;
  }

  /**
   * Applies changes in order, with a few statements however many there are: the records they name
   * (by organisation and external id) are claimed and locked in one statement each, the changes
   * worked out in memory, and the rows and their events written in one statement each. A withdrawal
   * of an unknown record is refused alone (`rejected`), the others still apply.
   */
  private async apply(manager: EntityManager, changes: readonly CandidateChange[]): Promise<ChangeResult[]> {
    const known = await this.claimAndLock(manager, changes);
    const dirty = new Set<CandidateEntity>();
    const events: Array<{ event: EventOf<typeof Topics.candidates>; context: Context | undefined }> = [];
    const change = (candidate: CandidateEntity, changes: Partial<CandidateEntity>, type: EventType, context: Context | undefined): CandidateView => {
      Object.assign(candidate, changes, { version: candidate.version + 1, updatedAt: new Date() });
      candidate.skillKeys = [...new Set(candidate.skills.map((skill) => skill.name.toLowerCase()))];
      dirty.add(candidate);
      const state = toState(candidate);
      events.push({ event: createEvent({ topic: Topics.candidates, type, source: '/candidates', subject: state.id, data: state }), context });
      return toView(candidate);
    };
    const results = changes.map((item): ChangeResult => {
      if (item.kind === 'withdraw') {
        const existing = known.get(recordKey(item.organisationId, item.externalId));
        if (!existing || existing.version === 0) return { rejected: `candidate ${item.externalId} of ${item.organisationId} not found` };
        if (existing.status === 'withdrawn') return { outcome: 'unchanged', candidate: toView(existing) };
        return { outcome: 'updated', candidate: change(existing, { status: 'withdrawn' }, CandidateEventTypes.withdrawn, item.context) };
      }
      const { input } = item;
      const existing = input.externalId === undefined ? undefined : known.get(recordKey(input.organisationId, input.externalId));
      const fields = { ...normaliseFields(input), status: 'active' as const };
      if (existing && existing.version > 0) {
        if (existing.status === 'active' && isDeepStrictEqual(fieldsOf(existing), normaliseFields(input))) {
          return { outcome: 'unchanged', candidate: toView(existing) };
        }
        return { outcome: 'updated', candidate: change(existing, fields, CandidateEventTypes.updated, item.context) };
      }
      const base =
        existing ??
        Object.assign(new CandidateEntity(), {
          id: randomUUID(),
          organisationId: input.organisationId,
          externalId: input.externalId ?? null,
          version: 0,
          createdAt: new Date(),
        });
      return { outcome: 'created', candidate: change(base, fields, CandidateEventTypes.registered, item.context) };
    });
    if (dirty.size > 0) await manager.upsert(CandidateEntity, [...dirty], ['id']);
    await enqueueEvents(
      manager,
      Topics.candidates,
      events.map(({ event }) => event),
      events.map(({ context }) => context),
    );
    return results;
  }

  /**
   * The records the changes name by (organisation, external id), locked for this transaction.
   * Records to upsert are claimed first (an empty row, version 0), so concurrent upserts of one
   * record serialise on it instead of both inserting.
   */
  private async claimAndLock(manager: EntityManager, changes: readonly CandidateChange[]): Promise<Map<string, CandidateEntity>> {
    const claims = new Map<string, { organisationId: string; externalId: string }>();
    const named = new Map<string, { organisationId: string; externalId: string }>();
    for (const item of changes) {
      const ref = item.kind === 'withdraw' ? item : item.input.externalId === undefined ? undefined : { organisationId: item.input.organisationId, externalId: item.input.externalId };
      if (!ref) continue;
      const key = recordKey(ref.organisationId, ref.externalId);
      named.set(key, ref);
      if (item.kind === 'upsert') claims.set(key, ref);
    }
    const known = new Map<string, CandidateEntity>();
    if (named.size === 0) return known;
    if (claims.size > 0) {
      const refs = [...claims.values()];
      await manager.query(
        `INSERT INTO candidates (id, organisation_id, external_id, name, skills, status, version)
         SELECT id, organisation_id, external_id, '', '[]', 'active', 0 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS claim (id, organisation_id, external_id)
         ON CONFLICT (organisation_id, external_id) DO NOTHING`,
        [refs.map(() => randomUUID()), refs.map((ref) => ref.organisationId), refs.map((ref) => ref.externalId)],
      );
    }
    const refs = [...named.values()];
    const rows = await manager
      .createQueryBuilder(CandidateEntity, 'c')
      .setLock('pessimistic_write')
      .where('(c.organisation_id, c.external_id) IN (SELECT * FROM unnest(CAST(:organisations AS text[]), CAST(:externalIds AS text[])))', {
        organisations: refs.map((ref) => ref.organisationId),
        externalIds: refs.map((ref) => ref.externalId),
      })
      .orderBy('c.id')
      .getMany();
    for (const row of rows) known.set(recordKey(row.organisationId, row.externalId ?? ''), row);
    return known;
  }

  /** `organisationId`, when given, scopes the lookup: another organisation's candidate is not found. */
  async replace(id: string, input: CandidateFields, organisationId?: string): Promise<UpsertResult> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.lock(manager, { id, ...(organisationId !== undefined && { organisationId }) });
      const fields = normaliseFields(input);
      if (isDeepStrictEqual(fieldsOf(existing), fields)) {
        return { outcome: 'unchanged', candidate: toView(existing) };
      }
      return { outcome: 'updated', candidate: await this.save(manager, existing, fields, CandidateEventTypes.updated) };
    });
  }

  async withdraw(where: { id: string; organisationId?: string } | { organisationId: string; externalId: string }): Promise<UpsertResult> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.lock(manager, where);
      if (existing.status === 'withdrawn') {
        return { outcome: 'unchanged', candidate: toView(existing) };
      }
      return { outcome: 'updated', candidate: await this.save(manager, existing, { status: 'withdrawn' }, CandidateEventTypes.withdrawn) };
    });
  }

  /**
   * Erases a candidate at their request (`DELETE /candidates/{id}`): their row, the events of
   * theirs still in the outbox, and the stored answers to requests that named them go; an erasure
   * event (ids only) and a tombstone are published, so the matcher forgets them and withdraws
   * their matches, and a compacted `candidates.v1` forgets every earlier event. What remains is
   * the erasure record (id, talent pool, version, time). Erasing again changes nothing
   * (`unchanged`); an id never known (or another organisation's) is not found.
   */
  async erase(id: string, organisationId?: string): Promise<{ outcome: 'erased' | 'unchanged' }> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(CandidateEntity, { where: { id, ...(organisationId !== undefined && { organisationId }) }, lock: { mode: 'pessimistic_write' } });
      if (!existing || existing.version === 0) {
        const [erased] = await manager.query<unknown[]>('SELECT 1 FROM candidate_erasures WHERE id = $1 AND ($2::text IS NULL OR organisation_id = $2)', [id, organisationId ?? null]);
        if (erased) return { outcome: 'unchanged' };
        throw new NotFoundException(`candidate ${id} not found`);
      }
      const version = existing.version + 1;
      const erasedAt = new Date();
      await manager.query('DELETE FROM candidates WHERE id = $1', [id]);
      await manager.query(`DELETE FROM outbox WHERE topic = $1 AND message_key = $2`, [Topics.candidates, id]);
      // The keys of requests that made or changed the candidate (their id in the stored refs) go with them.
      await manager.query(`DELETE FROM idempotency_keys WHERE jsonb_path_exists(refs, '$.** ? (@ == $id)', jsonb_build_object('id', $1::text))`, [id]);
      await manager.query('INSERT INTO candidate_erasures (id, organisation_id, version, erased_at) VALUES ($1, $2, $3, $4)', [id, existing.organisationId, version, erasedAt]);
      await enqueueEvent(
        manager,
        Topics.candidates,
        createEvent({
          topic: Topics.candidates,
          type: CandidateEventTypes.erased,
          source: '/candidates',
          subject: id,
          data: { id, organisationId: existing.organisationId, version, erasedAt: erasedAt.toISOString() },
        }),
      );
      await enqueueTombstones(manager, Topics.candidates, [id]);
      return { outcome: 'erased' };
    });
  }

  async get(id: string, organisationId?: string, manager: EntityManager = this.dataSource.manager): Promise<CandidateView> {
    const candidate = await manager.getRepository(CandidateEntity).findOneBy({ id, ...(organisationId !== undefined && { organisationId }) });
    if (!candidate || candidate.version === 0) {
      throw new NotFoundException(`candidate ${id} not found`);
    }
    return toView(candidate);
  }

  /** Newest first, keyset-paginated: a cursor stays valid while candidates are added. */
  async list(query: ListCandidatesQuery): Promise<Page<CandidateView>> {
    const builder = this.dataSource
      .getRepository(CandidateEntity)
      .createQueryBuilder('c')
      .where('c.version > 0')
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(query.limit + 1);
    if (query.organisationId) builder.andWhere('c.organisation_id = :organisationId', { organisationId: query.organisationId });
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    if (query.skill) builder.andWhere(':skill = ANY(c.skill_keys)', { skill: query.skill.toLowerCase() });
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      builder.andWhere('(c.created_at, c.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await builder.getMany();
    const items = rows.slice(0, query.limit).map(toView);
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }

  private async lock(
    manager: EntityManager,
    where: { id: string; organisationId?: string } | { organisationId: string; externalId: string },
  ): Promise<CandidateEntity> {
    const existing = await manager.findOne(CandidateEntity, { where, lock: { mode: 'pessimistic_write' } });
    if (!existing || existing.version === 0) {
      throw new NotFoundException('id' in where ? `candidate ${where.id} not found` : `candidate ${where.externalId} of ${where.organisationId} not found`);
    }
    return existing;
  }

  private async save(manager: EntityManager, candidate: CandidateEntity, changes: Partial<CandidateEntity>, type: EventType): Promise<CandidateView> {
    Object.assign(candidate, changes, { version: candidate.version + 1, updatedAt: new Date() });
    candidate.skillKeys = [...new Set(candidate.skills.map((skill) => skill.name.toLowerCase()))];
    await manager.save(CandidateEntity, candidate);
    const state = toState(candidate);
    await enqueueEvent(
      manager,
      Topics.candidates,
      createEvent({ topic: Topics.candidates, type, source: '/candidates', subject: state.id, data: state }),
    );
    return toView(candidate);
  }
}

type StoredFields = Pick<
  CandidateEntity,
  'name' | 'contact' | 'location' | 'workplacePreference' | 'willingToRelocate' | 'openToPublicPostings' | 'totalYearsExperience' | 'skills'
>;

function normaliseFields(input: CandidateFields): StoredFields {
  return {
    name: input.name,
    contact: input.contact ?? null,
    location: input.location ?? null,
    workplacePreference: input.workplacePreference ?? null,
    willingToRelocate: input.willingToRelocate ?? null,
    openToPublicPostings: input.openToPublicPostings ?? false,
    totalYearsExperience: input.totalYearsExperience ?? null,
    skills: input.skills,
  };
}

function fieldsOf(candidate: CandidateEntity): StoredFields {
  return {
    name: candidate.name,
    contact: candidate.contact,
    location: candidate.location,
    workplacePreference: candidate.workplacePreference,
    willingToRelocate: candidate.willingToRelocate,
    openToPublicPostings: candidate.openToPublicPostings,
    totalYearsExperience: candidate.totalYearsExperience,
    skills: candidate.skills,
  };
}

function recordKey(organisationId: string, externalId: string): string {
  return `${organisationId}\u0000${externalId}`;
}

/** The event state: matching attributes only, never name or contact details. */
export function toState(candidate: CandidateEntity): CandidateState {
  return {
    id: candidate.id,
    organisationId: candidate.organisationId,
    externalId: candidate.externalId,
    ...(candidate.location !== null && { location: candidate.location }),
    ...(candidate.workplacePreference !== null && { workplacePreference: candidate.workplacePreference }),
    ...(candidate.willingToRelocate !== null && { willingToRelocate: candidate.willingToRelocate }),
    ...(candidate.openToPublicPostings && { openToPublicPostings: true }),
    ...(candidate.totalYearsExperience !== null && { totalYearsExperience: candidate.totalYearsExperience }),
    skills: candidate.skills,
    status: candidate.status,
    version: candidate.version,
    createdAt: candidate.createdAt.toISOString(),
    updatedAt: candidate.updatedAt.toISOString(),
  };
}

function toView(candidate: CandidateEntity): CandidateView {
  return { ...toState(candidate), name: candidate.name, ...(candidate.contact !== null && { contact: candidate.contact }) };
}
