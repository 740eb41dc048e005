/**
 * The development token issuer's key and tokens, shared by `tools/dev-token.ts` (one token on the
 * command line) and `tools/dev-issuer.ts` (the same issuer as a small HTTP service). For local use only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export const DEV_ISSUER = 'https://dev-issuer.talent-match.local';
export const DEV_AUDIENCE = 'talent-match';
export const DEV_DEFAULT_SCOPES = ['postings:write', 'candidates:write', 'matches:read', 'subscriptions:write'];

export interface DevSigningKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** The ES256 key pair under `directory`, created (readable by its owner only) the first time. */
export async function loadOrCreateSigningKey(directory: string): Promise<DevSigningKey> {
  const keyFile = join(directory, 'es256.private.jwk.json');
  if (!existsSync(keyFile)) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    writeFileSync(keyFile, JSON.stringify({ ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256' }), { mode: 0o600 });
  }
  const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const publicJwk: JWK = { kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y, kid: privateJwk.kid, alg: 'ES256', use: 'sig' };
  return { privateJwk, publicJwk };
}

/** The JWKS document the services verify tokens with (AUTH_PUBLIC_KEYS, AUTH_PUBLIC_KEYS_FILE). */
export function publicJwks(key: DevSigningKey): { keys: JWK[] } {
  return { keys: [key.publicJwk] };
}

export interface DevTokenClaims {
  organisationId: string;
  scopes: readonly string[];
  subject: string;
  /** Lifetime: seconds, or a jose time span such as `1h`. */
  ttl: number | string;
}

export async function signDevToken(key: DevSigningKey, claims: DevTokenClaims): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: claims.organisationId, scope: claims.scopes.join(' ') })
    .setProtectedHeader({ alg: 'ES256', kid: key.privateJwk.kid ?? '', typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(claims.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(typeof claims.ttl === 'number' ? issuedAt + claims.ttl : claims.ttl)
    .sign(await importJWK(key.privateJwk, 'ES256'));
}
