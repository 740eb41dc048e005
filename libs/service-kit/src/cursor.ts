import { BadRequestException } from '@nestjs/common';

/** One page of a keyset-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque cursor: the sort key of the last item of a page. */
export function encodeCursor(key: readonly [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string' && !Number.isNaN(Date.parse(key[0]))) {
      return [key[0], key[1]];
    }
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is not valid; use the nextCursor of a previous page');
}
