import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature checked out against the endpoint's secret, per the Standard Webhooks spec. */
  verified: boolean;
  receivedAt: number;
  answeredAt?: number;
}

/** How a path answers: a status, or `hang` (never answers). */
export type Behaviour = (attempt: number) => number | 'hang';

/**
 * A webhook receiver for tests: a real HTTP server on loopback that verifies each call the way
 * the Standard Webhooks specification tells receivers to (written from the specification, not
 * from the sender's code), and answers per path as told.
 */
export class SignedReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly secrets = new Map<string, string>();
  private readonly behaviours = new Map<string, Behaviour>();
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '';
        const body = Buffer.concat(chunks).toString('utf8');
        const record: ReceivedWebhook = { path, headers: req.headers, body, verified: this.verify(path, req.headers, body), receivedAt: Date.now() };
        this.received.push(record);
        const attempt = this.received.filter((entry) => entry.path === path).length;
        const answer = (this.behaviours.get(path) ?? (() => 200))(attempt);
        if (answer === 'hang') {
          this.hanging.add(res);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        record.answeredAt = Date.now();
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}${path}`;
  }

  on(path: string, secret: string, behaviour: Behaviour = () => 200): void {
    this.secrets.set(path, secret);
    this.behaviours.set(path, behaviour);
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((entry) => entry.path === path);
  }

  /** Calls still waiting for an answer (hanging). */
  get openCalls(): number {
    return this.hanging.size;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private verify(path: string, headers: IncomingHttpHeaders, body: string): boolean {
    const secret = this.secrets.get(path);
    const id = headers['webhook-id'];
    const timestamp = headers['webhook-timestamp'];
    const signatures = headers['webhook-signature'];
    if (!secret || typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
    return signatures.split(' ').some((entry) => {
      const [version, signature] = entry.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
  }
}
