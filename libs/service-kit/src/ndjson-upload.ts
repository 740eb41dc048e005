import { applyDecorators, PayloadTooLargeException, SetMetadata, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { Request } from 'express';
import type { z } from 'zod';
import { ndjsonLines } from './ndjson-lines';
import type { InvalidParam } from './problem-details.filter';
import { validateInput } from './zod-body.pipe';

export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';
export const NDJSON_UPLOAD = 'http:ndjson-upload';

/**
 * Marks a route that reads its body with {@link readNdjsonUpload}: it consumes NDJSON only, and a
 * body of another type is refused (415) before any body parser reads it (`refuseWrongMediaTypes`).
 */
export const NdjsonUpload = () => applyDecorators(SetMetadata(NDJSON_UPLOAD, true), ApiConsumes(NDJSON_CONTENT_TYPE));

/** What one bulk upload may hold; over them the whole upload is refused (413) and nothing is stored. */
export const BULK_LIMITS = {
  /** Records (non-blank lines). */
  maxLines: 10_000,
  /** The whole upload. */
  maxBytes: 16 * 1024 * 1024,
  /** One line; a longer line rejects only itself. */
  maxLineBytes: 256 * 1024,
} as const;

export type BulkLimits = { [K in keyof typeof BULK_LIMITS]: number };

/** A line of an upload: its valid record, or why it was rejected. */
export type CheckedLine<T> = { line: number; record: T } | { line: number; errors: InvalidParam[] };

/**
 * Reads a whole NDJSON upload and checks every line against `schema` before anything is stored,
 * so an upload over the limits (or not NDJSON at all) is refused as a whole instead of being
 * half imported. Only the valid records are held, and at most `maxBytes` of them. With a token
 * (`organisation`), a line of another organisation is rejected and one without is the token's.
 */
export async function readNdjsonUpload<TSchema extends z.ZodType>(
  request: Request,
  schema: TSchema,
  organisation: string | undefined,
  limits: BulkLimits = BULK_LIMITS,
): Promise<CheckedLine<z.infer<TSchema>>[]> {
  const type = request.is(NDJSON_CONTENT_TYPE);
  if (type === null) return []; // no body at all: an empty upload
  if (type === false) {
    request.resume(); // discard the upload so the connection can answer
    throw new UnsupportedMediaTypeException(`send the records as ${NDJSON_CONTENT_TYPE}, one JSON object per line`);
  }
  const tooLarge = (reason: string) => {
    request.resume();
    return new PayloadTooLargeException(`${reason}; split the upload`);
  };
  if (Number(request.header('content-length') ?? 0) > limits.maxBytes) throw tooLarge(`an upload may be at most ${limits.maxBytes} bytes`);

  const checked: CheckedLine<z.infer<TSchema>>[] = [];
  // Not destroyed on an early exit, so the rest can be drained and the 413 still reaches the client.
  const chunks = request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  for await (const { line, text, tooLong } of ndjsonLines(limitBytes(chunks, limits.maxBytes, tooLarge), limits.maxLineBytes)) {
    if (checked.length === limits.maxLines) throw tooLarge(`an upload may hold at most ${limits.maxLines} lines`);
    checked.push(tooLong ? { line, errors: [{ name: '(line)', reason: `longer than ${limits.maxLineBytes} bytes` }] } : checkLine(line, text, schema, organisation));
  }
  return checked;
}

async function* limitBytes(chunks: AsyncIterable<Buffer>, maxBytes: number, tooLarge: (reason: string) => Error): AsyncGenerator<Buffer> {
  let received = 0;
  for await (const chunk of chunks) {
    received += chunk.length;
    if (received > maxBytes) throw tooLarge(`an upload may be at most ${maxBytes} bytes`);
    yield chunk;
  }
}

function checkLine<TSchema extends z.ZodType>(line: number, text: string, schema: TSchema, organisation: string | undefined): CheckedLine<z.infer<TSchema>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { line, errors: [{ name: '(line)', reason: `not JSON: ${(error as Error).message}` }] };
  }
  const object = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  const given = object?.organisationId;
  if (organisation !== undefined && given !== undefined && given !== organisation) {
    return { line, errors: [{ name: 'organisationId', reason: 'does not match the organisation of the token' }] };
  }
  const result = validateInput(schema, organisation !== undefined && object ? { ...object, organisationId: organisation } : json, '(line)');
  return result.success ? { line, record: result.data } : { line, errors: result.issues };
}
