import { isCountry, normalisePlace } from '@talent/places';
import type { RecognisedSection } from './job-description.types';

const GENDER_MARKER = /\s*[(（]\s*(?:[mwfdx*]\s*\/\s*){1,3}[mwfdx*]\s*[)）]/gi;
const MARKUP = /^[\s#>*_]+|[\s*_:]+$/g;
/** Ends a title that runs on into the text. */
const TITLE_END = /\s+(?:\|\|?|[@·•])\s+|\s+at\s+\p{Lu}|[.!?](?:\s|$)|:\s|\s{2,}|(?<=\p{Ll}{4}|\))(?=\p{Lu}\p{Ll}{3})/u;
/** A dash before a place, a workplace or an employer: "Backend Engineer – Berlin", "… - Remote". */
const DASH = /\s+[–—-]\s+/;
/** Nouns that end a job title: in a posting run into one paragraph the title ends at the last of them. */
const ROLE_NOUN =
  /\b(?:engineer|developer|manager|analyst|designer|scientist|architect|lead|consultant|specialist|administrator|supervisor|director|officer|nurse|technician|intern|representative|coordinator|associate|recruiter|programmer|tester|accountant|assistant|head|writer|researcher|operator|agent|editor|strategist|owner|executive|sre|devops|advisor|auditor|controller|clerk|planner|buyer|teacher|physician|therapist|pharmacist|electrician|mechanic|driver|chef|cook|cashier|attendant|generalist|partner|expert|principal|staff)s?\b/gi;
