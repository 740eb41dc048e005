import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestFingerprint, type IdempotencyClaim, type IdempotentResponse } from '@talent/persistence';
import { callerSubject } from './auth/auth.guard';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * The claim of a write request that carries an `Idempotency-Key` header; undefined without one.
 * The key is the organisation's the request acts for (the token's, applied before this is called)
 * and its caller's (the token's subject): another tenant's key of the same name is another key.
 * `actingRequest` is what the fingerprint covers: the request as it acts, its organisation in it.
 */
export function idempotencyClaim(request: Request, organisationId: string, actingRequest: unknown): IdempotencyClaim | undefined {
  const key = request.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) {
    return undefined;
  }
  if (key.length === 0 || key.length > 200) {
    throw new BadRequestException('Idempotency-Key must be 1 to 200 characters');
  }
  return {
    organisationId,
    subject: callerSubject(request) ?? '',
    scope: `${request.method} ${request.baseUrl}${request.path}`,
    key,
    fingerprint: requestFingerprint(organisationId, actingRequest),
  };
}

/** Sets the status of a (possibly replayed) idempotent response; a replay is marked `Idempotency-Replayed: true`. */
export function sendIdempotent<T>(response: Response, result: IdempotentResponse<T> & { replayed: boolean }): T {
  response.status(result.status);
  if (result.replayed) {
    response.setHeader('Idempotency-Replayed', 'true');
  }
  return result.body;
}
