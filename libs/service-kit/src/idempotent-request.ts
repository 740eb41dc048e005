import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestFingerprint, type IdempotencyClaim, type IdempotentResponse } from '@talent/persistence';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * The claim of a write request that carries an `Idempotency-Key` header; undefined without one.
 * `body` is what the fingerprint covers: the parsed body unless the handler read it itself.
 */
export function idempotencyClaim(request: Request, body: unknown = request.body): IdempotencyClaim | undefined {
  const key = request.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) {
    return undefined;
  }
  if (key.length === 0 || key.length > 200) {
    throw new BadRequestException('Idempotency-Key must be 1 to 200 characters');
  }
  return { scope: `${request.method} ${request.baseUrl}${request.path}`, key, fingerprint: requestFingerprint(body) };
}

/** Sets the status of a (possibly replayed) idempotent response; a replay is marked `Idempotency-Replayed: true`. */
export function sendIdempotent<T>(response: Response, result: IdempotentResponse<T> & { replayed: boolean }): T {
  response.status(result.status);
  if (result.replayed) {
    response.setHeader('Idempotency-Replayed', 'true');
  }
  return result.body;
}
