import { z } from 'zod';

/**
 * Control characters (C0 such as CR, LF, tab and ESC; DEL; C1 such as NEL) and the Unicode line
 * and paragraph separators. In a name or a title they break the lines they are written into (log
 * lines, e-mail subjects and headers, CSV exports) and can forge new ones.
 */
const LINE_BREAKING_OR_CONTROL = /[\p{Cc}\u2028\u2029]/u;

export const SINGLE_LINE_MESSAGE = 'must be a single line without control characters (CR, LF, tab, …)';

export function isSingleLine(text: string): boolean {
  return !LINE_BREAKING_OR_CONTROL.test(text);
}

/** A single-line text field (a name, a title, an id): trimmed, 1 to `max` characters, no control characters. */
export const singleLineTextSchema = (max: number) => z.string().trim().min(1).max(max).refine(isSingleLine, SINGLE_LINE_MESSAGE);
