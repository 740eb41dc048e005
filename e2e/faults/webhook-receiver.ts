import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with one request: answer with a status, reset the connection, or never answer. */
export type Reaction = { status: number } | 'reset' | 'hang';

export interface ReceivedCall {
  /** `webhook-id`: one per delivery, the same on every retry of it. */
  webhookId: string;
  matchId: string;
  version: number;
  type: string;
  /** The answer the receiver gave (null: it reset the connection or hung). */
  status: number | null;
  signatureValid: boolean;
  /** When the call arrived (epoch ms). */
  receivedAt: number;
}

/**
 * The operator's webhook endpoint as a real HTTP server: checks every Standard Webhooks signature,
 * records each call with the match id and version of its body, and reacts as `react` decides
 * (given the call's number and how often this `webhook-id` was seen before), so a scenario can
 * make it fail, reset or hang.
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private readonly seen = new Map<string, number>();
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;

  constructor(
    private readonly secret: string,
    private readonly react: (call: { index: number; attempt: number }) => Reaction = () => ({ status: 200 }),
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.receive(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('receiver not started');
    return `http://127.0.0.1:${address.port}/hooks/matches`;
  }

  /** Calls answered 2xx: what the notifier was told was delivered. */
  get accepted(): ReceivedCall[] {
    return this.calls.filter((call) => call.status !== null && call.status >= 200 && call.status < 300);
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const header = (name: string) => String(request.headers[name] ?? '');
    const webhookId = header('webhook-id');
    const attempt = (this.seen.get(webhookId) ?? 0) + 1;
    this.seen.set(webhookId, attempt);
    const reaction = this.react({ index: this.calls.length, attempt });
    let event: { type?: string; data?: { matchId?: string; version?: number } } = {};
    try {
      event = JSON.parse(body) as typeof event;
    } catch {
      // recorded with empty fields: the assertions then report an unexpected call
    }
    this.calls.push({
      webhookId,
      matchId: event.data?.matchId ?? '',
      version: event.data?.version ?? 0,
      type: event.type ?? '',
      status: typeof reaction === 'object' ? reaction.status : null,
      signatureValid: this.verify(webhookId, header('webhook-timestamp'), header('webhook-signature'), body),
      receivedAt,
    });
    if (reaction === 'reset') {
      request.socket.destroy();
    } else if (reaction === 'hang') {
      this.hanging.add(response); // never answered; the notifier's timeout gives up on it
      response.on('close', () => this.hanging.delete(response));
    } else {
      response.statusCode = reaction.status;
      response.end();
    }
  }

  private verify(id: string, timestamp: string, signatures: string, body: string): boolean {
    const key = Buffer.from(this.secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
    return signatures.split(' ').some((entry) => {
      const [version, value] = entry.split(',', 2);
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
