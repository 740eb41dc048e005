import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, type EntityManager } from 'typeorm';
import { CandidateEventTypes, createEvent, Topics, type CandidateFields, type CandidateState } from '@talent/contracts';
import { enqueueEvent, runMaybeIdempotent, type IdempotencyClaim, type IdempotentResponse } from '@talent/persistence';
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

type EventType = (typeof CandidateEventTypes)[keyof typeof CandidateEventTypes];

/**
 * Candidates and their events. Every change writes the row and its event (matching attributes
 * only, no personal data) in one transaction; a change that changes nothing writes nothing.
 */
@Injectable()
export class CandidatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `POST /candidates`: 201 when created, 200 when an external id matched; once per idempotency key. */
  create(
    input: CandidateFields & { organisationId: string; externalId?: string },
    claim: IdempotencyClaim | undefined,
  ): Promise<IdempotentResponse<UpsertResult> & { replayed: boolean }> {
    return runMaybeIdempotent(this.dataSource, claim, async (manager) => {
      const result = await this.upsert(manager, input);
      return { status: result.outcome === 'created' ? 201 : 200, body: result };
    });
  }

  /** Upsert in a transaction of its own (bulk lines, ingest commands). */
  upsertOne(input: CandidateFields & { organisationId: string; externalId?: string }): Promise<UpsertResult> {
    return this.dataSource.transaction((manager) => this.upsert(manager, input));
  }

  /** Registers a candidate, or — with an external id already known — updates it. */
  async upsert(manager: EntityManager, input: CandidateFields & { organisationId: string; externalId?: string }): Promise<UpsertResult> {
    const externalId = input.externalId ?? null;
    let existing: CandidateEntity | null = null;
    if (externalId !== null) {
      // Claim the (organisation, external id) pair first so concurrent upserts serialise on it.
      await manager.query(
        `INSERT INTO candidates (id, organisation_id, external_id, name, skills, status, version)
         VALUES ($1, $2, $3, '', '[]', 'active', 0) ON CONFLICT (organisation_id, external_id) DO NOTHING`,
        [randomUUID(), input.organisationId, externalId],
      );
      existing = await manager.findOne(CandidateEntity, {
        where: { organisationId: input.organisationId, externalId },
        lock: { mode: 'pessimistic_write' },
      });
    }
    const fields = normaliseFields(input);
    if (existing && existing.version > 0) {
      if (existing.status === 'active' && isDeepStrictEqual(fieldsOf(existing), fields)) {
        return { outcome: 'unchanged', candidate: toView(existing) };
      }
      const candidate = await this.save(manager, existing, { ...fields, status: 'active' }, CandidateEventTypes.updated);
      return { outcome: 'updated', candidate };
    }
    const base =
      existing ??
      Object.assign(new CandidateEntity(), {
        id: randomUUID(),
        organisationId: input.organisationId,
        externalId,
        version: 0,
        createdAt: new Date(),
      });
    const candidate = await this.save(manager, base, { ...fields, status: 'active' }, CandidateEventTypes.registered);
    return { outcome: 'created', candidate };
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

  async get(id: string, organisationId?: string): Promise<CandidateView> {
    const candidate = await this.dataSource.getRepository(CandidateEntity).findOneBy({ id, ...(organisationId !== undefined && { organisationId }) });
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

type StoredFields = Pick<CandidateEntity, 'name' | 'contact' | 'location' | 'workplacePreference' | 'totalYearsExperience' | 'skills'>;

function normaliseFields(input: CandidateFields): StoredFields {
  return {
    name: input.name,
    contact: input.contact ?? null,
    location: input.location ?? null,
    workplacePreference: input.workplacePreference ?? null,
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
    totalYearsExperience: candidate.totalYearsExperience,
    skills: candidate.skills,
  };
}

/** The event state: matching attributes only, never name or contact details. */
export function toState(candidate: CandidateEntity): CandidateState {
  return {
    id: candidate.id,
    organisationId: candidate.organisationId,
    externalId: candidate.externalId,
    ...(candidate.location !== null && { location: candidate.location }),
    ...(candidate.workplacePreference !== null && { workplacePreference: candidate.workplacePreference }),
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
