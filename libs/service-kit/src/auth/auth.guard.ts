import {
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { isQuietPath } from '@talent/observability';
import { AuthenticationError, IssuerKeysUnavailableError, type Principal, type TokenVerifier } from './token-verifier';

/** Seconds a client is asked to wait (`Retry-After`) when the issuer's keys cannot be fetched. */
export const ISSUER_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Injection token of the verifier; `null` when `AUTH_MODE=off`. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
const SCOPES = 'auth:scopes';
const PUBLIC = 'auth:public';

/** The token must carry at least one of these scopes (checked only with `AUTH_MODE=jwt`). */
export const Scopes = (...scopes: string[]) => SetMetadata(SCOPES, scopes);
/** No token needed (health, metrics and the API description are public anyway). */
export const Public = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Global guard: with a verifier configured, every HTTP route except the public ones needs a valid
 * bearer token (401 otherwise, with `WWW-Authenticate: Bearer`) holding one of the route's scopes
 * (403). Kafka handlers are not HTTP and pass.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier | null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.verify === null || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets) || isQuietPath(request.path)) return true;

    const header = request.headers.authorization;
    const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '');
    if (!match?.[1]) {
      response.setHeader('WWW-Authenticate', header ? 'Bearer error="invalid_request"' : 'Bearer');
      throw new UnauthorizedException(header ? 'the Authorization header must be "Bearer <token>"' : 'a bearer token is required');
    }
    try {
      request.principal = await this.verify(match[1]);
    } catch (error) {
      if (error instanceof IssuerKeysUnavailableError) {
        // Not the token's fault: the same request may pass once the issuer answers again.
        this.logger.warn(`${error.message}: ${String((error.cause as Error | undefined)?.message ?? error.cause)}`);
        response.setHeader('retry-after', String(ISSUER_UNAVAILABLE_RETRY_AFTER_SECONDS));
        throw new ServiceUnavailableException(`${error.message}; send the request again shortly`);
      }
      if (!(error instanceof AuthenticationError)) throw error;
      response.setHeader('WWW-Authenticate', error.challenge);
      throw new UnauthorizedException(error.message);
    }
    const scopes = this.reflector.getAllAndOverride<string[] | undefined>(SCOPES, targets) ?? [];
    if (scopes.length > 0 && !scopes.some((scope) => request.principal?.scopes.has(scope))) {
      response.setHeader('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scopes.join(' ')}"`);
      throw new ForbiddenException(`the token needs one of the scopes: ${scopes.join(', ')}`);
    }
    return true;
  }
}

/** The caller's organisation from its token; `undefined` with `AUTH_MODE=off`. */
export const Organisation = createParamDecorator((_: unknown, context: ExecutionContext) => principalOf(context.switchToHttp().getRequest()));

function principalOf(request: AuthenticatedRequest): string | undefined {
  return request.principal?.organisationId;
}

/** The organisation the caller acts for (its token's), if it authenticated. */
export function callerOrganisation(request: Request): string | undefined {
  return principalOf(request as AuthenticatedRequest);
}

/**
 * Whether the caller holds `scope`, for a right finer than its route's (publishing publicly): its
 * token must carry it; with authentication off (no token) every caller does.
 */
export function callerHolds(request: Request, scope: string): boolean {
  const principal = (request as AuthenticatedRequest).principal;
  return principal === undefined || principal.scopes.has(scope);
}

/** Who the caller is (its token's subject), if it authenticated and the token names one. */
export function callerSubject(request: Request): string | undefined {
  return (request as AuthenticatedRequest).principal?.subject;
}

/**
 * The organisation a write acts for: the token's, or the one given in the request when
 * authentication is off. One given that differs from the token's is refused (403).
 */
export function organisationForWrite(tokenOrganisation: string | undefined, given: unknown): unknown {
  if (tokenOrganisation === undefined) return given;
  if (given !== undefined && given !== tokenOrganisation) {
    throw new ForbiddenException('organisationId does not match the organisation of the token');
  }
  return tokenOrganisation;
}

/** For reads: another organisation's data is answered as not found (404), so ids don't leak. */
export function organisationForRead(tokenOrganisation: string | undefined, given: string | undefined): string | undefined {
  if (tokenOrganisation === undefined) return given;
  if (given !== undefined && given !== tokenOrganisation) throw new NotFoundException('not found');
  return tokenOrganisation;
}

/** Fills or checks `organisationId` of a JSON object body against the token. */
export function withTokenOrganisation(tokenOrganisation: string | undefined, body: unknown): unknown {
  if (tokenOrganisation === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const given = (body as { organisationId?: unknown }).organisationId;
  return { ...body, organisationId: organisationForWrite(tokenOrganisation, given) };
}
