/**
 * Local token issuer: `node tools/dev-token.ts --org acme --scopes postings:write,candidates:write`
 * creates (once) an ES256 key pair under `.cache/dev-issuer/`, prints a token valid for an hour,
 * and the AUTH_* settings to start the services with so they accept it. For local use only
 * (`tools/dev-issuer.ts` serves the same issuer over HTTP, as docker-compose runs it).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_AUDIENCE, DEV_DEFAULT_SCOPES, DEV_ISSUER, loadOrCreateSigningKey, publicJwks, signDevToken } from './dev-issuer-keys.ts';
import { repoRoot } from './repo-root.ts';

const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    scopes: { type: 'string', default: DEV_DEFAULT_SCOPES.join(',') },
    subject: { type: 'string', default: 'dev-user' },
    ttl: { type: 'string', default: '1h' },
  },
});
if (!values.org) {
  process.stderr.write('usage: node tools/dev-token.ts --org <organisation> [--scopes a,b] [--subject s] [--ttl 1h]\n');
  process.exit(64);
}

const key = await loadOrCreateSigningKey(join(repoRoot(), '.cache', 'dev-issuer'));
const token = await signDevToken(key, {
  organisationId: values.org,
  scopes: values.scopes.split(',').map((scope) => scope.trim()).filter(Boolean),
  subject: values.subject,
  ttl: values.ttl,
});

process.stdout.write(
  [
    '# start the services with:',
    `export AUTH_MODE=jwt`,
    `export AUTH_ISSUER='${DEV_ISSUER}'`,
    `export AUTH_AUDIENCE='${DEV_AUDIENCE}'`,
    `export AUTH_PUBLIC_KEYS='${JSON.stringify(publicJwks(key))}'`,
    '# and call them with:',
    `export TOKEN='${token}'`,
    '',
  ].join('\n'),
);
