import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ValidationProblem } from '@talent/service-kit';
import type { NotifierEnv } from '../config';
import { NOTIFIER_ENV } from '../notifier.providers';
import { rowsOf } from '../persistence-helpers';
import { SecretBox } from '../webhooks/secret-box';
import { generateWebhookSecret } from '../webhooks/standard-webhooks';
import { SsrfGuard, SsrfRefusedError } from '../webhooks/ssrf-guard';
import { redactUrl } from '../webhooks/webhook-url';
import type { CreateRecruiter, CreateSubscription, CreateWebhookEndpoint, DeliveryQuery, UpdateRecruiter } from './recruiter-request.schema';

export interface Recruiter {
  id: string;
  organisationId: string;
  name: string;
  email: string | null;
  ownedPostingIds: string[];
  createdAt: string;
}

export interface Subscription {
  id: string;
  recruiterId: string;
  postingIds: string[] | null;
  minScore: number;
  channels: string[];
  mode: string;
  digestWindow: string | null;
  createdAt: string;
}

export interface WebhookEndpoint {
  id: string;
  recruiterId: string | null;
  /** Scheme, host and path: the query (which may hold a receiver's token) is never shown back. */
  url: string;
  description: string | null;
  isDefault: boolean;
  active: boolean;
  createdAt: string;
}

export interface DeliveryAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: string;
}

export interface DeliveryLogEntry {
  id: string;
  channel: string;
  mode: string;
  matchIds: string[];
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadLetteredAt: string | null;
  attemptLog: DeliveryAttempt[];
}

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);

/** Recruiters, their subscriptions and webhook endpoints: the notifier's own data, behind its REST API. */
/**
 * SQL condition on a row with a `recruiter_id`: its recruiter belongs to the organisation given as
 * parameter `$2` (no condition when it is null). The configured default endpoint has no recruiter,
 * so no organisation sees it.
 */
const OF_ORGANISATION = '($2::text IS NULL OR recruiter_id IN (SELECT r.id FROM recruiters r WHERE r.organisation_id = $2))';

