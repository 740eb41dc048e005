import { createPublicKey } from 'node:crypto';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';

/** Who is calling: the organisation the token speaks for and what it may do. */
export interface Principal {
  subject?: string;
  organisationId: string;
  scopes: ReadonlySet<string>;
  /** When the token stops being valid (its `exp`, in ms since the epoch): long-lived answers end then. */
  expiresAt?: number;
}

/** A token that is absent, malformed, or fails verification; answered with 401. */
export class AuthenticationError extends Error {
  constructor(
    message: string,
    readonly challenge = 'Bearer error="invalid_token"',
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * The issuer's keys could not be fetched (network error, timeout, an answer other than a JWKS):
 * the token may well be valid, so this is answered 503 with `Retry-After`, not 401.
 */
export class IssuerKeysUnavailableError extends Error {
  constructor(options?: ErrorOptions) {
    super("the token issuer's keys cannot be fetched at the moment", options);
    this.name = 'IssuerKeysUnavailableError';
  }
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  algorithms: string[];
  jwksUrl?: string;
  publicKeys?: string;
  /** Seconds of clock skew tolerated on `exp` and `nbf`; default 30. */
  clockToleranceSeconds?: number;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

/** Organisation claim: the tenant every query is scoped to. */
export const ORGANISATION_CLAIM = 'org';

/**
 * Verifies a compact JWS: signature against the configured keys (chosen by `kid`, and only keys
 * whose type fits the algorithm), algorithm in the allow-list, `iss`, `aud`, `exp` (required) and
 * `nbf`. Symmetric algorithms are never allowed, so a token signed with a public key used as an
 * HMAC secret is refused.
 */
export async function createTokenVerifier(options: TokenVerifierOptions): Promise<TokenVerifier> {
  const algorithms = options.algorithms.filter((algorithm) => !/^(HS|none)/i.test(algorithm));
  if (algorithms.length === 0) throw new Error('no asymmetric algorithm allowed');
  const keys = options.jwksUrl ? remoteKeys(options.jwksUrl) : createLocalJWKSet(await parsePublicKeys(options.publicKeys ?? ''));
  return async (token: string) => {
    const { payload } = await verify(token, keys, options, algorithms);
    const organisationId = payload[ORGANISATION_CLAIM];
    if (typeof organisationId !== 'string' || organisationId === '') {
      throw new AuthenticationError(`the token has no "${ORGANISATION_CLAIM}" claim`);
    }
    return {
      ...(payload.sub !== undefined && { subject: payload.sub }),
      organisationId,
      scopes: scopesOf(payload),
      ...(typeof payload.exp === 'number' && { expiresAt: payload.exp * 1000 }),
    };
  };
}

/**
 * Keys are fetched only over https (plain http is accepted for loopback only, where nothing
 * travels a network); otherwise anyone on the path could hand the service keys of their own.
 */
export function jwksUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be a URL';
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return undefined;
  return 'must be an https URL (http only for a loopback host: localhost, 127.0.0.0/8, [::1])';
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The issuer's JWKS, fetched and cached by `jose`. A failure to fetch it is told apart from a
 * token no key fits: the first is the issuer's outage ({@link IssuerKeysUnavailableError}).
 */
function remoteKeys(url: string): JWTVerifyGetKey {
  const problem = jwksUrlProblem(url);
  if (problem !== undefined) throw new Error(`AUTH_JWKS_URL ${problem}`);
  const remote = createRemoteJWKSet(new URL(url));
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported) throw error;
      throw new IssuerKeysUnavailableError({ cause: error });
    }
  };
}

async function verify(token: string, keys: JWTVerifyGetKey, options: TokenVerifierOptions, algorithms: string[]) {
  try {
    return await jwtVerify(token, keys, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms,
      requiredClaims: ['exp'],
      clockTolerance: options.clockToleranceSeconds ?? 30,
    });
  } catch (error) {
    if (error instanceof IssuerKeysUnavailableError) throw error;
    throw new AuthenticationError(describe(error));
  }
}

/** A reason safe to show the caller: what failed, never key material. */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted (${error.reason})`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key is known for the token (kid/alg)';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof errors.JOSEError) return `the token is not valid (${error.code})`;
  return 'the token is not valid';
}

function scopesOf(payload: Record<string, unknown>): Set<string> {
  const scopes = new Set<string>();
  if (typeof payload.scope === 'string') payload.scope.split(' ').filter(Boolean).forEach((scope) => scopes.add(scope));
  if (Array.isArray(payload.scp)) payload.scp.filter((scope): scope is string => typeof scope === 'string').forEach((scope) => scopes.add(scope));
  return scopes;
}

/**
 * `AUTH_PUBLIC_KEYS`: a JWKS (`{"keys":[…]}`), one JWK, or one or more PEM public keys. A key
 * without `kid` gets its RFC 7638 thumbprint; private parts and symmetric keys are refused.
 */
export async function parsePublicKeys(text: string): Promise<JSONWebKeySet> {
  const trimmed = text.trim();
  let jwks: JWK[];
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as JWK | JSONWebKeySet;
    jwks = 'keys' in parsed && Array.isArray(parsed.keys) ? parsed.keys : [parsed as JWK];
  } else {
    const pems = trimmed.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
    jwks = pems.map((pem) => createPublicKey(pem).export({ format: 'jwk' }) as JWK);
  }
  if (jwks.length === 0) throw new Error('AUTH_PUBLIC_KEYS holds no key');
  return {
    keys: await Promise.all(
      jwks.map(async (jwk) => {
        if (jwk.kty === 'oct') throw new Error('AUTH_PUBLIC_KEYS: symmetric keys are not accepted');
        if (jwk.d !== undefined) throw new Error('AUTH_PUBLIC_KEYS: give public keys only');
        return { ...jwk, kid: jwk.kid ?? (await calculateJwkThumbprint(jwk)) };
      }),
    ),
  };
}
