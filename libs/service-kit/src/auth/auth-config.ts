import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { jwksUrlProblem } from './token-verifier';

/** Algorithms a token may be signed with; symmetric (`HS*`) and `none` are never accepted. */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

/**
 * The authentication settings each service adds to its environment schema. `AUTH_MODE=off` (the
 * default) keeps the organisation given in the request; `jwt` requires a bearer token.
 */
export const authEnvFields = {
  AUTH_MODE: z.enum(['off', 'jwt']).default('off'),
  /** Where the issuer publishes its keys (a JWKS document): https, or http on a loopback host only. */
  AUTH_JWKS_URL: z
    .string()
    .superRefine((value, context) => {
      const problem = jwksUrlProblem(value);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** The issuer's public keys: a JWKS (`{"keys":[…]}`), one JWK, or PEM blocks. */
  AUTH_PUBLIC_KEYS: z.string().min(1).optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /**
   * The issuer's public keys read from a file (as AUTH_PUBLIC_KEYS; a mounted secret or a file the
   * issuer writes), read once at start-up.
   */
  AUTH_PUBLIC_KEYS_FILE: z.string().min(1).optional(),
  /**
   * `true` lets a production service (`NODE_ENV=production`) run with `AUTH_MODE=off`, i.e. open to
   * anyone who reaches its port; without it such a service refuses to start.
   */
  AUTH_ALLOW_INSECURE: z.enum(['true', 'false']).default('false'),
  AUTH_ALGORITHMS: z
    .string()
    .default('RS256,ES256')
    .transform((value) => value.split(',').map((algorithm) => algorithm.trim()).filter((algorithm) => algorithm !== ''))
    .pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS, { message: `each must be one of ${ASYMMETRIC_ALGORITHMS.join(', ')}` })).min(1)),
};

export interface AuthEnv {
  AUTH_MODE: 'off' | 'jwt';
  AUTH_JWKS_URL?: string;
  AUTH_PUBLIC_KEYS?: string;
  AUTH_PUBLIC_KEYS_FILE?: string;
  AUTH_ALLOW_INSECURE: 'true' | 'false';
  /** From the shared settings: production refuses `AUTH_MODE=off` unless explicitly allowed. */
  NODE_ENV?: string;
  AUTH_ISSUER?: string;
  AUTH_AUDIENCE?: string;
  AUTH_ALGORITHMS: string[];
}

/** With `AUTH_MODE=jwt`, the issuer, the audience and one source of keys are required. */
export function refineAuthEnv(env: AuthEnv, context: z.RefinementCtx): void {
  const missing = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
  if (env.AUTH_MODE !== 'jwt') {
    if (env.NODE_ENV === 'production' && env.AUTH_ALLOW_INSECURE !== 'true') {
      missing('AUTH_MODE', `must be jwt when NODE_ENV=production (with ${env.AUTH_MODE} anyone reaching the port reads and writes every organisation's data); set AUTH_ALLOW_INSECURE=true only to run it open on purpose`);
    }
    return;
  }
  if (!env.AUTH_ISSUER) missing('AUTH_ISSUER', 'required when AUTH_MODE=jwt');
  if (!env.AUTH_AUDIENCE) missing('AUTH_AUDIENCE', 'required when AUTH_MODE=jwt');
  const keySources = [env.AUTH_JWKS_URL, env.AUTH_PUBLIC_KEYS, env.AUTH_PUBLIC_KEYS_FILE].filter((source) => source !== undefined);
  if (keySources.length !== 1) missing('AUTH_JWKS_URL', 'give exactly one of AUTH_JWKS_URL, AUTH_PUBLIC_KEYS or AUTH_PUBLIC_KEYS_FILE when AUTH_MODE=jwt');
}

/** What the guard needs from the environment. */
export type AuthOptions =
  | { mode: 'off' }
  | { mode: 'jwt'; issuer: string; audience: string; algorithms: string[]; jwksUrl?: string; publicKeys?: string };

export function authOptions(env: AuthEnv): AuthOptions {
  if (env.AUTH_MODE === 'off') return { mode: 'off' };
  return {
    mode: 'jwt',
    issuer: env.AUTH_ISSUER ?? '',
    audience: env.AUTH_AUDIENCE ?? '',
    algorithms: env.AUTH_ALGORITHMS,
    ...(env.AUTH_JWKS_URL !== undefined && { jwksUrl: env.AUTH_JWKS_URL }),
    ...(env.AUTH_PUBLIC_KEYS !== undefined && { publicKeys: env.AUTH_PUBLIC_KEYS }),
    ...(env.AUTH_PUBLIC_KEYS_FILE !== undefined && { publicKeys: readPublicKeysFile(env.AUTH_PUBLIC_KEYS_FILE) }),
  };
}

function readPublicKeysFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`AUTH_PUBLIC_KEYS_FILE: cannot read ${path}: ${(error as Error).message}`);
  }
}
