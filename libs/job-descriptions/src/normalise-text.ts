import { convert } from 'html-to-text';
import { ITEM_OPENERS } from './openers';

/** Tags that show a posting was pasted as HTML (a bare "<" or "a < b" is not enough). */
const HTML_TAG = /<\/?(?:p|br|li|ul|ol|h[1-6]|div|strong|b|em|i|span|section|article|table|tr|td)\b[^<>]{0,200}>/i;

const HEADING_OPTIONS = { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 1 };

/** Pasted HTML as text: headings and list items on lines of their own, entities decoded, no links. */
function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
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
 * The text every later step reads: HTML turned into lines, Unicode compatibility forms folded
 * (NFKC: full-width letters, ligatures), curly apostrophes straightened, and whitespace made
 * regular — a run of spaces or tabs is one space (an indented line keeps one, so nesting shows), trailing blanks go, at most one blank line in
 * a row. After this no pattern ever meets a long run of blanks, which keeps every later scan
 * linear in the length of the text (a pattern with two adjacent space quantifiers over 60,000
 * spaces would otherwise backtrack for minutes).
 */
export function normaliseText(raw: string, isKnown: (word: string) => boolean = () => false): string {
  const text = HTML_TAG.test(raw) ? htmlToText(raw) : raw;
  return unglue(text, isKnown)
    .normalize('NFKC')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ \n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
