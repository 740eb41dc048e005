import { createServer, type Socket } from 'node:net';
import { sendWebhook } from './webhook-sender';

const RESPONSE = 'HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n';

/**
 * A bare HTTP/1.1 receiver over TCP, so the test controls connections: it answers each request
 * with 204 and keeps the connection open, or (with `resetReused`) resets a connection when a
 * second request arrives on it, as a receiver does that closed an idle connection just as a call
 * was sent on it.
 */
async function receiver(options: { resetReused?: boolean } = {}): Promise<{ url: string; connections: () => number; answered: () => number; stop: () => Promise<void> }> {
  let connections = 0;
  let answered = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    let requests = 0;
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      // Each request: headers, then a body of content-length bytes.
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(buffer.slice(0, end))?.[1] ?? 0);
        if (buffer.length < end + 4 + length) return;
        buffer = buffer.slice(end + 4 + length);
        requests += 1;
        if (options.resetReused && requests > 1) {
          socket.resetAndDestroy();
          return;
        }
        answered += 1;
        socket.write(RESPONSE);
      }
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${port}/hook`, connections: () => connections, answered: () => answered, stop };
}

const call = (url: string) => sendWebhook({ url, body: '{"a":1}', headers: {}, timeoutMs: 2_000 });

describe('sendWebhook', () => {
  it('keeps the connection to a receiver open between calls', async () => {
    const hook = await receiver();
    try {
      for (let i = 0; i < 5; i += 1) expect(await call(hook.url)).toEqual({ ok: true, statusCode: 204 });
      expect(hook.connections()).toBe(1);
      expect(hook.answered()).toBe(5);
    } finally {
      await hook.stop();
    }
  });

  it('sends a call again on a new connection when the kept one turns out closed, once', async () => {
    const hook = await receiver({ resetReused: true });
    try {
      expect(await call(hook.url)).toEqual({ ok: true, statusCode: 204 });
      // The second call goes out on the kept connection, which the receiver resets unanswered.
      expect(await call(hook.url)).toEqual({ ok: true, statusCode: 204 });
      expect(hook.answered()).toBe(2);
      expect(hook.connections()).toBe(2);
    } finally {
      await hook.stop();
    }
  });

  it('reports a receiver that resets a new connection as a failure', async () => {
    const server = createServer((socket) => socket.on('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const result = await call(`http://127.0.0.1:${(server.address() as { port: number }).port}/hook`);
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/ECONNRESET|socket hang up|reset/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
