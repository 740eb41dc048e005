import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';

/** The largest `text/plain` posting accepted (a long posting is about 10 KiB). */
export const MAX_TEXT_BODY_BYTES = 64 * 1024;

/**
 * Reads a `text/plain` request body as UTF-8, refusing more than `maxBytes` (413) as soon as the
 * declared length or the bytes received pass it, so an oversized upload is never held in memory.
 */
export async function readTextBody(request: Request, maxBytes = MAX_TEXT_BODY_BYTES): Promise<string> {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.header('content-type') ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset)) {
    throw new UnsupportedMediaTypeException(`text/plain must be UTF-8, not ${charset}`);
  }
  const tooLarge = () => new PayloadTooLargeException(`a text/plain posting may be at most ${maxBytes} bytes`);
  if (Number(request.header('content-length') ?? 0) > maxBytes) {
    request.resume(); // discard the upload so the connection can answer
    throw tooLarge();
  }
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        // Answer now; the rest of the upload is read and dropped, keeping the connection usable.
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body).replace(/^\uFEFF/, '');
  } catch {
    throw new BadRequestException('the text/plain body is not valid UTF-8');
  }
}
