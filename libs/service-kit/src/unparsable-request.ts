import { maxHeaderSize, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Node answers a request it cannot parse (a header block over `maxHeaderSize`, broken HTTP, a
 * header timeout) itself, before Express and the problem-details filter see it. This answers those
 * as problem details too, so every refusal a client gets has the same shape.
 */
export function answerUnparsableRequestsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, title, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request header fields too large', `the request line and headers may be at most ${maxHeaderSize} bytes`]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request timeout', 'the request was not received in time']
          : [400, 'bad request', 'the request is not valid HTTP'];
    const body = JSON.stringify({ type: 'about:blank', title, status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
