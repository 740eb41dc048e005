import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
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
 * POSTs one webhook. Any 2xx is success; anything else, a timeout or a network error is a failure
 * with its reason. Redirects are not followed. The whole exchange has one deadline, so a receiver
 * that accepts the connection and never answers gives up its slot after `timeoutMs`.
 */
export function sendWebhook(webhook: WebhookRequest): Promise<SendResult> {
  const target = new URL(webhook.url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'talent-match-notifier', ...webhook.headers, 'content-length': Buffer.byteLength(webhook.body) },
    ...(webhook.addresses ? { lookup: pinnedLookup(webhook.addresses) } : {}),
    agent: false,
  };
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const req = send(target, options, (response) => {
      const status = response.statusCode ?? 0;
      response.on('data', () => undefined); // drain, so the socket is released
      response.on('end', () => finish(status >= 200 && status < 300 ? { ok: true, statusCode: status } : { ok: false, statusCode: status, error: `HTTP ${status}` }));
      response.on('error', (error) => finish({ ok: false, statusCode: status, error: error.message }));
    });
    const deadline = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${webhook.timeoutMs} ms` });
      req.destroy();
    }, webhook.timeoutMs);
    req.on('error', (error) => finish({ ok: false, error: error.message }));
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
