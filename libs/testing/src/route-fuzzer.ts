import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import {
  applyMutation,
  at,
  encodeHostile,
  hostileContentType,
  hostileJson,
  hostilePathSegment,
  hostileQuery,
  hostileString,
  malformedBody,
  jsonPaths,
  nearValid,
  toJsonText,
} from './hostile-input';

/** What a fuzz suite knows about one route: how to build valid input that it then breaks. */
export interface RouteFuzz {
  /** `METHOD /path/:param`, exactly as the application's router lists it. */
  route: string;
  /** Values for path parameters besides generated ones, e.g. ids that exist. */
  params?: Record<string, readonly string[]>;
  /** Query parameters the route reads, each with valid values (may be empty). */
  query?: Record<string, readonly string[]>;
  /** A valid JSON body, mutated into near-valid ones. */
  body?: unknown;
  /** The body is NDJSON, one `body`-like record per line. */
  ndjson?: boolean;
  /** The route also reads `text/plain` bodies. */
  text?: boolean;
  /** Share of the suite's run count this route gets (default 1), e.g. less for static documentation. */
  share?: number;
}

/**
 * The routes every service has from libs/service-kit: probes, metrics, the API description and
 * its browsable UI (static, so fuzzed less), and the middleware that sees every path (unknown
 * paths included).
 */
export const platformRoutes: readonly RouteFuzz[] = [
  ...['/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs-yaml'].map((path) => ({ route: `GET ${path}`, share: 0.3 })),
  ...['/docs', '/docs/', '/docs/index.html', '/docs/swagger-ui-init.js', '/docs/docs/swagger-ui-init.js', '/docs/LICENSE'].map((path) => ({ route: `GET ${path}`, share: 0.1 })),
  { route: 'ALL /{*path}' },
];

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every route the application's HTTP router serves, as `METHOD /path` (`ALL /path` for one that
 * answers every method, such as middleware applied to every route), without duplicates.
 */
export function servedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const routes = express.router.stack.flatMap(({ route }) => {
    if (!route) return [];
    const methods = Object.entries(route.methods).filter(([, enabled]) => enabled).map(([method]) => method.toUpperCase());
    return (methods.length >= ANY_METHOD.length ? ['ALL'] : methods).flatMap((method) => [route.path].flat().map((path) => `${method} ${path}`));
  });
  return [...new Set(routes)].sort();
}

/** Methods tried on a route that answers any. */
const ANY_METHOD = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH', 'QUERY'];

/**
 * Sends a request byte for byte (no URL normalisation, any header, any body) on a connection of
 * its own. An event stream is closed once its headers arrived.
 */
export function sendRaw(baseUrl: string, raw: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise<RawResponse>((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: raw.method,
        path: raw.path,
        headers: { ...raw.headers, ...(raw.body !== undefined && { 'content-length': String(raw.body.length) }) },
        agent: false,
        timeout: timeoutMs,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (/^text\/event-stream/.test(response.headers['content-type'] ?? '')) {
          response.destroy();
          resolve({ status, headers: response.headers, body: '' });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    // The server may answer (413) and close before reading an oversized body: the answer counts.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    request.end(raw.body === undefined ? undefined : Buffer.from(raw.body));
  });
}

/** Hostile requests for one route: its path, query, headers and body, each possibly broken. */
export function hostileRequests(route: RouteFuzz): fc.Arbitrary<RawRequest> {
  const [routeMethod = 'GET', template = '/'] = route.route.split(' ');
  const segments = template.split('/').map((segment) => {
    if (segment === '{*path}') return fc.array(hostilePathSegment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    if (!segment.startsWith(':')) return fc.constant(segment);
    const valid = route.params?.[segment.slice(1)] ?? [];
    return valid.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 2, arbitrary: hostilePathSegment }) : hostilePathSegment;
  });
  const path = fc.tuple(...segments).map((parts) => parts.join('/'));
  const queryKeys = Object.keys(route.query ?? {});
  const validQuery = fc
    .array(fc.constantFrom(...(queryKeys.length > 0 ? queryKeys : ['_'])), { maxLength: queryKeys.length, minLength: 0 })
    .chain((keys) => fc.tuple(...keys.map((key) => fc.constantFrom(...(route.query?.[key] ?? ['']), '').map((value) => `${key}=${encodeURIComponent(value)}`))))
    .map((pairs) => pairs.join('&'));
  const query = fc.oneof(fc.constant(''), validQuery, hostileQuery(queryKeys));
  const headers = fc.record(
    {
      'idempotency-key': fc.oneof(fc.uuid(), fc.constant(''), fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((code) => code !== 0x7f).map((code) => String.fromCharCode(code)), maxLength: 400 })),
      accept: fc.constantFrom('*/*', 'application/json', 'text/html', 'application/xml', 'garbage'),
      'accept-encoding': fc.constantFrom('gzip', 'br', 'identity;q=0', 'x'),
    },
    { requiredKeys: [] },
  );
  const method = routeMethod === 'ALL' ? fc.constantFrom(...ANY_METHOD) : fc.constant(routeMethod);
  return fc.record({ method, path, query, headers, body: bodies(route, routeMethod) }).map(({ method: verb, path: pathname, query: search, headers: extra, body }) => ({
    method: verb,
    path: search === '' ? pathname : `${pathname}?${search}`,
    headers: { ...extra, ...body.headers },
    ...(body.bytes !== undefined && { body: body.bytes }),
  }));
}

