import type { InvalidParam } from './problem-details.filter';

/** At most this many fields are named; one bad character repeated in a big list needs no more. */
const MAX_REPORTED = 10;

/**
 * Where a request value holds text PostgreSQL cannot store faithfully: a NUL character (refused
 * by `text` and `jsonb` columns alike) or an unpaired UTF-16 surrogate (not Unicode: refused by
 * `jsonb`, silently replaced in `text`). Member names count too. Walks iteratively, so a deeply
 * nested body cannot exhaust the stack.
 */
export function unstorableText(value: unknown, root: string): InvalidParam[] {
  const found: InvalidParam[] = [];
  const pending: Place[] = [{ value }];
  const check = (text: string, place: Place, what: string) => {
    const reason = textProblem(text);
    if (reason !== undefined) found.push({ name: pathOf(place) || root, reason: `${what}${reason}` });
  };
  while (pending.length > 0 && found.length < MAX_REPORTED) {
    const place = pending.pop() as Place;
    const current = place.value;
    if (typeof current === 'string') {
      check(current, place, '');
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) pending.push({ value: current[index] as unknown, parent: place, key: index });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, member] of Object.entries(current as Record<string, unknown>).reverse()) {
        const child = { value: member, parent: place, key };
        check(key, child, 'member name ');
        pending.push(child);
      }
    }
  }
  return found;
}

/** A value and where it sits; the path is only spelled out for a value that is reported. */
interface Place {
  value: unknown;
  parent?: Place;
  key?: string | number;
}

function pathOf(place: Place): string {
  const keys: (string | number)[] = [];
  for (let at: Place | undefined = place; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

/** In `u` mode a surrogate pair is one code point, so this finds only unpaired halves. */
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (UNPAIRED_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate: not valid Unicode';
  return undefined;
}