/** A parenthesis that says where or how, not what: "(Remote)", "(Berlin, hybrid)", "(full-time)". */
const CONDITIONS = /\s*[(（][^()]{0,60}\b(?:remote|hybrid|on-?site|onsite|full[- ]?time|part[- ]?time|contract|freelance|permanent|temporary|internship|relocation|visa)\b[^()]{0,60}[)）]/gi;
/** A sentence, not a title. */
const PROSE_START = /^(?:we|we're|we’re|our|join|at|are|do|you|about|as|the company|this|in this|looking|hiring|company)\b/i;

const HIRING_PHRASE =
  /\b(?:looking for|hiring|seeking|searching for|recruiting)\s+(?:an?\s+|our next\s+|a new\s+|two\s+|several\s+)?(?:experienced\s+|talented\s+|motivated\s+|passionate\s+)?(.+?)(?=\s+(?:to|who|with|for|in|at|that|and join|on|based)\b|[.,;!(]|$)/i;

function tidy(candidate: string): string {
  return candidate.replace(/^[\p{Extended_Pictographic}\uFE0F\s]+/u, '').replace(GENDER_MARKER, '').replace(CONDITIONS, '').replace(MARKUP, '').replace(/\s+/g, ' ').trim();
}

function plausible(title: string): boolean {
  // "MN25C41902", "R-20417": a reference, not a name.
  const reference = !/\s/.test(title.trim()) && /\d/.test(title);
  return title.length >= 3 && title.length <= 120 && title.split(' ').length <= 12 && /\p{L}/u.test(title) && !PROSE_START.test(title) && !reference;
}

/**
 * The job's name: a "Job title:"/"Position:" label; else the first line when it reads like a
 * title; else the text before the first heading or separator ("Senior Go Engineer – Acme …");
 * else what a "we are looking for a …" sentence names.
 */
export function extractTitle(text: string, sections: readonly RecognisedSection[]): { title?: string; source?: string } {
  const label = sections.find((section) => section.kind === 'title');
  if (label) {
    // "Subject: Urgent Requirement || Odoo Techno-Functional Consultant || Dubai": the part that names a role.
    const parts = text.slice(label.contentStart, label.end).split(SEPARATOR).map(tidy);
    const title = parts.find((part) => ROLE_NOUN_TEST.test(part) && plausible(part)) ?? tidy(text.slice(label.contentStart, label.end).split(TITLE_END)[0] ?? '');
    if (plausible(title)) return { title, source: 'label' };
  }
  const firstHeading = sections[0]?.start ?? text.length;
  const opening = text.slice(0, firstHeading).trimStart();
  // The first of the opening lines that names a role ("R-20417" or "🚀 We're hiring" above it are not
  // titles); failing that, the first line that reads like a title.
  const lines = opening.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 5);
  const candidates = lines.flatMap((line) => titlesOfLine(line));
  const named = candidates.find((candidate) => ROLE_NOUN_TEST.test(candidate));
  if (named) return { title: named, source: 'first line' };
  const first = candidates[0];
  if (first) return { title: first, source: 'first line' };
  const phrase = HIRING_PHRASE.exec(text);
  if (phrase?.[1]) {
    const named = tidy(phrase[1]);
    const title = named.charAt(0).toUpperCase() + named.slice(1);
    if (plausible(title)) return { title, source: 'sentence' };
  }
  return {};
}

const ROLE_NOUN_TEST = new RegExp(ROLE_NOUN.source, 'i');
/** Between the fields of a subject line or a header: "A || B", "A | B", "A · B". */
const SEPARATOR = /\s+(?:\|\|?|[·•])\s+/;

/** What a line of the opening offers as a title: the line cut at its first separator, and what follows "…: ". */
function titlesOfLine(line: string): string[] {
  const [head = '', ...rest] = line.split(TITLE_END);
  const fromLine = dashTail(tidy(head));
  // A line that runs on as prose ("Backend Engineer (Go) Harbourline builds …") is a posting pasted
  // as one paragraph: its title ends at the first role noun, not at the first full stop.
  const runsOn = rest.length > 0 && line.split(' ').length > 15 && !/[|·•@:]|\s[–—-]\s/.test(line.slice(head.length, head.length + 4));
  const found: string[] = [];
  if (!runsOn && plausible(fromLine)) found.push(fromLine);
  const runOn = runOnTitle(line);
  if (runOn && plausible(runOn)) found.push(runOn);
  if (runsOn && plausible(fromLine)) found.push(fromLine);
  const colon = line.indexOf(': ');
  if (colon !== -1 && colon < 80) {
    const after = dashTail(tidy(line.slice(colon + 2).split(TITLE_END)[0] ?? ''));
    if (plausible(after)) found.push(after);
  }
  return found;
}

/** Workplace and place words after a dash: the title ends before them. */
const NOT_TITLE_TAIL = /\b(?:remote|hybrid|on-?site|onsite|full[- ]?time|part[- ]?time|contract|freelance|permanent|m\/f\/d|f\/m\/x)\b/i;

/** "Machine Learning Engineer – Perception" keeps its tail; "… – Remote" or a long tail goes. */
function dashTail(title: string): string {
  const dash = DASH.exec(title);
  if (!dash) return title;
  const tail = title.slice(dash.index + dash[0].length);
  // "Store Manager – Leeds Trinity", "… – São Paulo/SP": a tail that starts with a place says where, not what.
  const words = (tail.split(/[/,(|]/)[0] ?? '').trim().split(' ');
  const place = [1, 2, 3].some((count) => {
    const start = words.slice(0, count).join(' ');
    return count <= words.length && (normalisePlace({ city: start }).position !== undefined || isCountry(start));
  });
  const keep = tail.split(' ').length <= 4 && !NOT_TITLE_TAIL.test(tail) && !DASH.test(tail) && !tail.includes(',') && !place;
  return keep ? title : title.slice(0, dash.index);
}

/**
 * A title at the head of a posting run into one line ("Backend Engineer (Go/gRPC) Fernhill Freight
 * is …"): up to the first role noun among the first twelve words (with the role nouns right after it), and a parenthesis right after that.
 */
function runOnTitle(line: string): string | undefined {
  const head = line.split(' ').slice(0, 12).join(' ');
  // The first role noun, and any that follow it at once ("Staff Engineer", "Tech Lead Manager").
  let end = -1;
  for (const match of head.matchAll(ROLE_NOUN)) {
    if (end !== -1 && !/^[ /-]*$/.test(head.slice(end, match.index))) break;
    end = match.index + match[0].length;
  }
  if (end === -1) return undefined;
  const parenthesis = /^ ?\([^()]{1,40}\)/.exec(head.slice(end));
  return tidy(head.slice(0, end + (parenthesis?.[0].length ?? 0)));
}
