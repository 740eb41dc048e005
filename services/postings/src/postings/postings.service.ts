import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, type EntityManager } from 'typeorm';
import { context, type Context } from '@opentelemetry/api';
import { createEvent, PostingCommandTypes, PostingEventTypes, Topics, type PostingCommand, type PostingExtraction, type PostingFields, type PostingState } from '@talent/contracts';
import { runMaybeIdempotent, type IdempotencyClaim, type IdempotentResponse } from '@talent/persistence';
import { enqueueEvent } from '@talent/outbox';
import { decodeCursor, encodeCursor, type Page } from '@talent/service-kit';
import type { ListPostingsQuery } from './posting-request.schema';
import { PostingEntity } from './posting.entity';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertResult {
  outcome: UpsertOutcome;
  posting: PostingState;
}

type EventType = (typeof PostingEventTypes)[keyof typeof PostingEventTypes];

/**
 * Postings and their events. Every change writes the row and its event (the whole new state) in
 * one transaction; a change that changes nothing writes nothing, so a retrying pipeline never
 * causes duplicate events.
 */
@Injectable()
export class PostingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `POST /postings`: 201 when created, 200 when an external id matched; once per idempotency key.
   * `extra` joins the response body (and its replays), e.g. what was read from a description.
   */
  create<Extra extends object = Record<never, never>>(
    input: PostingInput,
    claim: IdempotencyClaim | undefined,
    extra?: Extra,
  ): Promise<IdempotentResponse<UpsertResult & Partial<Extra>> & { replayed: boolean }> {
    return runMaybeIdempotent<UpsertResult & Partial<Extra>>(
      this.dataSource,
      claim,
      async (manager) => {
        const result = await this.upsert(manager, input);
        return { status: result.outcome === 'created' ? 201 : 200, body: { ...result, ...extra } as UpsertResult & Partial<Extra> };
      },
      {
        // Kept: the posting's id and the outcome; a replay shows the posting as it is now (`extra` is the request's own).
        refs: (result) => ({ postingId: result.posting.id, outcome: result.outcome }),
        replay: async (manager, refs) =>
          ({ outcome: refs.outcome as UpsertOutcome, posting: await this.get(refs.postingId ?? '', input.organisationId, manager), ...extra }) as UpsertResult & Partial<Extra>,
      },
    );
  }

  /** Upserts in one transaction, in order (bulk lines). */
  upsertMany(inputs: ReadonlyArray<PostingFields & { organisationId: string; externalId?: string }>): Promise<UpsertResult[]> {
    return this.dataSource.transaction(async (manager) => {
      const results: UpsertResult[] = [];
      for (const input of inputs) results.push(await this.upsert(manager, input));
      return results;
    });
  }

  /**
   * Ingest commands in one transaction, in order, each in its own trace context (the events it
   * causes continue its trace). Returns, per command, why it was refused (closing an unknown
   * posting), or undefined when it was applied.
   */
  applyCommands(commands: ReadonlyArray<{ event: PostingCommand; context?: Context }>): Promise<Array<string | undefined>> {
    return this.dataSource.transaction(async (manager) => {
      const reasons: Array<string | undefined> = [];
      for (const { event, context: commandContext } of commands) {
        reasons.push(await context.with(commandContext ?? context.active(), () => this.applyCommand(manager, event)));
      }
      return reasons;
    });
  }

  private async applyCommand(manager: EntityManager, command: PostingCommand): Promise<string | undefined> {
    switch (command.type) {
      case PostingCommandTypes.upsert:
        await this.upsert(manager, command.data);
        return undefined;
      case PostingCommandTypes.close:
        // Not found is a read that found nothing, not a failed statement: the transaction goes on.
        return this.close(command.data, manager).then(
          () => undefined,
          (error: unknown) => {
            if (error instanceof NotFoundException) return error.message;
            throw error;
          },
        );
    }
  }

  /** Creates a posting, or — with an external id already known — updates it. */
  async upsert(manager: EntityManager, input: PostingInput): Promise<UpsertResult> {
    const externalId = input.externalId ?? null;
    let existing: PostingEntity | null = null;
    if (externalId !== null) {
      // Claim the (organisation, external id) pair first so concurrent upserts serialise on it.
      await manager.query(
        `INSERT INTO postings (id, organisation_id, external_id, title, required_skills, status, version)
         VALUES ($1, $2, $3, '', '[]', 'open', 0) ON CONFLICT (organisation_id, external_id) DO NOTHING`,
        [randomUUID(), input.organisationId, externalId],
      );
      existing = await manager.findOne(PostingEntity, {
        where: { organisationId: input.organisationId, externalId },
        lock: { mode: 'pessimistic_write' },
      });
    }
    const fields = normaliseFields(input);
    if (existing && existing.version > 0) {
      if (existing.status === 'open' && isDeepStrictEqual(fieldsOf(existing), fields)) {
        return { outcome: 'unchanged', posting: toState(existing) };
      }
      const posting = await this.save(manager, existing, { ...fields, status: 'open' }, PostingEventTypes.updated);
      return { outcome: 'updated', posting };
    }
    const base = existing ?? Object.assign(new PostingEntity(), {
      id: randomUUID(),
      organisationId: input.organisationId,
      externalId,
      version: 0,
      createdAt: new Date(),
    });
    const posting = await this.save(manager, base, { ...fields, status: 'open' }, PostingEventTypes.published);
    return { outcome: 'created', posting };
  }

  /** `organisationId`, when given, scopes the lookup: another organisation's posting is not found. */
  async replace(id: string, input: PostingFields, organisationId?: string): Promise<UpsertResult> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.lock(manager, { id, ...(organisationId !== undefined && { organisationId }) });
      const fields = normaliseFields(input);
      if (isDeepStrictEqual(fieldsOf(existing), fields)) {
        return { outcome: 'unchanged', posting: toState(existing) };
      }
      return { outcome: 'updated', posting: await this.save(manager, existing, fields, PostingEventTypes.updated) };
    });
  }

  async close(where: { id: string; organisationId?: string } | { organisationId: string; externalId: string }, manager?: EntityManager): Promise<UpsertResult> {
    const work = async (tx: EntityManager): Promise<UpsertResult> => {
      const existing = await this.lock(tx, where);
      if (existing.status === 'closed') {
        return { outcome: 'unchanged', posting: toState(existing) };
      }
      return { outcome: 'updated', posting: await this.save(tx, existing, { status: 'closed' }, PostingEventTypes.closed) };
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async get(id: string, organisationId?: string, manager: EntityManager = this.dataSource.manager): Promise<PostingState> {
    const posting = await manager.getRepository(PostingEntity).findOneBy({ id, ...(organisationId !== undefined && { organisationId }) });
    if (!posting || posting.version === 0) {
      throw new NotFoundException(`posting ${id} not found`);
    }
    return toState(posting);
  }

  /** Newest first, keyset-paginated: a cursor stays valid while postings are added. */
  async list(query: ListPostingsQuery): Promise<Page<PostingState>> {
    const builder = this.dataSource
      .getRepository(PostingEntity)
      .createQueryBuilder('p')
      .where('p.version > 0')
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(query.limit + 1);
    if (query.organisationId) builder.andWhere('p.organisation_id = :organisationId', { organisationId: query.organisationId });
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    if (query.workplace) builder.andWhere('p.workplace = :workplace', { workplace: query.workplace });
    if (query.skill) builder.andWhere(':skill = ANY(p.skill_keys)', { skill: query.skill.toLowerCase() });
    if (query.q) builder.andWhere('p.title ILIKE :q', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      builder.andWhere('(p.created_at, p.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await builder.getMany();
    const items = rows.slice(0, query.limit).map(toState);
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }

  private async lock(
    manager: EntityManager,
    where: { id: string; organisationId?: string } | { organisationId: string; externalId: string },
  ): Promise<PostingEntity> {
    const existing = await manager.findOne(PostingEntity, { where, lock: { mode: 'pessimistic_write' } });
    if (!existing || existing.version === 0) {
      throw new NotFoundException('id' in where ? `posting ${where.id} not found` : `posting ${where.externalId} of ${where.organisationId} not found`);
    }
    return existing;
  }

  private async save(
    manager: EntityManager,
    posting: PostingEntity,
    changes: Partial<PostingEntity>,
    type: EventType,
  ): Promise<PostingState> {
    Object.assign(posting, changes, { version: posting.version + 1, updatedAt: new Date() });
    posting.skillKeys = skillKeys(posting);
    await manager.save(PostingEntity, posting);
    const state = toState(posting);
    await enqueueEvent(manager, Topics.postings, createEvent({ topic: Topics.postings, type, source: '/postings', subject: state.id, data: state }));
    return state;
  }
}

type StoredFields = Pick<
  PostingEntity,
  | 'title'
  | 'description'
  | 'location'
  | 'workplace'
  | 'applicantLocation'
  | 'employmentType'
  | 'experienceYears'
  | 'requiredSkills'
  | 'preferredSkills'
  | 'matching'
  | 'visibility'
  | 'extraction'
>;

/** What the service stores of a posting: the publisher's fields, and how a description was read. */
export type PostingInput = PostingFields & { organisationId: string; externalId?: string; extraction?: PostingExtraction };

function normaliseFields(input: PostingFields & { extraction?: PostingExtraction }): StoredFields {
  return {
    title: input.title,
    description: input.description ?? null,
    location: input.location ?? null,
    workplace: input.workplace ?? null,
    applicantLocation: input.applicantLocation ?? null,
    employmentType: input.employmentType ?? null,
    experienceYears: input.experienceYears ?? null,
    requiredSkills: input.requiredSkills,
    preferredSkills: input.preferredSkills,
    matching: input.matching ?? null,
    visibility: input.visibility ?? 'organisation',
    extraction: input.extraction ?? null,
  };
}

function fieldsOf(posting: PostingEntity): StoredFields {
  return {
    title: posting.title,
    description: posting.description,
    location: posting.location,
    workplace: posting.workplace,
    applicantLocation: posting.applicantLocation,
    employmentType: posting.employmentType,
    experienceYears: posting.experienceYears,
    requiredSkills: posting.requiredSkills,
    preferredSkills: posting.preferredSkills,
    matching: posting.matching,
    visibility: posting.visibility,
    extraction: posting.extraction,
  };
}

function skillKeys(posting: PostingEntity): string[] {
  const names = posting.requiredSkills.flatMap((requirement) => (typeof requirement === 'string' ? [requirement] : requirement.anyOf));
  return [...new Set([...names, ...posting.preferredSkills].map((name) => name.toLowerCase()))];
}

export function toState(posting: PostingEntity): PostingState {
  return {
    id: posting.id,
    organisationId: posting.organisationId,
    externalId: posting.externalId,
    title: posting.title,
    ...(posting.description !== null && { description: posting.description }),
    ...(posting.location !== null && { location: posting.location }),
    ...(posting.workplace !== null && { workplace: posting.workplace }),
    ...(posting.applicantLocation !== null && { applicantLocation: posting.applicantLocation }),
    ...(posting.employmentType !== null && { employmentType: posting.employmentType }),
    ...(posting.experienceYears !== null && { experienceYears: posting.experienceYears }),
    requiredSkills: posting.requiredSkills,
    preferredSkills: posting.preferredSkills,
    ...(posting.matching !== null && { matching: posting.matching }),
    ...(posting.visibility === 'public' && { visibility: posting.visibility }),
    status: posting.status,
    ...(posting.extraction !== null && { extraction: posting.extraction }),
    version: posting.version,
    createdAt: posting.createdAt.toISOString(),
    updatedAt: posting.updatedAt.toISOString(),
  };
}
