import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { httpRateLimited, isQuietPath, rateLimitStoreErrors } from '@talent/observability';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { RateLimitOptions } from './rate-limit-config';
import type { RateLimitDecision, RedisRateLimiter } from './redis-rate-limiter';

export const RATE_LIMITER = Symbol('RATE_LIMITER');
export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

/** 429 with the seconds to wait; answered as problem details by the ProblemDetailsFilter. */
export class RateLimitedException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(`rate limit exceeded: retry in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Counts every API request against its client's budget (health, metrics and other probes are
 * free). An interceptor runs after the guards, so an authenticated client is known by its token
 * (organisation and subject) wherever it connects from; anonymous callers are counted by address.
 * Answers carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`; a refused one 429
 * with `Retry-After`.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly logger = new Logger('RateLimit');

  constructor(
    @Inject(RATE_LIMITER) private readonly limiter: RedisRateLimiter,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: RateLimitOptions,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    if (isQuietPath(request.originalUrl ?? request.url)) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();

    let decision: RateLimitDecision;
    try {
      decision = await this.limiter.consume(clientKey(request));
    } catch (error) {
      const action = this.options.onStoreError;
      rateLimitStoreErrors.inc({ action: action === 'allow' ? 'allowed' : 'refused' });
      this.logger.warn(`rate limit store unavailable (${(error as Error).message}); request ${action === 'allow' ? 'allowed' : 'refused'}`);
      if (action === 'allow') return next.handle();
      throw new ServiceUnavailableException('the rate limiter is unavailable; retry shortly');
    }
    response.setHeader('RateLimit-Limit', String(decision.limit));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    response.setHeader('RateLimit-Reset', String(decision.resetSeconds));
    if (!decision.allowed) {
      httpRateLimited.inc();
      response.setHeader('Retry-After', String(Math.max(1, decision.retryAfterSeconds)));
      throw new RateLimitedException(Math.max(1, decision.retryAfterSeconds));
    }
    return next.handle();
  }
}

/** The client a request counts against: its token's organisation and subject, else its address. */
export function clientKey(request: Request): string {
  const principal = (request as AuthenticatedRequest).principal;
  if (principal) return `token:${principal.organisationId}:${principal.subject ?? ''}`;
  return `address:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
}
