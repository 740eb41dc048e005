import type { SectionKind } from './job-description.types';

/**
 * Section headings real postings use, by what their section holds. Each phrase is a regular
 * expression source without flags; `[- ]` covers "Nice-to-have" and "Nice to have".
 */
const HEADINGS: ReadonlyArray<readonly [SectionKind, readonly string[]]> = [
  [
    'required',
    [
      'requirements',
      'job requirements',
      'key requirements',
      'minimum requirements',
      'required skills',
      'required qualifications',
      'required experience',
      'required',
      'minimum qualifications',
      'basic qualifications',
      'qualifications',
      'must[- ]haves?',
      'skills (?:and|&) experience',
      'skills (?:and|&) qualifications',
      'key skills',
      'technical skills',
      'skills',
      'what you(?:\'|’)?ll need',
      'what you need',
      'what you bring',
      'what we(?:\'|’)?re looking for',
      'what we are looking for',
      'what we look for',
      'who you are',
      'about you',
      'your profile',
      'your skills',
      'you have',
    ],
  ],
  [
    'preferred',
    [
      'preferred qualifications',
      'preferred skills',
      'preferred experience',
      'preferred',
      'nice[- ]to[- ]haves?',
      'bonus points',
      'bonus skills',
      'good[- ]to[- ]haves?',
      'desirable',
      'desired skills',
      'pluses',
      'extra credit',
    ],
  ],
  [
    'responsibilities',
    [
      'responsibilities',
      'key responsibilities',
      'your responsibilities',
      'what you(?:\'|’)?ll do',
      'what you will do',
      'your tasks',
      'tasks',
      'duties',
      'about the role',
      'the role',
      'your role',
      'job description',
      'the job',
      'your mission',
      'overview',
      'tech stack',
      'our stack',
      'our tech stack',
    ],
  ],
  ['about', ['about us', 'about the company', 'about the team', 'who we are', 'the company', 'company', 'our team', 'the team']],
  [
    'benefits',
    [
      'benefits',
      'what we offer',
      'we offer',
      'perks (?:and|&) benefits',
      'perks',
      'compensation',
      'salary',
      'why join us',
      'how to apply',
      'to apply',
    ],
  ],
  ['title', ['job title', 'title', 'position', 'role']],
  ['location', ['job location', 'work location', 'location', 'workplace', 'work model', 'office']],
  ['details', ['employment type', 'job type', 'contract type', 'type of employment', 'start date', 'experience level', 'seniority']],
];

/** Kinds that are labels ("Location: Berlin"): their section ends with the line. */
export const LABEL_KINDS: ReadonlySet<SectionKind> = new Set(['title', 'location', 'details']);

export interface HeadingMatch {
  kind: SectionKind;
  /** The heading as written, without markup or colon. */
  heading: string;
  start: number;
  /** Where the section's content starts (after the colon, the markup, the line break). */
  contentStart: number;
}

const phrases = HEADINGS.flatMap(([kind, list]) => list.map((source) => ({ kind, source })));
// Longest first, so "Preferred Qualifications" wins over "Qualifications".
const alternation = [...phrases]
  .sort((a, b) => b.source.length - a.source.length)
  .map((phrase) => phrase.source)
  .join('|');

const MARKUP = String.raw`(?:\*\*|__)?`;

/** A heading alone on its line: "## Requirements", "**Nice to have:**", "REQUIREMENTS". */
const OWN_LINE = new RegExp(String.raw`^[ \t]*(?:#{1,6}[ \t]*)?${MARKUP}[ \t]*(${alternation})[ \t]*${MARKUP}[ \t]*:?[ \t]*${MARKUP}[ \t]*$`, 'gim');

/** A heading ending in a colon anywhere: "… Requirements: 5+ years …". */
const WITH_COLON = new RegExp(String.raw`(?<![\w'’-])${MARKUP}(${alternation})[ \t]*${MARKUP}[ \t]*:(?!\/\/)[ \t]*${MARKUP}`, 'gi');

/**
 * An ALL-CAPS heading inside running text, without a colon ("… great team. REQUIREMENTS - 5+
 * years …"). Labels need their colon: "ROLE" or "OFFICE" alone is too often part of a sentence.
 */
const capsPhrases = phrases.filter((phrase) => !LABEL_KINDS.has(phrase.kind)).map((phrase) => phrase.source.toUpperCase());
const ALL_CAPS = new RegExp(String.raw`(?<![A-Za-z'’-])(${capsPhrases.sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z'’-])[ \t]*:?`, 'g');

const kindOf = (heading: string): SectionKind => {
  const found = phrases.find((phrase) => new RegExp(`^(?:${phrase.source})$`, 'i').test(heading));
  if (!found) throw new Error(`unknown heading ${heading}`);
  return found.kind;
};

/** Every recognised heading, in order of appearance, without overlaps. */
export function findHeadings(text: string): HeadingMatch[] {
  const candidates: HeadingMatch[] = [];
  const add = (match: RegExpMatchArray, contentStart: number): void => {
    const heading = match[1] ?? '';
    const start = (match.index ?? 0) + Math.max(0, match[0].indexOf(heading));
    candidates.push({ kind: kindOf(heading), heading: heading.replace(/\s+/g, ' '), start, contentStart });
  };
  for (const match of text.matchAll(OWN_LINE)) {
    add(match, (match.index ?? 0) + match[0].length);
  }
  for (const match of text.matchAll(WITH_COLON)) {
    // "Requirements:" starts a section; "… is not required: …" does not.
    const before = text.slice(0, match.index).trimEnd();
    if (before === '' || /[\n.!?;:|•·▪*#>)\]–—-]$/.test(before) || /^(?:\*\*|__)?\p{Lu}/u.test(match[0])) {
      add(match, (match.index ?? 0) + match[0].length);
    }
  }
  for (const match of text.matchAll(ALL_CAPS)) {
    const heading = match[1] ?? '';
    // Shorter capitals ("SQL SKILLS") are as likely to be emphasis as headings; need a real word.
    if (heading.replace(/[^A-Z]/g, '').length < 5) continue;
    add(match, (match.index ?? 0) + match[0].length);
  }
  candidates.sort((a, b) => a.start - b.start || b.contentStart - a.contentStart);
  const headings: HeadingMatch[] = [];
  for (const candidate of candidates) {
    const last = headings.at(-1);
    if (last && candidate.start < last.contentStart) continue;
    headings.push(candidate);
  }
  return headings;
}
