// How written skill names are normalised for comparison. Kept apart from the matcher so that
// `resolve`, `keyOf` and `extract` agree on what counts as "the same spelling".

const INNER_SEPARATORS = /(?<=[\p{L}\p{N}])[\s._-]+(?=[\p{L}\p{N}])/gu;
/** Quotes, brackets, bullets and sentence punctuation that may precede or follow a written skill. */
const LEADING_PUNCTUATION = new Set([...'"\'`([{<,;:!?*•·']);
const TRAILING_PUNCTUATION = new Set([...'"\'`)]}>,;:.!?*']);
const WHITESPACE = /\s/;

/** Trimmed, lower-cased, inner whitespace collapsed: the key of an unknown skill. */
export function plainKey(written: string): string {
  return written.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Plain key without the separators (whitespace, ".", "-", "_") that sit *between* two letters or
 * digits, so "Node.JS", "node js" and "nodejs" share a key. Symbols that carry meaning stay:
 * ".NET" keeps its leading dot (so "NET" is not ".NET"), and "C#", "C++", "F#", "CI/CD" keep theirs.
 */
export function looseKey(written: string): string {
  return plainKey(written).replace(INNER_SEPARATORS, '');
}

/** Drops quotes, brackets and sentence punctuation around a written skill ("(Docker)", "Kafka."). */
export function stripEdgePunctuation(written: string): string {
  // Scanned by hand: a regular expression anchored at the end backtracks over long runs.
  let start = 0;
  let end = written.length;
  while (start < end && (LEADING_PUNCTUATION.has(written[start] as string) || WHITESPACE.test(written[start] as string))) start++;
  while (end > start && (TRAILING_PUNCTUATION.has(written[end - 1] as string) || WHITESPACE.test(written[end - 1] as string))) end--;
  return written.slice(start, end);
}

/** Letters and digits: the characters a skill token is made of. */
export function isAlphanumeric(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  return /[\p{L}\p{N}]/u.test(char);
}

/** Number of letters and digits in a form; forms with two or fewer are matched case-sensitively. */
export function alphanumericLength(form: string): number {
  return form.replace(/[^\p{L}\p{N}]/gu, '').length;
}

/** Lower-cases character by character so that indexes into the result are indexes into the text. */
export function lowerSameLength(text: string): string {
  const simple = text.toLowerCase();
  if (simple.length === text.length) return simple;
  let lower = '';
  for (const char of text) {
    const lowered = char.toLowerCase();
    lower += lowered.length === char.length ? lowered : char;
  }
  return lower;
}
