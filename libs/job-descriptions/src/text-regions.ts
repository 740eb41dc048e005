import type { RecognisedSection, SectionKind } from './job-description.types';

/** A stretch of the text: a section's content, or text under no heading. */
export interface Region {
  kind: SectionKind | 'unsectioned';
  start: number;
  end: number;
}

/** The sections' contents and the gaps between them, in order. */
export function regionsOf(text: string, sections: readonly RecognisedSection[]): Region[] {
  const regions: Region[] = [];
  let cursor = 0;
  for (const section of sections) {
    if (section.start > cursor) regions.push({ kind: 'unsectioned', start: cursor, end: section.start });
    regions.push({ kind: section.kind, start: section.contentStart, end: section.end });
    cursor = section.end;
  }
  if (cursor < text.length) regions.push({ kind: 'unsectioned', start: cursor, end: text.length });
  return regions.filter((region) => region.end > region.start);
}

/**
 * Where clauses break: line ends, bullets, semicolons, sentence ends, and " - " before a
 * capital or digit (bullets run together on one line). A full stop inside "Node.js" or "e.g."
 * is no break.
 */
const CLAUSE_BREAK = /\r?\n|[;•·▪|]|(?<!\b(?:e\.g|i\.e|etc|incl|approx|vs|min|max))[.!?](?=\s|$)|\s[-–—*]\s(?=[A-Z0-9+])/g;

export class Clauses {
  private readonly breaks: Array<readonly [number, number]>;

  constructor(private readonly text: string) {
    this.breaks = [...text.matchAll(CLAUSE_BREAK)].map((match) => [match.index, match.index + match[0].length] as const);
  }

  /** The span of the clause holding `position`, clipped to `within`. */
  spanAt(position: number, within: { start: number; end: number }): [number, number] {
    let start = within.start;
    let end = within.end;
    for (const [breakStart, breakEnd] of this.breaks) {
      if (breakEnd <= position) start = Math.max(start, breakEnd);
      else if (breakStart >= position) {
        end = Math.min(end, breakStart);
        break;
      }
    }
    return [start, end];
  }

  textAt(position: number, within: { start: number; end: number }): string {
    const [start, end] = this.spanAt(position, within);
    return this.text.slice(start, end);
  }
}
