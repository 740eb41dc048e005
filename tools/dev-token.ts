/**
 * Local token issuer: `node tools/dev-token.ts --org acme --scopes postings:write,candidates:write`
 * creates (once) an ES256 key pair under `.cache/dev-issuer/`, prints a token valid for an hour,
 * and the AUTH_* settings to start the services with so they accept it. For local use only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { repoRoot } from './repo-root.ts';

export const DEV_ISSUER = 'https://dev-issuer.talent-match.local';
export const DEV_AUDIENCE = 'talent-match';

const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    scopes: { type: 'string', default: 'postings:write,candidates:write,matches:read,subscriptions:write' },
    subject: { type: 'string', default: 'dev-user' },
    ttl: { type: 'string', default: '1h' },
  },
});
if (!values.org) {
  process.stderr.write('usage: node tools/dev-token.ts --org <organisation> [--scopes a,b] [--subject s] [--ttl 1h]\n');
  process.exit(64);
}

const directory = join(repoRoot(), '.cache', 'dev-issuer');
const keyFile = join(directory, 'es256.private.jwk.json');
if (!existsSync(keyFile)) {
  mkdirSync(directory, { recursive: true });
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  writeFileSync(keyFile, JSON.stringify({ ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256' }), { mode: 0o600 });
}
const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
const publicJwk: JWK = { kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y, kid: privateJwk.kid, alg: 'ES256' };

const token = await new SignJWT({ org: values.org, scope: values.scopes.split(',').map((scope) => scope.trim()).filter(Boolean).join(' ') })
  .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid ?? '', typ: 'JWT' })
  .setIssuer(DEV_ISSUER)
  .setAudience(DEV_AUDIENCE)
  .setSubject(values.subject)
  .setIssuedAt()
  .setExpirationTime(values.ttl)
  .sign(await importJWK(privateJwk, 'ES256'));

process.stdout.write(
  [
    '# start the services with:',
    `export AUTH_MODE=jwt`,
    `export AUTH_ISSUER='${DEV_ISSUER}'`,
    `export AUTH_AUDIENCE='${DEV_AUDIENCE}'`,
    `export AUTH_PUBLIC_KEYS='${JSON.stringify({ keys: [publicJwk] })}'`,
    '# and call them with:',
    `export TOKEN='${token}'`,
    '',
  ].join('\n'),
);
