export interface WebhookResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** POSTs a JSON notification; any non-2xx answer, timeout or network error is a failure with its reason. */
export async function postWebhook(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<WebhookResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await response.body?.cancel();
    return response.ok ? { ok: true, status: response.status } : { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