interface GeneratedBody {
  headers: Record<string, string>;
  bytes?: Uint8Array;
}

const encoder = new TextEncoder();

function bodies(route: RouteFuzz, method: string): fc.Arbitrary<GeneratedBody> {
  const json = (contentType: fc.Arbitrary<string | undefined>, text: fc.Arbitrary<string | Uint8Array>) =>
    fc.record({ contentType, text }).map(({ contentType: type, text: content }): GeneratedBody => ({
      headers: type === undefined ? {} : { 'content-type': type },
      bytes: typeof content === 'string' ? encoder.encode(content) : content,
    }));
  const mostlyJson = fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: hostileContentType });
  const anyJson = hostileJson.map((value) => JSON.stringify(value) ?? 'null');
  const valid = route.body ?? {};
  const options: fc.WeightedArbitrary<GeneratedBody>[] = [
    { weight: 1, arbitrary: fc.constant({ headers: {} }) },
    { weight: 2, arbitrary: json(mostlyJson, anyJson) },
    { weight: 2, arbitrary: json(hostileContentType, malformedBody) },
    { weight: 1, arbitrary: json(fc.constant('application/json'), fc.integer({ min: 100_000, max: 1_500_000 }).map((size) => `{"title":"${'x'.repeat(size)}"}`)) },
    { weight: 1, arbitrary: compressed(anyJson) },
  ];
  if (method !== 'GET' && method !== 'DELETE' && route.body !== undefined) {
    options.push({ weight: 10, arbitrary: json(mostlyJson, nearValid(valid).map(({ text }) => text)) });
  }
  if (route.ndjson) {
    options.push({ weight: 6, arbitrary: json(fc.oneof({ weight: 4, arbitrary: fc.constant('application/x-ndjson') }, { weight: 1, arbitrary: hostileContentType }), ndjson(valid)) });
  }
  if (route.text) {
    options.push({ weight: 3, arbitrary: json(fc.constantFrom('text/plain', 'text/plain; charset=utf-8', 'text/plain; charset=latin1'), fc.oneof(hostileString, malformedBody)) });
  }
  return fc.oneof(...options);
}

/** A gzip-encoded body (bombs included: a few MiB of one byte compress to a few KiB), or a lying encoding. */
function compressed(text: fc.Arbitrary<string>): fc.Arbitrary<GeneratedBody> {
  return fc.oneof(
    text.map((content) => ({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bytes: gzipSync(content) })),
    fc.integer({ min: 1, max: 3 }).map((mebibytes) => ({
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      bytes: gzipSync(`{"title":"${' '.repeat(mebibytes * 1024 * 1024)}"}`),
    })),
    fc.record({ encoding: fc.constantFrom('gzip', 'deflate', 'br', 'compress', 'x-garbage', 'gzip, gzip'), text }).map(({ encoding, text: content }) => ({
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      bytes: encoder.encode(content),
    })),
  );
}

/** NDJSON uploads: near-valid and broken lines, blank lines, overlong lines, too many lines. */
function ndjson(valid: unknown): fc.Arbitrary<string | Uint8Array> {
  const line = fc.oneof(
    { weight: 4, arbitrary: nearValid(valid).map(({ text }) => text) },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(valid)) },
    { weight: 1, arbitrary: hostileJson.map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: malformedBody.map((bytes) => Buffer.from(bytes).toString('latin1')) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\r', '\t') },
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n')).map(([lines, newline]) => lines.join(newline)) },
    { weight: 1, arbitrary: fc.integer({ min: 256 * 1024, max: 600 * 1024 }).map((size) => `${JSON.stringify(valid)}\n{"title":"${'x'.repeat(size)}"}\n`) },
    { weight: 1, arbitrary: fc.integer({ min: 9_000, max: 20_000 }).map((count) => '{}\n'.repeat(count)) },
  );
}

/** Characters a database, a JSON parser or a log refuses or mangles, swept through every field. */
const SWEPT = ['\u0000', '\ud800', '\udfff', 'x'.repeat(100_001)];

