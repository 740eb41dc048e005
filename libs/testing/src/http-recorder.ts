import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A real HTTP server on loopback that records every request (a webhook receiver, an OTLP
 * collector). `respond` decides the status of each answer.
 */
export class HttpRecorder {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;

  constructor(private readonly respond: (request: RecordedRequest) => number = () => 200) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
        this.requests.push(recorded);
        res.statusCode = this.respond(recorded);
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('recorder not started');
    return `http://127.0.0.1:${address.port}`;
  }

  jsonBodies<T = unknown>(path?: string): T[] {
    return this.requests.filter((r) => !path || r.path === path).map((r) => JSON.parse(r.body.toString()) as T);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
