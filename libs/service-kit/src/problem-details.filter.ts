import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, ServiceUnavailableException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isQuietPath } from '@talent/observability';
import { IdempotencyKeyReusedError, isTransientError } from '@talent/persistence';

/** Seconds a client is asked to wait (`Retry-After`) when the database is unavailable. */
export const DATABASE_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export interface InvalidParam {
  name: string;
  reason: string;
}

/** RFC 9457 problem details; `invalid-params` names each failing field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  'invalid-params'?: InvalidParam[];
}

export class ValidationProblem extends HttpException {
  constructor(readonly invalidParams: InvalidParam[]) {
    super('Request validation failed', HttpStatus.BAD_REQUEST);
  }
}

/** Turns every error into `application/problem+json`; unexpected errors never leak internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception; // Kafka handlers: let the transport redeliver
    }
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (exception instanceof ServiceUnavailableException && isQuietPath(request.originalUrl ?? request.url)) {
      // Probes: a 503 from /health/ready is a state, not an error; keep terminus's per-check body.
      // Anything else there (a malformed body, an unknown path under /health) is a problem like elsewhere.
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const problem = toProblem(exception, request.originalUrl ?? request.url);
    if (problem.type === DATABASE_UNAVAILABLE) {
      // Not a bug of this request: the client may send it again (Retry-After) once the database is back.
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      response.setHeader('retry-after', String(DATABASE_UNAVAILABLE_RETRY_AFTER_SECONDS));
    } else if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    response.status(problem.status).type('application/problem+json').json(problem);
  }
}

const DATABASE_UNAVAILABLE = 'urn:problem-type:database-unavailable';

function toProblem(exception: unknown, instance: string): ProblemDetails {
  if (exception instanceof ValidationProblem) {
    return {
      type: 'urn:problem-type:validation-error',
      title: 'Your request is not valid.',
      status: 400,
      detail: exception.invalidParams.map((param) => `${param.name}: ${param.reason}`).join('; '),
      instance,
      'invalid-params': exception.invalidParams,
    };
  }
  if (exception instanceof IdempotencyKeyReusedError) {
    return { type: 'urn:problem-type:idempotency-key-reused', title: 'unprocessable entity', status: 422, detail: exception.message, instance };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
    return {
      type: 'about:blank',
      title: HttpStatus[status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'error',
      status,
      detail: Array.isArray(message) ? message.join('; ') : (message ?? exception.message),
      instance,
    };
  }
  if (isClientHttpError(exception)) {
    // body-parser (e.g. 413 for a JSON body over its limit): the message is meant for the client
    return { type: 'about:blank', title: HttpStatus[exception.status]?.toString().replace(/_/g, ' ').toLowerCase() ?? 'error', status: exception.status, detail: exception.message, instance };
  }
  if (isTransientError(exception)) {
    return {
      type: DATABASE_UNAVAILABLE,
      title: 'service unavailable',
      status: 503,
      detail: 'The database is unavailable; send the request again shortly.',
      instance,
    };
  }
  return { type: 'about:blank', title: 'internal server error', status: 500, instance };
}

/** An `http-errors` client error (status 4xx, `expose: true`), as the Express body parsers throw. */
function isClientHttpError(exception: unknown): exception is Error & { status: number } {
  if (!(exception instanceof Error)) return false;
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}
