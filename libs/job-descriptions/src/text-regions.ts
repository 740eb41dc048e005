import type { RecognisedSection, SectionKind } from './job-description.types';
import { ITEM_OPENERS } from './openers';

/** A stretch of the text: a section's content, or text under no heading. */
export interface Region {
  kind: SectionKind | 'unsectioned';
  /** The heading as written; absent for text under no heading. */
  heading?: string;
  /** How sure the heading is (1 for text under no heading). */
  confidence: number;
  start: number;
  end: number;
}

/** The sections' contents and the gaps between them, in order. */
export function regionsOf(text: string, sections: readonly RecognisedSection[]): Region[] {
  const regions: Region[] = [];
  let cursor = 0;
  for (const section of sections) {
    if (section.start > cursor) regions.push({ kind: 'unsectioned', confidence: 1, start: cursor, end: section.start });
    regions.push({ kind: section.kind, heading: section.heading, confidence: section.confidence, start: section.contentStart, end: section.end });
    cursor = Math.max(cursor, section.end);
  }
  if (cursor < text.length) regions.push({ kind: 'unsectioned', confidence: 1, start: cursor, end: text.length });
  return regions.filter((region) => region.end > region.start);
}

/**
 * Where clauses break: line ends, bullets, semicolons, sentence ends (also one glued to the
 * next sentence by a lost line break: "customers.Requirements"), " - " or " – " before a capital or
 * digit (bullets run together on one line; an em dash is punctuation) unless a certification's level
 * follows ("AWS Certified Solutions Architect – Professional"). A full stop inside "Node.js", "e.g." or "i.e." is no break;
 * "etc." followed by a capital is one (it ends its list). Each alternative is a fixed string or
 * a single bounded class, so the scan is linear.
 */
const CLAUSE_BREAK =
  /\n|[;•·▪◦‣∙|]|(?<!\b(?:e\.g|i\.e|incl|approx|vs|min|max|no|sr|jr|dr|mr|ms|st|ca|cf|esp))[.!?](?= |$)(?!\s?\p{Ll})|(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})| [-–*] (?=[\p{Lu}\d+])(?!(?:Professional|Associate|Specialty|Expert|Foundation|Practitioner|Fundamentals)\b)/gu;

const RUN_ON_OPENER = /(?<=[\p{L}\d)%,.] )(\p{Lu}[\p{L}'-]*|\d+\+)(?= )/gu;
/** Only a clause this long is taken for a run-together list. */
const RUN_ON_LENGTH = 140;

/** A clause: a bullet, a line, a sentence. */
export interface Clause {
  start: number;
  end: number;
}

export class Clauses {
  /** Clause starts, ascending; each clause runs to the next start (or the text's end). */
  private readonly spans: Clause[];

  constructor(private readonly text: string) {
    const spans: Clause[] = [];
    let cursor = 0;
    // A semicolon inside a parenthesis closed on its line is no break: "(Redux, Zustand, MobX; we use
    // Redux Toolkit today)". The depth is counted as the scan goes, and the next ")" and line end are
    // looked up once per position they cover, so the scan stays linear.
    let depth = 0;
    let counted = 0;
    let nextClose = -1;
    let nextLine = -1;
    for (const match of text.matchAll(CLAUSE_BREAK)) {
      for (; counted < match.index; counted += 1) {
        const char = text.charCodeAt(counted);
        if (char === 40) depth += 1;
        else if (char === 41) depth = Math.max(0, depth - 1);
        else if (char === 10) depth = 0;
      }
      if (match[0] === ';' && depth > 0) {
        if (nextClose < match.index) nextClose = text.indexOf(')', match.index) === -1 ? text.length : text.indexOf(')', match.index);
        if (nextLine < match.index) nextLine = text.indexOf('\n', match.index) === -1 ? text.length : text.indexOf('\n', match.index);
        if (nextClose < nextLine) continue;
      }
      spans.push(...splitRunOn(text, cursor, match.index));
      cursor = match.index + match[0].length;
    }
    spans.push(...splitRunOn(text, cursor, text.length));
    this.spans = spans.filter((span) => span.end > span.start);
  }

  /** The span of the clause holding `position`, clipped to `within`. */
  spanAt(position: number, within: { start: number; end: number }): [number, number] {
    const clause = this.clauseAt(position);
    if (!clause) return [within.start, within.end];
    return [Math.max(within.start, clause.start), Math.min(within.end, clause.end)];
  }

  textAt(position: number, within: { start: number; end: number }): string {
    const [start, end] = this.spanAt(position, within);
    return this.text.slice(start, end);
  }

  /** The clause holding `position` (binary search), or undefined in a break. */
  clauseAt(position: number): Clause | undefined {
    let low = 0;
    let high = this.spans.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const span = this.spans[middle] as Clause;
      if (position < span.start) high = middle - 1;
      else if (position >= span.end) low = middle + 1;
      else return span;
    }
    return undefined;
  }

  /** The last clause that ends at or before `position`. */
  before(position: number): Clause | undefined {
    let low = 0;
    let high = this.spans.length - 1;
    let found: Clause | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const span = this.spans[middle] as Clause;
      if (span.end <= position) {
        found = span;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }
}

/** A long clause of run-together bullets, split where a capitalised opener follows a lower-case word. */
function splitRunOn(text: string, start: number, end: number): Clause[] {
  if (end - start < RUN_ON_LENGTH) return [{ start, end }];
  const spans: Clause[] = [];
  let cursor = start;
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(RUN_ON_OPENER)) {
    const word = (match[1] ?? '').toLowerCase();
    if (!ITEM_OPENERS.has(word) && !/^\d+\+$/.test(word)) continue;
    if (word === 'the' || word === 'a' || word === 'this') continue;
    const at = start + match.index;
    if (at - cursor < 15) continue;
    spans.push({ start: cursor, end: at });
    cursor = at;
  }
  spans.push({ start: cursor, end });
  return spans;
}
