import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/** One page of a keyset-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque cursor: the sort key of the last item of a page. */
export function encodeCursor(key: readonly [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * As the services write it: a timestamp exactly as `toISOString` gives it (a real date, year 1 to
 * 9999) and a UUID, so nothing in it can make the database refuse the query.
 */
const cursorKeySchema = z.tuple([
  z.string().refine((text) => /^(?!0000)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(text) && new Date(text).toISOString() === text),
  z.uuid(),
]);

export function decodeCursor(cursor: string): [string, string] {
  try {
    const key = cursorKeySchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (key.success) return key.data;
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is not valid; use the nextCursor of a previous page');
}
