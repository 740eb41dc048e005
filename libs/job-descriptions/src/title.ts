import type { RecognisedSection } from './job-description.types';

const GENDER_MARKER = /\s*[(（]\s*(?:[mwfdx*]\s*\/\s*){1,3}[mwfdx*]\s*[)）]/gi;
const MARKUP = /^[\s#>*_]+|[\s*_:]+$/g;
/** Ends a title that runs on into the text. */
const TITLE_END = /\s+[–—|@-]\s+|\s+at\s+\p{Lu}|[.!?](?:\s|$)|:\s|\s{2,}|\s*\((?!\s*[mwfdx*]\s*\/)/u;
/** A sentence, not a title. */
const PROSE_START = /^(?:we|we're|we’re|our|join|at|are|do|you|about|as|the company|this|in this|looking|hiring|company)\b/i;

const HIRING_PHRASE =
  /\b(?:looking for|hiring|seeking|searching for|recruiting)\s+(?:an?\s+|our next\s+|a new\s+|two\s+|several\s+)?(?:experienced\s+|talented\s+|motivated\s+|passionate\s+)?(.+?)(?=\s+(?:to|who|with|for|in|at|that|and join|on|based)\b|[.,;!(]|$)/i;

function tidy(candidate: string): string {
  return candidate.replace(GENDER_MARKER, '').replace(MARKUP, '').replace(/\s+/g, ' ').trim();
}

function plausible(title: string): boolean {
  return title.length >= 3 && title.length <= 120 && title.split(' ').length <= 12 && /\p{L}/u.test(title) && !PROSE_START.test(title);
}

/**
 * The job's name: a "Job title:"/"Position:" label; else the first line when it reads like a
 * title; else the text before the first heading or separator ("Senior Go Engineer – Acme …");
 * else what a "we are looking for a …" sentence names.
 */
export function extractTitle(text: string, sections: readonly RecognisedSection[]): { title?: string; source?: string } {
  const label = sections.find((section) => section.kind === 'title');
  if (label) {
    const title = tidy(text.slice(label.contentStart, label.end).split(TITLE_END)[0] ?? '');
    if (plausible(title)) return { title, source: 'label' };
  }
  const firstHeading = sections[0]?.start ?? text.length;
  const opening = text.slice(0, firstHeading).trimStart();
  const firstLine = opening.split(/\r?\n/)[0] ?? '';
  const fromLine = tidy(firstLine.split(TITLE_END)[0] ?? '');
  if (plausible(fromLine)) return { title: fromLine, source: 'first line' };
  const phrase = HIRING_PHRASE.exec(text);
  if (phrase?.[1]) {
    const named = tidy(phrase[1]);
    const title = named.charAt(0).toUpperCase() + named.slice(1);
    if (plausible(title)) return { title, source: 'sentence' };
  }
  return {};
}
