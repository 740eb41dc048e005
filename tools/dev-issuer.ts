/**
 * The development token issuer as a small HTTP service (docker-compose runs it as `dev-issuer`):
 *
 *   node tools/dev-issuer.ts [--host 127.0.0.1] [--port 8080] [--keys-dir DIR] [--jwks-file FILE]
 *
 *   GET  /.well-known/jwks.json   the public keys (also written to --jwks-file for AUTH_PUBLIC_KEYS_FILE)
 *   POST /token                   form or JSON: org (required), scope (space- or comma-separated),
 *                                 sub, expires_in (seconds, at most a day) → { access_token, … }
 *   GET  /health                  200 once the key is loaded
 *
 * It signs a token for whoever asks: it is for a developer's machine (its port bound to 127.0.0.1),
 * never for a deployment, which uses a real identity provider.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_AUDIENCE, DEV_DEFAULT_SCOPES, DEV_ISSUER, loadOrCreateSigningKey, publicJwks, signDevToken } from './dev-issuer-keys.ts';
import { repoRoot } from './repo-root.ts';

const MAX_LIFETIME_SECONDS = 86_400;
const ORGANISATION_ID = /^[\w.:-]{1,100}$/;
const SCOPE = /^[\w.:-]{1,100}$/;

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8080' },
    'keys-dir': { type: 'string' },
    'jwks-file': { type: 'string' },
  },
});

const key = await loadOrCreateSigningKey(values['keys-dir'] ?? join(repoRoot(), '.cache', 'dev-issuer'));
const jwks = JSON.stringify(publicJwks(key));
const jwksFile = values['jwks-file'];
if (jwksFile) {
  // Written whole, then renamed: a service starting meanwhile never reads half a file.
  mkdirSync(dirname(jwksFile), { recursive: true });
  writeFileSync(`${jwksFile}.tmp`, jwks);
  renameSync(`${jwksFile}.tmp`, jwksFile);
}

class BadRequest extends Error {}

async function readParameters(request: IncomingMessage): Promise<Record<string, string>> {
  let text = '';
  for await (const chunk of request) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > 10_000) throw new BadRequest('the request body is too large');
  }
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BadRequest('the body is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequest('the body must be a JSON object');
    return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

async function issue(parameters: Record<string, string>): Promise<object> {
  const organisationId = parameters.org ?? '';
  if (!ORGANISATION_ID.test(organisationId)) throw new BadRequest('org is required: the organisation the token acts for ([A-Za-z0-9_.:-], at most 100)');
  const scopes = parameters.scope === undefined ? DEV_DEFAULT_SCOPES : parameters.scope.split(/[\s,]+/).filter(Boolean);
  if (!scopes.every((scope) => SCOPE.test(scope))) throw new BadRequest('scope must be scope names separated by spaces or commas');
  const lifetime = parameters.expires_in === undefined ? 3_600 : Number(parameters.expires_in);
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_LIFETIME_SECONDS) throw new BadRequest(`expires_in must be 1 to ${MAX_LIFETIME_SECONDS} seconds`);
  const subject = parameters.sub ?? 'dev-user';
  const token = await signDevToken(key, { organisationId, scopes, subject, ttl: lifetime });
  return { access_token: token, token_type: 'Bearer', expires_in: lifetime, scope: scopes.join(' '), issuer: DEV_ISSUER, audience: DEV_AUDIENCE };
}

function send(response: ServerResponse, status: number, body: object, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://issuer').pathname;
  void (async () => {
    if (request.method === 'GET' && path === '/.well-known/jwks.json') return send(response, 200, JSON.parse(jwks) as object);
    if (request.method === 'GET' && path === '/health') return send(response, 200, { status: 'ok' });
    if (request.method === 'POST' && path === '/token') return send(response, 200, await issue(await readParameters(request)));
    return send(response, 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: `no ${request.method} ${path}` }, 'application/problem+json');
  })().catch((error: unknown) => {
    const status = error instanceof BadRequest ? 400 : 500;
    send(response, status, { type: 'about:blank', title: status === 400 ? 'Bad Request' : 'Internal Server Error', status, detail: (error as Error).message }, 'application/problem+json');
  });
});

server.listen(Number(values.port), values.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  process.stdout.write(`dev-issuer listening on http://${values.host}:${port} (issuer ${DEV_ISSUER}, audience ${DEV_AUDIENCE})\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
