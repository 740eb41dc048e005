// Finds skill mentions in free text. A character trie over every name and alias (lower-cased) is
// walked from each token start; the longest form that ends on a token boundary and passes the
// ambiguity rules wins. The rules are documented in ../README.md ("Matching rules").
import { mainWordSpan } from './skill-entry';
import type { CanonicalSkill, Recognition, SkillMention } from './taxonomy.types';
import { alphanumericLength, isAlphanumeric, lowerSameLength, plainKey } from './written-form';

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
  /** Only in exactly the capitalisation of the data: a name written apart at a camel-case hump ("Fast API"). */
  readonly caseExact: boolean;
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
const WHITESPACE = /\s/;

/** Whitespace (`\s`), by character code: the matcher asks this for every character it skips. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return WHITESPACE.test(String.fromCharCode(code));
}

/** Whitespace other than a line break ("\n"): spaces within a line. */
function isInlineSpace(code: number): boolean {
  return code !== 10 && isSpace(code);
}
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
    'up down over through into far further deeper get getter quickly swiftly fast sure it them us you me ' +
    // Adjective uses: "Elastic scaling", "Elastic IP".
    'scaling scalability ip'
  ).split(' '),
);
/** Words (and word beginnings) that mark a technical context near an ambiguous form ("experience with Go"). */
const CUE_WORDS = new Set(
  (
    'lang stack code coding sdk api apis runtime module modules package packages written writing build built ' +
    'using use year years yrs tech tool tools tooling platform software app apps cluster clusters server servers ' +
    'database databases data devops cloud test tests testing mobile ios android ui web service services native ' +
    'based script scripts project projects ecosystem shipped touched worked engine engines production environment environments'
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


/**
 * The form written apart at its camel-case humps ("FastAPI" → "Fast API", "GitHub" → "Git Hub",
 * "MongoDB" → "Mongo DB"), or undefined when it has none. A hump is a lower-case letter followed by
 * an upper-case one, with at least three letters or digits before it and two after it, so "MySQL",
 * "NoSQL", "iOS" and "gRPC" are never split.
 */
function writtenApart(form: string): string | undefined {
  let apart = '';
  let changed = false;
  const runs = form.split(/([^\p{L}\p{N}]+)/u);
  for (const run of runs) {
    const parts = run.split(/(?<=\p{Ll})(?=\p{Lu})/u);
    let word = parts[0] ?? '';
    for (let i = 1; i < parts.length; i++) {
      const before = parts[i - 1] as string;
      const after = parts[i] as string;
      const split = before.length >= 3 && after.length >= 2;
      word += (split ? ' ' : '') + after;
      changed ||= split;
    }
    apart += word;
  }
  return changed ? apart : undefined;
}

interface Candidate {
  readonly form: PreparedForm;
  readonly start: number;
  readonly end: number;
}

/** How the text is read: prose (a posting), or one entry of a skills field ("Rust (3 years)"). */
export interface ExtractOptions {
  /**
   * The text is one skills-field entry. Its main word (the entry without bracketed remarks,
   * versions, a vendor prefix and punctuation) counts in any capitalisation and without further
   * context, even when ambiguous: "Go (Golang)", "rust (3 years)". Other words follow the prose rules.
   */
  readonly entry?: boolean;
  /** Every mention of a skill, not only its first (a posting names a skill again where it asks for it). */
  readonly every?: boolean;
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
        caseExact: false,
        alphanumerics,
        takesVersion: !contextual && alphanumerics.length >= 3 && /\p{L}$/u.test(form.form),
      };
      this.add(form.form, prepared);
      const apart = contextual ? undefined : writtenApart(form.form);
      if (apart !== undefined) this.add(apart, { ...prepared, caseExact: true });
    }
  }

  private add(spelling: string, form: PreparedForm): void {
    let node = this.root;
    for (const step of patternOf(spelling)) node = node.child(step);
    node.forms.push(form);
  }

  extract(text: string, options: ExtractOptions = {}): SkillMention[] {
    const lower = lowerSameLength(text);
    const main = options.entry ? mainWordSpan(text) : undefined;
    const candidates: Candidate[] = [];
    let position = 0;
    while (position < text.length) {
      const found = this.startsAt(text, lower, position, main);
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
    const isMain = (candidate: Candidate): boolean => main !== undefined && candidate.start === main[0] && candidate.end === main[1];
    let context: ContextJudge | undefined;
    const seen = new Set<string>();
    const mentions: SkillMention[] = [];
    for (const [index, candidate] of candidates.entries()) {
      const { form, start, end } = candidate;
      // Only the first accepted mention of a skill is reported; later ones need no judging.
      if (seen.has(form.skill.id) && !options.every) continue;
      // With `every`, a skill accepted once keeps its reading for the rest of the text (one judgement each, not one per mention).
      if (form.contextual && !isMain(candidate) && !seen.has(form.skill.id) && !(context ??= new ContextJudge(text, candidates)).hasContext(index)) continue;
      // A letter between two capitalised words is part of a name: "System C CareFlow", "Plan B Group".
      if (form.singleLetter && !isMain(candidate) && /\p{Lu}\p{Ll}+ $/u.test(text.slice(Math.max(0, start - 30), start)) && /^ \p{Lu}/u.test(text.slice(end, end + 2))) continue;
      seen.add(form.skill.id);
      mentions.push({ skill: form.skill, written: text.slice(start, end), via: form.via, start, end });
    }
    return mentions;
  }

  private startsAt(text: string, lower: string, start: number, main: readonly [number, number] | undefined): Candidate | undefined {
    if (!this.root.children.has(lower[start] as string) || isWordChar(text[start - 1])) return undefined;
    const ends: { end: number; form: PreparedForm }[] = [];
    walk(this.root, lower, start, ends);
    ends.sort((a, b) => b.end - a.end || (a.form.via === 'name' ? -1 : 0) - (b.form.via === 'name' ? -1 : 0));
    for (const { end, form } of ends) {
      const anyCase = main !== undefined && start === main[0] && end === main[1] && !form.caseExact;
      const matchedEnd = acceptedEnd(text, start, end, form, anyCase);
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
    if (space && isInlineSpace(char.charCodeAt(0))) walk(space, lower, skipSpaces(lower, position), out);
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
  while (end < text.length && isInlineSpace(text.charCodeAt(end))) end++;
  return end;
}

/**
 * The end of the mention if this form may match text[start, end), else undefined. `anyCase`: the
 * mention is a skills-field entry's main word, so its capitalisation does not matter.
 */
function acceptedEnd(text: string, start: number, end: number, form: PreparedForm, anyCase: boolean): number | undefined {
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
  } else if ((joinedBefore && text[start - 1] === '.') || (joinedAfter && text[matchedEnd] === '.')) {
    return undefined;
  }
  if ((form.strict || form.caseExact) && !anyCase && text.slice(start, end).replace(/[^\p{L}\p{N}]/gu, '') !== form.alphanumerics) {
    return undefined;
  }
  if (!form.contextual) return matchedEnd;
  const next = wordAfter(text, matchedEnd) ?? '';
  if (form.singleLetter && isLabel(text, start, matchedEnd, next)) return undefined;
  if (VERB_FOLLOWERS.has(next)) return undefined;
  return matchedEnd;
}

function isPossessive(text: string, at: number): boolean {
  return (text[at] === "'" || text[at] === '’') && (text[at + 1] === 's' || text[at + 1] === 'S') && !isWordChar(text[at + 2]);
}

/** The longest word in VERB_FOLLOWERS and LABEL_FOLLOWERS. */
const LONGEST_FOLLOWER = Math.max(...[...VERB_FOLLOWERS, ...LABEL_FOLLOWERS].map((word) => word.length));

/** How far around a mention `wordBefore` and `wordAfter` look. */
const NEIGHBOUR_REACH = 40;

/** The word just before `start`, separated from it by spaces on the same line (within reach). */
function wordBefore(text: string, start: number): string | undefined {
  const limit = Math.max(0, start - NEIGHBOUR_REACH);
  let position = start;
  while (position > limit && isInlineSpace(text.charCodeAt(position - 1))) position--;
  if (position === start) return undefined;
  const wordEnd = position;
  while (position > limit && isAlphanumeric(text[position - 1])) position--;
  return wordEnd > position ? text.slice(position, wordEnd) : undefined;
}

/** The word just after `end`, separated from it by spaces on the same line (within reach), lower-cased. */
function wordAfter(text: string, end: number): string | undefined {
  const limit = Math.min(text.length, end + NEIGHBOUR_REACH);
  let position = end;
  while (position < limit && isInlineSpace(text.charCodeAt(position))) position++;
  if (position === end) return undefined;
  const wordStart = position;
  while (position < limit && isAlphanumeric(text[position])) position++;
  if (position === wordStart) return undefined;
  // Words longer than any follower the matcher looks for need no lower-casing ("…" stands for them).
  return position - wordStart > LONGEST_FOLLOWER ? '…' : text.slice(wordStart, position).toLowerCase();
}

/** "Section C", "Plan B", "C-suite" (handled as a compound), "Intel(R)", "John C. Smith". */
function isLabel(text: string, start: number, end: number, next: string): boolean {
  if (text[start - 1] === '(' && text[end] === ')' && isAlphanumeric(text[start - 2])) return true;
  const before = wordBefore(text, start);
  if (before && LABEL_WORDS.has(before.toLowerCase())) return true;
  if (LABEL_FOLLOWERS.has(next)) return true;
  // An initial: a capitalised word, the letter, a full stop, a capitalised word.
  return (
    before !== undefined &&
    /^\p{Lu}\p{Ll}+$/u.test(before) &&
    text[end] === '.' &&
    /^\.\s+\p{Lu}/u.test(text.slice(end, end + 4))
  );
}

const SENTENCE_STOP = new Set(['.', '!', '?']);
/** Characters that may separate the items of a list: whitespace and , ; : / & | + ( ) [ ] - */
const LIST_PUNCTUATION = new Set([...',;:/&|+()[]-'].map((char) => char.charCodeAt(0)));
const isListPunctuation = (code: number): boolean => LIST_PUNCTUATION.has(code) || isSpace(code);

/** The shortest cue word or prefix ("ui", "ios", "api"): shorter words need no lookup. */
const MIN_CUE_LENGTH = Math.min(...[...CUE_WORDS, ...CUE_PREFIXES].map((word) => word.length));
const cueWords = new Map<string, boolean>();
/** A word that marks a technical context ("experience", "framework", "APIs"). */
function isCue(word: string): boolean {
  let cue = cueWords.get(word);
  if (cue === undefined) {
    cue = CUE_WORDS.has(word) || CUE_PREFIXES.some((prefix) => word.startsWith(prefix));
    if (cueWords.size < 10_000) cueWords.set(word, cue);
  }
  return cue;
}

/** The last index of a sorted array whose value is at most `limit`, or -1. */
function lastAtMost(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= limit) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * Judges whether ambiguous mentions stand in a technical context. Line ends, sentence ends and the
 * nearest unambiguous mention of another skill are indexed once per text, so judging one mention
 * costs a binary search and a few words, not a pass over its sentence: a 64 KiB text of "Go Go Go"
 * is read in linear time.
 */
class ContextJudge {
  /** Positions of "\n". */
  private readonly newlines: number[] = [];
  /** Positions of ".", "!" or "?" followed by whitespace or the end of the text. */
  private readonly stops: number[] = [];
  /** For each stop, where the whitespace after it ends. */
  private readonly stopRunEnds: number[] = [];
  /** For each candidate, the nearest unambiguous candidate before / after it (-1 if none). */
  private readonly previousPlain: Int32Array;
  private readonly nextPlain: Int32Array;
  /** For each unambiguous candidate, the nearest unambiguous one before / after it naming another skill. */
  private readonly previousOtherPlain: Int32Array;
  private readonly nextOtherPlain: Int32Array;

  constructor(
    private readonly text: string,
    private readonly candidates: readonly Candidate[],
  ) {
    for (let i = 0; i < text.length; i++) {
      const char = text[i] as string;
      if (char === '\n') this.newlines.push(i);
      else if (SENTENCE_STOP.has(char) && (i + 1 === text.length || isSpace(text.charCodeAt(i + 1)))) {
        let runEnd = i + 1;
        while (runEnd < text.length && isSpace(text.charCodeAt(runEnd))) runEnd++;
        this.stops.push(i);
        this.stopRunEnds.push(runEnd);
      }
    }
    const count = candidates.length;
    this.previousPlain = new Int32Array(count).fill(-1);
    this.nextPlain = new Int32Array(count).fill(-1);
    this.previousOtherPlain = new Int32Array(count).fill(-1);
    this.nextOtherPlain = new Int32Array(count).fill(-1);
    const skillAt = (index: number): string => (candidates[index] as Candidate).form.skill.id;
    let last = -1;
    for (let i = 0; i < count; i++) {
      this.previousPlain[i] = last;
      if ((candidates[i] as Candidate).form.contextual) continue;
      if (last !== -1) this.previousOtherPlain[i] = skillAt(last) !== skillAt(i) ? last : (this.previousOtherPlain[last] as number);
      last = i;
    }
    last = -1;
    for (let i = count - 1; i >= 0; i--) {
      this.nextPlain[i] = last;
      if ((candidates[i] as Candidate).form.contextual) continue;
      if (last !== -1) this.nextOtherPlain[i] = skillAt(last) !== skillAt(i) ? last : (this.nextOtherPlain[last] as number);
      last = i;
    }
  }

  hasContext(index: number): boolean {
    const candidate = this.candidates[index] as Candidate;
    const [from, to] = this.window(candidate.start, candidate.end);
    const within = (other: number): boolean => {
      const found = this.candidates[other];
      return found !== undefined && found.start >= from && found.end <= to;
    };
    // An unambiguous mention of another skill in the same sentence.
    const skill = candidate.form.skill.id;
    const before = this.otherPlain(this.previousPlain[index] as number, skill, this.previousOtherPlain);
    if (before !== -1 && within(before)) return true;
    const after = this.otherPlain(this.nextPlain[index] as number, skill, this.nextOtherPlain);
    if (after !== -1 && within(after)) return true;
    // Another ambiguous mention only vouches for this one when they are listed together ("Go, Rust"),
    // not merely in the same sentence ("on Express Street, next to the Swift building"). Only a
    // neighbour can be listed together: anything between two mentions but "and"/"or" breaks the list.
    for (let step = -1; step <= 1; step += 2) {
      for (let other = index + step; within(other); other += step) {
        const found = this.candidates[other] as Candidate;
        // The same skill again cannot vouch, and a list goes on past it only if its text is "and"/"or".
        const sameSkill = found.form.skill.id === skill;
        if (sameSkill && !this.isConjunctionAt(found)) break;
        if (!this.listedTogether(candidate, found)) break;
        if (!sameSkill) return true;
      }
    }
    return this.cueBefore(from, candidate.start) || this.cueAfter(candidate.end, to);
  }

  private isConjunctionAt(candidate: Candidate): boolean {
    const length = candidate.end - candidate.start;
    return (length === 2 || length === 3) && isConjunction(this.text.slice(candidate.start, candidate.end));
  }

  /** `nearest` if it names another skill than `skill`, else the nearest beyond it that does. */
  private otherPlain(nearest: number, skill: string, other: Int32Array): number {
    if (nearest === -1) return -1;
    return (this.candidates[nearest] as Candidate).form.skill.id !== skill ? nearest : (other[nearest] as number);
  }

  /** The sentence around a mention; short lines (list items) borrow their neighbours. */
  private window(start: number, end: number): [number, number] {
    const { text, newlines, stops } = this;
    const lineBefore = lastAtMost(newlines, start - 1);
    const lineStart = lineBefore === -1 ? 0 : (newlines[lineBefore] as number) + 1;
    const lineAfter = lastAtMost(newlines, end - 1) + 1;
    const lineEnd = lineAfter < newlines.length ? (newlines[lineAfter] as number) : text.length;
    if (lineEnd - lineStart <= LIST_ITEM_LENGTH) {
      const previousLine = lineBefore <= 0 ? 0 : (newlines[lineBefore - 1] as number) + 1;
      const nextLineEnd = lineAfter + 1 < newlines.length ? (newlines[lineAfter + 1] as number) : text.length;
      return [previousLine, nextLineEnd];
    }
    // The sentence starts after the last stop (and its whitespace) between the line start and the mention.
    const stopBefore = lastAtMost(stops, start - 2);
    const sentenceStart =
      stopBefore !== -1 && (stops[stopBefore] as number) >= lineStart ? Math.min(start, this.stopRunEnds[stopBefore] as number) : lineStart;
    // It ends at the first stop after the mention, or with the line.
    const stopAfter = lastAtMost(stops, end - 1) + 1;
    const sentenceEnd = stopAfter < stops.length && (stops[stopAfter] as number) < lineEnd ? (stops[stopAfter] as number) : lineEnd;
    return [sentenceStart, sentenceEnd];
  }

  /** Whether one of the last few words (letters and digits) in [from, to) is a cue word. */
  private cueBefore(from: number, to: number): boolean {
    const { text } = this;
    let position = to;
    for (let words = 0; words < CUE_WINDOW_WORDS && position > from; words++) {
      while (position > from && !isAlphanumeric(text[position - 1])) position--;
      const wordEnd = position;
      while (position > from && isAlphanumeric(text[position - 1])) position--;
      if (wordEnd - position >= MIN_CUE_LENGTH && isCue(text.slice(position, wordEnd).toLowerCase())) return true;
    }
    return false;
  }

  /** Whether one of the first few words (letters and digits) in [from, to) is a cue word. */
  private cueAfter(from: number, to: number): boolean {
    const { text } = this;
    let position = from;
    for (let words = 0; words < CUE_WINDOW_WORDS && position < to; words++) {
      while (position < to && !isAlphanumeric(text[position])) position++;
      const wordStart = position;
      while (position < to && isAlphanumeric(text[position])) position++;
      if (position - wordStart >= MIN_CUE_LENGTH && isCue(text.slice(wordStart, position).toLowerCase())) return true;
    }
    return false;
  }

  /** Only list punctuation and at most one "and"/"or" between the two mentions. */
  private listedTogether(a: Candidate, b: Candidate): boolean {
    let from = Math.min(a.end, b.end);
    let to = Math.max(a.start, b.start);
    while (from < to && isListPunctuation(this.text.charCodeAt(from))) from++;
    while (to > from && isListPunctuation(this.text.charCodeAt(to - 1))) to--;
    return from === to || (to - from <= 3 && isConjunction(this.text.slice(from, to)));
  }
}

function isConjunction(word: string): boolean {
  const lower = word.toLowerCase();
  return lower === 'and' || lower === 'or';
}
