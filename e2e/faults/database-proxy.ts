import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '../src/free-port';

/** The protocol's simple-query message `COMMIT`, as `pg` sends it to end a transaction. */
const COMMIT_QUERY = Buffer.from('Q\u0000\u0000\u0000\u000bCOMMIT\u0000', 'latin1');

/**
 * A TCP proxy in front of the PostgreSQL server, for the services only (the scenario's own checks
 * connect directly): `outage(ms)` makes the database unreachable as a server that went away would
 * be — every open connection is cut and new ones are refused — and brings it back afterwards.
 * `cutCommits(n)` cuts the next `n` connections that send `COMMIT`, after the server has answered
 * and before the answer reaches the service: the transaction is committed, the service sees its
 * connection fail.
 */
export class DatabaseProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private commitsToCut = 0;
  private commitCutTarget: string | undefined;
  port = 0;
  /** Connections cut by the last outage. */
  cut = 0;
  /** Commits whose answer was cut, by the connection's `application_name`. */
  readonly commitsCut: Record<string, number> = {};

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** The URL to give a service instead of `url` (same database, user and options; the proxy's port). */
  route(url: string): string {
    const routed = new URL(url);
    routed.hostname = '127.0.0.1';
    routed.port = String(this.port);
    return routed.toString();
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      this.sockets.add(client).add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      let application = '?';
      let cutOnAnswer = false;
      forward(client, upstream, (chunk) => {
        if (application === '?') application = /application_name\u0000([^\u0000]*)\u0000/.exec(chunk.toString('latin1'))?.[1] ?? application;
        if (this.commitsToCut > 0 && (this.commitCutTarget ?? application) === application && chunk.includes(COMMIT_QUERY)) {
          this.commitsToCut -= 1;
          cutOnAnswer = true;
        }
        return true;
      });
      // `pg` sends one query at a time: the first answer after the COMMIT is the COMMIT's.
      forward(upstream, client, () => {
        if (!cutOnAnswer) return true;
        this.commitsCut[application] = (this.commitsCut[application] ?? 0) + 1;
        close();
        return false;
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
  }

  /**
   * Cuts the next `count` connections whose transaction commits (of the service whose
   * `application_name` is `application`, or any), just before the answer arrives; replaces cuts
   * still pending.
   */
  cutCommits(count: number, application?: string): void {
    this.commitsToCut = count;
    this.commitCutTarget = application;
  }

  /** Commits still to cut. */
  get commitCutsPending(): number {
    return this.commitsToCut;
  }

  /** Cuts every connection and refuses new ones for `ms`, then accepts again. */
  async outage(ms: number): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    this.cut = this.sockets.size / 2;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.start();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Pipes `from` to `to` (with back-pressure), chunk by chunk while `pass` returns true. */
function forward(from: Socket, to: Socket, pass: (chunk: Buffer) => boolean): void {
  from.on('data', (chunk: Buffer) => {
    if (!pass(chunk) || to.destroyed) return;
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  });
}
