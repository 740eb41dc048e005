// Finds skill mentions in free text. A character trie over every name and alias (lower-cased) is
// walked from each token start; the longest form that ends on a token boundary and passes the
// ambiguity rules wins. The rules are documented in ../README.md ("Matching rules").
import type { CanonicalSkill, Recognition, SkillMention } from './taxonomy.types';
import { alphanumericLength, isAlphanumeric, plainKey } from './written-form';

/** One name or alias as the matcher sees it. */
export interface MatchForm {
  readonly form: string;
  readonly skill: CanonicalSkill;
  readonly via: Recognition;
  /** Needs exact capitalisation and a technical context (declared `needsContext`, or one letter). */
  readonly contextual: boolean;
}

interface PreparedForm extends MatchForm {
  /** Case-sensitive and not allowed inside hyphenated or "&" compounds ("C-level", "R&D"). */
  readonly strict: boolean;
  readonly singleLetter: boolean;
  /** Letters and digits of the form as written, for the case-sensitive comparison. */
  readonly alphanumerics: string;
  /** "Python3", "HTML5": a version number may follow forms that end with a letter. */
  readonly takesVersion: boolean;
}

/** A run of separators between letters/digits: matches "", one of ". - _", or spaces. */
const SEPARATOR = '\u0000sep';
/** Literal whitespace in a form (not between letters/digits): matches one or more spaces. */
const SPACE = '\u0000space';

class TrieNode {
  readonly children = new Map<string, TrieNode>();
  readonly forms: PreparedForm[] = [];

  child(step: string): TrieNode {
    let next = this.children.get(step);
    if (!next) {
      next = new TrieNode();
      this.children.set(step, next);
    }
    return next;
  }
}

/** Characters that continue a token: a skill never starts or ends next to one ("JavaScript", "C++x"). */
function isWordChar(char: string | undefined): boolean {
  return char !== undefined && (isAlphanumeric(char) || char === '_' || char === '+' || char === '#');
}

/** Characters that glue two words into one compound ("C-level", "R&D", "file.go", "Go's"). */
const JOINERS = new Set(['-', '&', '.', "'", '’', '@']);
const INLINE_SPACE = /[^\S\n]/;
const FORM_SEPARATOR = /[\s._-]/;

/** Words before a single letter that make it a label, not a language: "Section C", "Plan B". */
const LABEL_WORDS = new Set(
  (
    'section part appendix annex plan vitamin grade level class type tier series option category phase group ' +
    'step item building room block unit exhibit schedule form figure table chapter note point round model ' +
    'version size team row column line gate terminal hall floor wing zone area lot box suite stage exhibit ' +
    'question task module lesson page test sample batch cohort'
  ).split(' '),
);
/** Words after a single letter that make it a label: "C level", "C suite", "Series C round". */
const LABEL_FOLLOWERS = new Set('level levels suite grade grades class rating series round type drive corp'.split(' '));
/** Words after an ambiguous form that show it is the ordinary word: "Go ahead", "Express your ideas". */
const VERB_FOLLOWERS = new Set(
  (
    'to ahead live beyond above the a an your yourself our their his her its my this that these those back out ' +
    'up down over through into far further deeper get getter quickly swiftly fast'
  ).split(' '),
);
/** Words (and word beginnings) that mark a technical context near an ambiguous form ("experience with Go"). */
const CUE_WORDS = new Set(
  (
    'lang stack code coding sdk api apis runtime module modules package packages written writing build built ' +
    'using use year years yrs tech tool tools tooling platform software app apps cluster clusters server servers ' +
    'database databases data devops cloud test tests testing mobile ios android ui web service services native ' +
    'based script scripts project projects ecosystem'
  ).split(' '),
);
const CUE_PREFIXES = [
  'experien', 'proficien', 'knowledge', 'skill', 'expert', 'familiar', 'fluen', 'develop', 'engineer', 'programm',
  'language', 'framework', 'librar', 'microservice', 'compiler', 'toolchain', 'infrastructure', 'deploy',
  'scripting', 'pipeline', 'application', 'codebase', 'backend', 'frontend',
];
const CUE_WINDOW_WORDS = 4;
/** Lines up to this long are list items or headings, so their neighbours count as context too. */
const LIST_ITEM_LENGTH = 80;

function patternOf(form: string): string[] {
  const plain = plainKey(form);
  const steps: string[] = [];
  for (let i = 0; i < plain.length; i++) {
    const char = plain[i] as string;
    if (!FORM_SEPARATOR.test(char)) {
      steps.push(char);
      continue;
    }
    let runEnd = i;
    while (runEnd < plain.length && FORM_SEPARATOR.test(plain[runEnd] as string)) runEnd++;
    if (isAlphanumeric(plain[i - 1]) && isAlphanumeric(plain[runEnd])) {
      steps.push(SEPARATOR);
      i = runEnd - 1;
    } else {
      steps.push(/\s/.test(char) ? SPACE : char);
    }
  }
  return steps;
}

