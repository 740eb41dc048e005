import { convert } from 'html-to-text';
import { unfoldCriteriaTables } from './criteria-tables';
import { ITEM_OPENERS } from './openers';

/** Tags that show a posting was pasted as HTML (a bare "<" or "a < b" is not enough). */
const HTML_TAG = /<\/?(?:p|br|li|ul|ol|h[1-6]|div|strong|b|em|i|span|section|article|table|tr|td)\b[^<>]{0,200}>/i;

const HEADING_OPTIONS = { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 1 };

/** No real posting nests its HTML deeper than this. */
const MAX_HTML_DEPTH = 40;

/** Pasted HTML as text: headings and list items on lines of their own, entities decoded, no links. */
function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    // Unclosed tags nest without end ("<li><p><li><p>…"): past this depth the rest is read as text, so
    // a hostile body neither overflows the stack nor takes time quadratic in its depth.
    limits: { maxDepth: MAX_HTML_DEPTH },
    selectors: [
      ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: HEADING_OPTIONS })),
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'ul', options: { itemPrefix: '• ' } },
      { selector: 'ol', options: { itemPrefix: '• ' } },
      { selector: 'table', format: 'dataTable' },
    ],
  });
}

/**
 * The text every later step reads: HTML turned into lines, essential/desirable tables unfolded into lists, Unicode compatibility forms folded
 * (NFKC: full-width letters, ligatures), curly apostrophes straightened, and whitespace made
 * regular — a run of spaces or tabs is one space (an indented line keeps one, so nesting shows), trailing blanks go, at most one blank line in
 * a row. After this no pattern ever meets a long run of blanks, which keeps every later scan
 * linear in the length of the text (a pattern with two adjacent space quantifiers over 60,000
 * spaces would otherwise backtrack for minutes).
 */
export function normaliseText(raw: string, isKnown: (word: string) => boolean = () => false): string {
  const text = HTML_TAG.test(raw) ? htmlToText(raw) : raw;
  return unglue(unfoldCriteriaTables(joinHardWraps(text, isKnown)), isKnown)
    .normalize('NFKC')
    // Flags ("Canada 🇨🇦") are pairs of regional-indicator letters: decoration, never a word.
    .replace(/[\u{1F1E6}-\u{1F1FF}]/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ \n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Words broken across lines with a hyphen, as text copied out of a PDF has them: "experi-\n ence". */
// Bounded, and from a word's start only: an unbounded run of letters would be rescanned from each of its letters.
const BROKEN_WORD = /(?<!\p{L})(\p{L}{1,40})-\n[ \t]*(\p{L}{1,40})/gu;
/** Broken words needed before a text is taken for one with hard line wraps. */
const WRAPPED_TEXT = 2;

/**
 * Text copied out of a PDF keeps the layout's line breaks: words hyphenated across lines and items
 * continued on an indented line ("• PLC programming with one of: Allen-\n  Bradley (Studio 5000),
 * Siemens TIA Portal,\n  Mitsubishi GX Works."). Where the text shows several broken words, the
 * words are mended ("experi-/ence" → "experience", "Allen-/Bradley" → "Allen-Bradley", "Auto-/CAD" →
 * "AutoCAD" when that is a known word) and a line that goes on on an indented line, or after a
 * comma or a lower-case word with a lower-case word, is joined to it.
 */
function joinHardWraps(text: string, isKnown: (word: string) => boolean): string {
  let broken = 0;
  for (const match of text.matchAll(BROKEN_WORD)) if (/^\p{Ll}/u.test(match[2] as string) && ++broken >= WRAPPED_TEXT) break;
  if (broken < WRAPPED_TEXT) return text;
  return text
    .replace(BROKEN_WORD, (_, head: string, tail: string) => (/^\p{Ll}/u.test(tail) || isKnown(head + tail) ? `${head}${tail}` : `${head}-${tail}`))
    .replace(/([\p{L}\d,;)])\n[ \t]+(?=[\p{L}(])/gu, '$1 ')
    .replace(/([\p{Ll},])\n(?=\p{Ll})/gu, '$1 ');
}

/** A lower-case letter (or an acronym) glued to a capitalised word: "SwiftUIOwn", "jobYou", "ISAImprove". */
const GLUE = /(?<=[\p{Ll}\d)%])(?=(\p{Lu}\p{Ll}[\p{Ll}'-]*))|(?<=\p{Lu}{2})(?=(\p{Lu}\p{Ll}{2}[\p{Ll}'-]*))|(?<=\p{L}{2}[.!?])(?=(\p{Lu}\p{Ll}[\p{Ll}'-]*))/gu;
/** Glued openers needed before a text is taken for one whose line breaks were lost. */
const GLUED_TEXT = 3;

/**
 * Line breaks lost when a posting was copied ("…a shared component libraryHelp us split…",
 * "LLVM.About the job"): where a capitalised word that opens an item or a section is glued to the
 * previous word, a line break is put back. Only done when the text shows several such joins, and
 * never inside a word that is not followed by an opener ("JavaScript", "GitHub", "LinkedIn" stay).
 */
function unglue(text: string, isKnown: (word: string) => boolean): string {
  const joins: number[] = [];
  for (const match of text.matchAll(GLUE)) {
    const word = (match[1] ?? match[2] ?? match[3] ?? '').toLowerCase();
    if (ITEM_OPENERS.has(word) || ITEM_OPENERS.has(word.replace(/'s$/, ''))) joins.push(match.index);
  }
  if (joins.length < GLUED_TEXT) return text;
  let result = '';
  let cursor = 0;
  for (const at of joins) {
    result += `${text.slice(cursor, at)}\n`;
    cursor = at;
  }
  return splitGluedWords(result + text.slice(cursor), isKnown);
}

/** A word with a capital inside it: "SwiftSwiftUI", "appsA", "iOS". */
const CAMEL_WORD = /[\p{L}\d+#.]*\p{Ll}\p{Lu}[\p{L}\d+#.]*/gu;

/**
 * In a text whose line breaks were lost, a word with a capital inside that is not itself a known
 * word ("iOS", "JavaScript", "GitHub" are) is cut where its known parts end, with the line break it
 * lost: "SwiftSwiftUI" → "Swift" and "SwiftUI", "appsA good" → "apps" and "A good".
 */
function splitGluedWords(text: string, isKnown: (word: string) => boolean): string {
  return text.replace(CAMEL_WORD, (word) => {
    if (word.length > 60 || isKnown(word.replace(/[.]+$/, ''))) return word;
    const cuts = [...word.matchAll(/(?<=\p{Ll})(?=\p{Lu})/gu)].map((match) => match.index);
    const parts: string[] = [];
    let start = 0;
    while (cuts.some((cut) => cut > start)) {
      const remaining = cuts.filter((cut) => cut > start);
      if (isKnown(word.slice(start))) break;
      const known = remaining.filter((cut) => isKnown(word.slice(start, cut))).at(-1);
      const cut = known ?? remaining[0] ?? word.length;
      parts.push(word.slice(start, cut));
      start = cut;
    }
    parts.push(word.slice(start));
    return parts.join('\n');
  });
}
