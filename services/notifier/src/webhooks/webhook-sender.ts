import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './ssrf-guard';

export interface SendResult {
  ok: boolean;
  statusCode?: number;
  error?: string;
}

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Connect only to these (already checked) addresses; undefined lets the system resolve. */
  addresses?: readonly ResolvedAddress[];
}

/**
 * Connections are kept open between calls to one receiver (one TCP and TLS handshake for many
 * calls instead of one per call). An idle connection is closed after 4 s, or earlier when the
 * receiver's `Keep-Alive: timeout=` says it will close it sooner, so that a call rarely meets a
 * connection the receiver has just closed; one that does is sent again once on a new connection.
 * A kept connection stays on the address it was opened to, which the SSRF guard had checked.
 */
const IDLE_CONNECTION_MS = 4_000;
const agents = {
  http: new HttpAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS, scheduling: 'lifo' }),
  https: new HttpsAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS, scheduling: 'lifo' }),
};

/**
 * POSTs one webhook. Any 2xx is success; anything else, a timeout or a network error is a failure
 * with its reason. Redirects are not followed. The whole exchange has one deadline, so a receiver
 * that accepts the connection and never answers gives up its slot after `timeoutMs`.
 */
export async function sendWebhook(webhook: WebhookRequest): Promise<SendResult> {
  const deadline = Date.now() + webhook.timeoutMs;
  const first = await attempt(webhook, webhook.timeoutMs);
  if (first !== STALE_CONNECTION) return first;
  // A kept connection the receiver closed as the call went out: once more, on a new connection.
  const second = await attempt(webhook, Math.max(1, deadline - Date.now()), false);
  return second === STALE_CONNECTION ? { ok: false, error: 'connection reset' } : second;
}

const STALE_CONNECTION = Symbol('stale connection');

function attempt(webhook: WebhookRequest, timeoutMs: number, reuse = true): Promise<SendResult | typeof STALE_CONNECTION> {
  const target = new URL(webhook.url);
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'talent-match-notifier', ...webhook.headers, 'content-length': Buffer.byteLength(webhook.body) },
    ...(webhook.addresses ? { lookup: pinnedLookup(webhook.addresses) } : {}),
    agent: reuse ? (secure ? agents.https : agents.http) : false,
  };
  return new Promise<SendResult | typeof STALE_CONNECTION>((resolve) => {
    let settled = false;
    let answered = false;
    const finish = (result: SendResult | typeof STALE_CONNECTION) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const req = send(target, options, (response) => {
      answered = true;
      const status = response.statusCode ?? 0;
      response.on('data', () => undefined); // drain, so the socket is released
      response.on('end', () => finish(status >= 200 && status < 300 ? { ok: true, statusCode: status } : { ok: false, statusCode: status, error: `HTTP ${status}` }));
      response.on('error', (error) => finish({ ok: false, statusCode: status, error: error.message }));
    });
    const deadline = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      finish(stale ? STALE_CONNECTION : { ok: false, error: error.message });
    });
    req.end(webhook.body);
  });
}

/** A `lookup` that answers with the addresses the SSRF guard checked, instead of asking DNS again. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean; family?: number | string }, callback: (...args: unknown[]) => void) => {
    const wanted = options.family === 6 || options.family === 'IPv6' ? 6 : options.family === 4 || options.family === 'IPv4' ? 4 : undefined;
    const usable = addresses.filter((entry) => wanted === undefined || entry.family === wanted);
    if (usable.length === 0) {
      callback(Object.assign(new Error('no checked address of the requested family'), { code: 'ENOTFOUND' }));
      return;
    }
    if (options.all) {
      callback(null, usable.map((entry) => ({ address: entry.address, family: entry.family })));
    } else {
      callback(null, usable[0]!.address, usable[0]!.family);
    }
  }) as unknown as LookupFunction;
}