/** Lower-cases character by character so that indexes into the result are indexes into the text. */
function lowerSameLength(text: string): string {
  const simple = text.toLowerCase();
  if (simple.length === text.length) return simple;
  let lower = '';
  for (const char of text) {
    const lowered = char.toLowerCase();
    lower += lowered.length === char.length ? lowered : char;
  }
  return lower;
}

interface Candidate {
  readonly form: PreparedForm;
  readonly start: number;
  readonly end: number;
}

export class SkillMatcher {
  private readonly root = new TrieNode();

  constructor(forms: readonly MatchForm[]) {
    for (const form of forms) {
      const alphanumerics = form.form.replace(/[^\p{L}\p{N}]/gu, '');
      const singleLetter = alphanumericLength(form.form) === 1;
      const contextual = form.contextual || singleLetter;
      const prepared: PreparedForm = {
        ...form,
        contextual,
        singleLetter,
        strict: contextual || alphanumerics.length <= 2,
        alphanumerics,
        takesVersion: !contextual && alphanumerics.length >= 3 && /\p{L}$/u.test(form.form),
      };
      let node = this.root;
      for (const step of patternOf(form.form)) node = node.child(step);
      node.forms.push(prepared);
    }
  }

  extract(text: string): SkillMention[] {
    const lower = lowerSameLength(text);
    const candidates: Candidate[] = [];
    let position = 0;
    while (position < text.length) {
      const found = this.startsAt(text, lower, position);
      if (found) {
        candidates.push(found);
        position = found.end;
      } else if (isWordChar(text[position])) {
        // Nothing starts inside a word: jump to its end.
        do position++;
        while (isWordChar(text[position]));
      } else {
        position++;
      }
    }
    const accepted = candidates.filter((candidate) => !candidate.form.contextual || hasContext(text, candidate, candidates));
    const seen = new Set<string>();
    const mentions: SkillMention[] = [];
    for (const { form, start, end } of accepted) {
      if (seen.has(form.skill.id)) continue;
      seen.add(form.skill.id);
      mentions.push({ skill: form.skill, written: text.slice(start, end), via: form.via, start, end });
    }
    return mentions;
  }

  private startsAt(text: string, lower: string, start: number): Candidate | undefined {
    if (!this.root.children.has(lower[start] as string) || isWordChar(text[start - 1])) return undefined;
    const ends: { end: number; form: PreparedForm }[] = [];
    walk(this.root, lower, start, ends);
    ends.sort((a, b) => b.end - a.end || (a.form.via === 'name' ? -1 : 0) - (b.form.via === 'name' ? -1 : 0));
    for (const { end, form } of ends) {
      const matchedEnd = acceptedEnd(text, start, end, form);
      if (matchedEnd !== undefined) return { form, start, end: matchedEnd };
    }
    return undefined;
  }
}

function walk(node: TrieNode, lower: string, position: number, out: { end: number; form: PreparedForm }[]): void {
  for (const form of node.forms) out.push({ end: position, form });
  const char = lower[position];
  if (char !== undefined) {
    const next = node.children.get(char);
    if (next) walk(next, lower, position + 1, out);
    const space = node.children.get(SPACE);
    if (space && INLINE_SPACE.test(char)) walk(space, lower, skipSpaces(lower, position), out);
  }
  const separator = node.children.get(SEPARATOR);
  if (separator) {
    walk(separator, lower, position, out);
    // Spaces, then at most one "." "-" "_"; spaces may follow "-" and "_" but not "." (". " ends a sentence).
    const afterSpaces = skipSpaces(lower, position);
    if (afterSpaces > position) walk(separator, lower, afterSpaces, out);
    const mark = lower[afterSpaces];
    if (mark === '.') walk(separator, lower, afterSpaces + 1, out);
    if (mark === '-' || mark === '_') walk(separator, lower, skipSpaces(lower, afterSpaces + 1), out);
  }
}

function skipSpaces(text: string, position: number): number {
  let end = position;
  while (end < text.length && INLINE_SPACE.test(text[end] as string)) end++;
  return end;
}