/**
 * Requests tried before the generated ones: the valid body (or NDJSON line, or query) with each
 * string field in turn holding each of `SWEPT`, so a field that lets such text through is found
 * every run rather than by chance.
 */
export function sweepRequests(route: RouteFuzz): RawRequest[] {
  const [method = 'GET', template = '/'] = route.route.split(' ');
  if (method === 'ALL') return [];
  const path = template
    .split('/')
    .map((segment) => (segment.startsWith(':') ? (route.params?.[segment.slice(1)]?.[0] ?? '00000000-0000-4000-8000-000000000000') : segment))
    .join('/');
  const requests: RawRequest[] = [];
  const valid = route.body;
  if (valid !== undefined && method !== 'GET' && method !== 'DELETE') {
    for (const field of jsonPaths(valid).filter((candidate) => typeof at(valid, candidate) === 'string')) {
      for (const nasty of SWEPT) {
        const text = toJsonText(applyMutation(valid, { kind: 'replace', path: field, value: `${String(at(valid, field))}${nasty}` }));
        requests.push({ method, path, headers: { 'content-type': 'application/json' }, body: encoder.encode(text) });
        if (route.ndjson) requests.push({ method, path, headers: { 'content-type': 'application/x-ndjson' }, body: encoder.encode(`${JSON.stringify(valid)}\n${text}\n`) });
      }
    }
  }
  for (const [key, values] of Object.entries(route.query ?? {})) {
    for (const nasty of SWEPT.slice(0, 3)) requests.push({ method, path: `${path}?${key}=${encodeHostile(`${values[0] ?? ''}${nasty}`)}`, headers: {} });
  }
  if (route.text) {
    const organisation = route.query?.organisationId?.[0] ?? 'org';
    for (const nasty of SWEPT) {
      requests.push({ method, path: `${path}?organisationId=${organisation}`, headers: { 'content-type': 'text/plain' }, body: encoder.encode(`Go engineer. Requirements: Go, PostgreSQL. ${nasty}`) });
    }
  }
  return requests;
}

/** What every answer to a hostile request must be: no server error, and a 4xx is a problem document. */
export function expectClientSafeAnswer(request: RawRequest, response: RawResponse): void {
  const describe = () => `${request.method} ${request.path.slice(0, 300)} (${JSON.stringify(request.headers).slice(0, 300)}, ${request.body?.length ?? 0} body bytes) → ${response.status} ${response.body.slice(0, 500)}`;
  if (response.status >= 500 || response.status < 100) throw new Error(`server error: ${describe()}`);
  if (response.status >= 400) {
    if (!/^application\/problem\+json/.test(response.headers['content-type'] ?? '')) throw new Error(`a ${response.status} that is not problem details: ${describe()}`);
    const problem = JSON.parse(response.body) as { title?: unknown; status?: unknown };
    if (typeof problem.title !== 'string' || problem.status !== response.status) throw new Error(`a problem without title or matching status: ${describe()}`);
  }
}

export interface FuzzOptions {
  baseUrl: string;
  numRuns: number;
  seed: number;
  /** A snapshot of what the service stored; must not change across a refused (4xx) request. */
  storedState?: () => Promise<string>;
}

/** Throws generated hostile requests at one route; fails on a 5xx, a non-problem 4xx, or a refused request that stored something. */
export async function fuzzRoute(route: RouteFuzz, options: FuzzOptions): Promise<void> {
  await fc.assert(
    fc.asyncProperty(hostileRequests(route), async (request) => {
      const before = await options.storedState?.();
      const response = await sendRaw(options.baseUrl, request);
      expectClientSafeAnswer(request, response);
      if (response.status >= 400 && options.storedState) {
        const after = await options.storedState();
        if (after !== before) throw new Error(`a refused request (${response.status}) changed what is stored: ${before} → ${after}; ${response.body.slice(0, 300)}`);
      }
    }),
    {
      numRuns: Math.max(1, Math.round(options.numRuns * (route.share ?? 1))),
      seed: options.seed,
      endOnFailure: true,
      examples: sweepRequests(route).map((request) => [request]),
    },
  );
  const live = await sendRaw(options.baseUrl, { method: 'GET', path: '/health/live', headers: {} });
  if (live.status !== 200) throw new Error(`/health/live answers ${live.status} after fuzzing ${route.route}`);
}

/**
 * The seed of a fuzz suite: `FUZZ_SEED` when set (to replay a run), otherwise a new one each run, so
 * CI explores new inputs over time. It is printed, so any failure can be replayed.
 */
export function fuzzSeed(suite: string, env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FUZZ_SEED;
  const seed = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 0x7fff_ffff);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${JSON.stringify(given)}`);
  process.stdout.write(`${suite}: fuzz seed ${seed} (replay with FUZZ_SEED=${seed})\n`);
  return seed;
}
