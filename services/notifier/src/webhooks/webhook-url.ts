/**
 * Webhook URLs may carry secrets of the receiver: credentials (`https://user:pass@…`, which the
 * HTTP client would send as Basic authentication) and tokens in the query. Credentials are refused
 * outright (a receiver authenticates calls by their Standard Webhooks signature); wherever a URL is
 * shown (answers, logs) it is reduced to scheme, host and path.
 */
export const URL_USERINFO_REFUSED = 'must not hold credentials (user:password@); receivers authenticate calls by their signature';

/** Whether a URL names credentials (`user@` or `user:password@`) before its host. */
export function hasUserinfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false; // not a URL at all: the URL check itself refuses it
  }
}

/** Scheme, host (with port) and path only: no credentials, query or fragment. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
