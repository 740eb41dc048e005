import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Below Linux's ephemeral range (32768–60999 by default), where outgoing connections take their
 * local ports: a service restarted on its port after `kill -9` would otherwise find it taken by a
 * client's connection meanwhile (EADDRINUSE), as a long soak showed.
 */
const RANGE = { from: 20_000, to: 32_000 } as const;

function tryListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port free now, outside the ephemeral range, for a process to listen on (and listen on again after a restart). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = randomInt(RANGE.from, RANGE.to);
    if (await tryListen(port)) return port;
  }
  throw new Error(`no free port in ${RANGE.from}–${RANGE.to} after 100 attempts`);
}