@Injectable()
export class RecruitersService {
  constructor(
    private readonly box: SecretBox,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER_ENV) private readonly env: NotifierEnv,
    private readonly guard: SsrfGuard,
  ) {}

  async createRecruiter(body: CreateRecruiter): Promise<Recruiter> {
    const [row] = await this.dataSource.query<Row[]>(
      `INSERT INTO recruiters (id, organisation_id, name, email, owned_posting_ids) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [randomUUID(), body.organisationId, body.name, body.email ?? null, body.ownedPostingIds],
    );
    return toRecruiter(row!);
  }

  /** `organisationId`, when given (the caller's token), scopes every lookup: another organisation's records are not found. */
  async updateRecruiter(id: string, body: UpdateRecruiter, organisationId?: string): Promise<Recruiter> {
    const rows = rowsOf<Row>(
      await this.dataSource.query(
        `UPDATE recruiters SET name = COALESCE($2, name), email = CASE WHEN $5 THEN $3 ELSE email END,
           owned_posting_ids = COALESCE($4, owned_posting_ids), updated_at = now()
          WHERE id = $1 AND ($6::text IS NULL OR organisation_id = $6) RETURNING *`,
        [id, body.name ?? null, body.email ?? null, body.ownedPostingIds ?? null, body.email !== undefined, organisationId ?? null],
      ),
    );
    if (!rows[0]) throw new NotFoundException(`recruiter ${id} does not exist`);
    return toRecruiter(rows[0]);
  }

  async getRecruiter(id: string, organisationId?: string): Promise<Recruiter> {
    const [row] = await this.dataSource.query<Row[]>('SELECT * FROM recruiters WHERE id = $1 AND ($2::text IS NULL OR organisation_id = $2)', [
      id,
      organisationId ?? null,
    ]);
    if (!row) throw new NotFoundException(`recruiter ${id} does not exist`);
    return toRecruiter(row);
  }

  async listRecruiters(organisationId?: string): Promise<Recruiter[]> {
    const rows = await this.dataSource.query<Row[]>(
      'SELECT * FROM recruiters WHERE ($1::text IS NULL OR organisation_id = $1) ORDER BY created_at LIMIT 500',
      [organisationId ?? null],
    );
    return rows.map(toRecruiter);
  }

  async createSubscription(body: CreateSubscription, organisationId?: string): Promise<Subscription> {
    const recruiter = await this.getRecruiter(body.recruiterId, organisationId);
    if (body.channels.includes('email')) {
      const problems = [
        ...(this.env.SMTP_URL ? [] : ['e-mail is not configured on this notifier (SMTP_URL)']),
        ...(recruiter.email ? [] : ['the recruiter has no e-mail address']),
      ];
      if (problems.length > 0) throw new ValidationProblem(problems.map((reason) => ({ name: 'channels', reason })));
    }
    const [row] = await this.dataSource.query<Row[]>(
      `INSERT INTO subscriptions (id, recruiter_id, posting_ids, min_score, channels, mode, digest_window)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [randomUUID(), body.recruiterId, body.postingIds ?? null, body.minScore, body.channels, body.mode, body.digestWindow ?? null],
    );
    return toSubscription(row!);
  }

  async listSubscriptions(recruiterId?: string, organisationId?: string): Promise<Subscription[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM subscriptions WHERE ($1::uuid IS NULL OR recruiter_id = $1) AND ${OF_ORGANISATION}
        ORDER BY created_at LIMIT 500`,
      [recruiterId ?? null, organisationId ?? null],
    );
    return rows.map(toSubscription);
  }

  async deleteSubscription(id: string, organisationId?: string): Promise<void> {
    const rows = rowsOf(await this.dataSource.query(`DELETE FROM subscriptions WHERE id = $1 AND ${OF_ORGANISATION} RETURNING id`, [id, organisationId ?? null]));
    if (rows.length === 0) throw new NotFoundException(`subscription ${id} does not exist`);
  }

  /** Registers an endpoint after checking where its URL leads; the secret is shown this once. */
  async createEndpoint(body: CreateWebhookEndpoint, organisationId?: string): Promise<WebhookEndpoint & { secret: string }> {
    await this.getRecruiter(body.recruiterId, organisationId);
    try {
      await this.guard.resolve(body.url);
    } catch (error) {
      if (error instanceof SsrfRefusedError) throw new ValidationProblem([{ name: 'url', reason: error.message }]);
      throw error;
    }
    const secret = generateWebhookSecret();
    const [row] = await this.dataSource.query<Row[]>(
      `INSERT INTO webhook_endpoints (id, recruiter_id, url, secret, description) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [randomUUID(), body.recruiterId, body.url, this.box.seal(secret), body.description ?? null],
    );
    return { ...toEndpoint(row!), secret };
  }

  async listEndpoints(recruiterId?: string, organisationId?: string): Promise<WebhookEndpoint[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT * FROM webhook_endpoints WHERE active AND ($1::uuid IS NULL OR recruiter_id = $1) AND ${OF_ORGANISATION}
        ORDER BY created_at LIMIT 500`,
      [recruiterId ?? null, organisationId ?? null],
    );
    return rows.map(toEndpoint);
  }

  async getEndpoint(id: string, organisationId?: string): Promise<WebhookEndpoint> {
    const [row] = await this.dataSource.query<Row[]>(`SELECT * FROM webhook_endpoints WHERE id = $1 AND ${OF_ORGANISATION}`, [id, organisationId ?? null]);
    if (!row) throw new NotFoundException(`webhook endpoint ${id} does not exist`);
    return toEndpoint(row);
  }

  /** Deactivates an endpoint (its delivery log stays); pending deliveries to it are dead-lettered when due. */
  async deleteEndpoint(id: string, organisationId?: string): Promise<void> {
    const rows = rowsOf(
      await this.dataSource.query(`UPDATE webhook_endpoints SET active = false WHERE id = $1 AND NOT is_default AND ${OF_ORGANISATION} RETURNING id`, [
        id,
        organisationId ?? null,
      ]),
    );
    if (rows.length === 0) throw new NotFoundException(`webhook endpoint ${id} does not exist (or is the configured default)`);
  }

  /** The delivery log of one endpoint: newest first, each delivery with its attempts. */
  async deliveryLog(endpointId: string, query: DeliveryQuery, organisationId?: string): Promise<DeliveryLogEntry[]> {
    await this.getEndpoint(endpointId, organisationId);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT d.*, COALESCE((SELECT json_agg(a ORDER BY a.attempt) FROM delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS attempt_log
         FROM deliveries d WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2)
        ORDER BY d.created_at DESC LIMIT $3`,
      [endpointId, query.status ?? null, query.limit],
    );
    return rows.map((row) => ({
      id: row.id as string,
      channel: row.channel as string,
      mode: row.mode as string,
      matchIds: row.match_ids as string[],
      status: row.status as string,
      attempts: row.attempts as number,
      nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
      lastStatusCode: (row.last_status_code as number | null) ?? null,
      lastError: (row.last_error as string | null) ?? null,
      createdAt: iso(row.created_at)!,
      deliveredAt: iso(row.delivered_at),
      deadLetteredAt: iso(row.dead_lettered_at),
      attemptLog: (row.attempt_log as Array<Record<string, unknown>>).map((attempt) => ({
        attempt: attempt.attempt as number,
        startedAt: new Date(attempt.started_at as string).toISOString(),
        durationMs: attempt.duration_ms as number,
        statusCode: (attempt.status_code as number | null) ?? null,
        error: (attempt.error as string | null) ?? null,
        outcome: attempt.outcome as string,
      })),
    }));
  }
}

function toRecruiter(row: Row): Recruiter {
  return {
    id: row.id as string,
    organisationId: row.organisation_id as string,
    name: row.name as string,
    email: (row.email as string | null) ?? null,
    ownedPostingIds: row.owned_posting_ids as string[],
    createdAt: iso(row.created_at)!,
  };
}

function toSubscription(row: Row): Subscription {
  return {
    id: row.id as string,
    recruiterId: row.recruiter_id as string,
    postingIds: (row.posting_ids as string[] | null) ?? null,
    minScore: row.min_score as number,
    channels: row.channels as string[],
    mode: row.mode as string,
    digestWindow: (row.digest_window as string | null) ?? null,
    createdAt: iso(row.created_at)!,
  };
}

function toEndpoint(row: Row): WebhookEndpoint {
  return {
    id: row.id as string,
    recruiterId: (row.recruiter_id as string | null) ?? null,
    url: redactUrl(row.url as string),
    description: (row.description as string | null) ?? null,
    isDefault: row.is_default as boolean,
    active: row.active as boolean,
    createdAt: iso(row.created_at)!,
  };
}