/** The end of the mention if this form may match text[start, end), else undefined. */
function acceptedEnd(text: string, start: number, end: number, form: PreparedForm): number | undefined {
  let matchedEnd = end;
  if (form.takesVersion && /\d/.test(text[end] ?? '')) {
    const version = /^\d+(?:\.\d+)*/.exec(text.slice(end, end + 12));
    matchedEnd = end + (version?.[0].length ?? 0);
  }
  if (isWordChar(text[matchedEnd])) return undefined;
  const joinedBefore = JOINERS.has(text[start - 1] ?? '') && isAlphanumeric(text[start - 2]);
  const joinedAfter =
    JOINERS.has(text[matchedEnd] ?? '') && isAlphanumeric(text[matchedEnd + 1]) && !isPossessive(text, matchedEnd);
  if (form.strict) {
    if (joinedBefore || joinedAfter) return undefined;
    if (text.slice(start, end).replace(/[^\p{L}\p{N}]/gu, '') !== form.alphanumerics) return undefined;
  } else if ((joinedBefore && text[start - 1] === '.') || (joinedAfter && text[matchedEnd] === '.')) {
    return undefined;
  }
  if (form.singleLetter && isLabel(text, start, matchedEnd)) return undefined;
  if (form.contextual && VERB_FOLLOWERS.has(wordAfter(text, matchedEnd) ?? '')) return undefined;
  return matchedEnd;
}

function isPossessive(text: string, at: number): boolean {
  return (text[at] === "'" || text[at] === '’') && (text[at + 1] === 's' || text[at + 1] === 'S') && !isWordChar(text[at + 2]);
}

function wordBefore(text: string, start: number): string | undefined {
  return /([\p{L}\p{N}]+)[^\S\n]+$/u.exec(text.slice(Math.max(0, start - 40), start))?.[1];
}

function wordAfter(text: string, end: number): string | undefined {
  return /^[^\S\n]+([\p{L}\p{N}]+)/u.exec(text.slice(end, end + 40))?.[1]?.toLowerCase();
}

/** "Section C", "Plan B", "C-suite" (handled as a compound), "Intel(R)", "John C. Smith". */
function isLabel(text: string, start: number, end: number): boolean {
  if (text[start - 1] === '(' && text[end] === ')' && isAlphanumeric(text[start - 2])) return true;
  const before = wordBefore(text, start);
  if (before && LABEL_WORDS.has(before.toLowerCase())) return true;
  if (LABEL_FOLLOWERS.has(wordAfter(text, end) ?? '')) return true;
  // An initial: a capitalised word, the letter, a full stop, a capitalised word.
  return (
    before !== undefined &&
    /^\p{Lu}\p{Ll}+$/u.test(before) &&
    text[end] === '.' &&
    /^\.\s+\p{Lu}/u.test(text.slice(end, end + 4))
  );
}

/** The sentence around a position; short lines (list items) borrow their neighbours. */
function contextWindow(text: string, start: number, end: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndIndex = text.indexOf('\n', end);
  const lineEnd = lineEndIndex === -1 ? text.length : lineEndIndex;
  if (lineEnd - lineStart <= LIST_ITEM_LENGTH) {
    const previousLine = lineStart === 0 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
    const nextLineEnd = lineEnd === text.length ? lineEnd : text.indexOf('\n', lineEnd + 1);
    return [previousLine, nextLineEnd === -1 ? text.length : nextLineEnd];
  }
  let sentenceStart = lineStart;
  const before = text.slice(lineStart, start);
  const stop = /[.!?]\s+/g;
  for (let match = stop.exec(before); match; match = stop.exec(before)) sentenceStart = lineStart + match.index + match[0].length;
  const after = /[.!?](?=\s|$)/.exec(text.slice(end, lineEnd));
  return [sentenceStart, after ? end + after.index : lineEnd];
}

function hasContext(text: string, candidate: Candidate, candidates: readonly Candidate[]): boolean {
  const [from, to] = contextWindow(text, candidate.start, candidate.end);
  // Another ambiguous mention only vouches for this one when they are listed together ("Go, Rust"),
  // not merely in the same sentence ("on Express Street, next to the Swift building").
  const otherSkill = candidates.some(
    (other) =>
      other.form.skill.id !== candidate.form.skill.id &&
      other.start >= from &&
      other.end <= to &&
      (!other.form.contextual || listedTogether(text, candidate, other)),
  );
  if (otherSkill) return true;
  const wordsBefore = text.slice(from, candidate.start).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const wordsAfter = text.slice(candidate.end, to).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const near = [...wordsBefore.slice(-CUE_WINDOW_WORDS), ...wordsAfter.slice(0, CUE_WINDOW_WORDS)];
  return near.some((word) => CUE_WORDS.has(word) || CUE_PREFIXES.some((prefix) => word.startsWith(prefix)));
}

const LIST_GAP = /^[\s,;:/&|+()[\]-]*(?:\b(?:and|or)\b)?[\s,;:/&|+()[\]-]*$/i;

function listedTogether(text: string, a: Candidate, b: Candidate): boolean {
  const gap = a.end <= b.start ? text.slice(a.end, b.start) : text.slice(b.end, a.start);
  return LIST_GAP.test(gap);
}
