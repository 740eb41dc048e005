import AhoCorasick from 'modern-ahocorasick';
import { lowerSameLength } from '@talent/skills';
import type { SectionKind } from './job-description.types';

/**
 * Section headings real postings use, by what their section holds (shared/research catalogue
 * plus what real postings showed). Lower case, apostrophes straight; a hyphen or a space between
 * words is generated, as are plurals where marked "(s)". `weak` phrases are also ordinary words
 * in prose ("you have", "plus", "the team", "role"): they count only alone on their line or
 * followed by a colon.
 */
const HEADINGS: ReadonlyArray<{ kind: SectionKind; strong?: readonly string[]; weak?: readonly string[] }> = [
  {
    kind: 'required',
    strong: [
      'requirements', 'job requirements', 'key requirements', 'minimum requirements', 'basic requirements', 'essential requirements',
      'technical requirements', 'core requirements', 'requirements and qualifications', 'requirements & qualifications',
      'required skills', 'required qualifications', 'required experience', 'required skills and experience', 'skills required',
      'minimum qualifications', 'basic qualifications', 'qualifications', 'required/minimum qualifications', 'minimum qualification',
      'must-have', 'must-haves', 'must-have skills', 'must-have qualifications', 'must-have requirements', 'must-have experience',
      'skills and experience', 'skills & experience', 'experience and skills', 'skills and qualifications', 'skills & qualifications',
      'qualifications and experience', 'qualifications & experience', 'education and experience', 'experience required',
      'key skills', 'technical skills', 'core skills', 'essential skills', 'core competencies', 'key qualifications', 'essential criteria',
      "what you'll need", 'what you need', 'what you will need', "what you'll bring", 'what you bring', 'what you will bring',
      "what we're looking for", 'what we are looking for', 'what we look for', 'what we need', 'what it takes',
      'who you are', 'about you', 'your profile', 'your skills', 'your experience', 'your background', 'the ideal candidate',
      'ideal candidate', "you'll need", 'you will need', "you'll have", 'you will have', 'you should have', 'we expect',
      'what we expect', 'the skills you need', 'who we are looking for', 'you are', 'candidate profile', 'your qualifications',
      "what they're looking for", 'what they are looking for', 'what we need from you', 'what you need to succeed', 'essential criteria',
      'person specification', 'selection criteria', 'about you and your skills', 'what we ask', 'what we ask for',
      'what we ask of you', 'what you should have', 'what you must have', "what they're after", 'what they are after',
      'what the client is looking for', 'what our client is looking for', "what we're after", 'what we are after',
      'what they need', 'what the client needs', 'what our client needs', 'what you need to have', 'must have skills',
      "skills we're looking for", 'skills we are looking for', 'what do you bring', 'what do we ask', 'what are we looking for',
      'who are you', 'what do you need', 'what do we expect', 'what do you have', 'desired candidate profile', 'non-negotiables',
      'the non-negotiables', "what we're looking for in you", 'skills you need', 'skills you will need',
      'you probably have', 'you likely have', "you'll probably have", 'you probably bring', 'you probably are',
      "you'll be a good fit if", "you'll probably be a good fit if", 'you might be a good fit if', 'you may be a good fit if',
      "you're a good fit if", 'you are a good fit if', "you'll be a great fit if", 'you might be a great fit if',
      "you're a great fit if", "you'd be a great fit if", 'you may be a great fit if', 'is this you', 'does this sound like you', 'sounds like you',
      // European employers writing in English often keep their own section names.
      'top skills', 'top skills details', 'top skills & experience', 'required skills and experience', 'must haves', 'requirements (must)', 'required (must)',
      'dein profil', 'ihr profil', 'deine qualifikationen', 'ihre qualifikationen', 'das bringst du mit', 'das bringen sie mit', 'anforderungen',
      'votre profil', 'ton profil', 'profil recherché', 'compétences requises', 'tu perfil', 'perfil', 'requisitos', 'requisitos mínimos',
      'wat breng je mee', 'wat vragen wij', 'wie ben jij', 'jouw profiel', 'functie-eisen', 'il tuo profilo', 'requisiti', 'twój profil', 'wymagania',
      'requisitos obrigatórios', 'pré-requisitos', 'o que esperamos de você', 'o que buscamos', 'requisitos imprescindibles',
      'was wir erwarten', 'voraussetzungen',
      'what we are looking', 'ce que nous recherchons', 'ce que tu apportes', 'ce que vous apportez', 'prérequis', 'was du mitbringst', 'was sie mitbringen',
      'lo que buscamos', 'qué buscamos', 'requisiti richiesti', 'cosa cerchiamo',
    ],
    weak: [
      'required', 'skills', 'you have', 'you bring', 'experience', 'must have', 'profile', 'we need', 'you', 'essential', 'essentials', 'must', 'musts',
      "we're looking for", 'we are looking for', 'looking for', "we're looking for someone who", 'we are looking for someone who',
      'knowledge', 'knowledges', 'expectations', 'our expectations', 'we expect from you', 'requested skills', 'needed skills', 'skills needed',
    ],
  },
  {
    kind: 'preferred',
    strong: [
      'preferred qualifications', 'preferred skills', 'preferred experience', 'preferred requirements', 'additional qualifications',
      'nice to have', 'nice to haves', 'nice to have skills', 'nice-to-have', 'nice-to-haves', 'bonus points', 'bonus skills',
      'bonus points if you have', "it's a bonus if", 'it is a bonus if', "it's a plus if", 'it is a plus if', "it's a big plus if", 'bonus points if', 'extra points if', 'good to have', 'good to haves', 'good-to-have', 'good-to-haves', 'desirable', 'desirable skills',
      'desired skills', 'desired qualifications', 'desired skills and experience', 'desired experience', 'pluses', 'extra credit',
      'even better if', 'it would be great if', 'what would make you stand out', 'stand out if', 'you might also have',
      'great to have', 'extra points', 'brownie points', 'bonus if you have', 'nice if you also know', 'nice if you know', 'nice if you also have',
      'bonus if you also know', 'bonus if you know', 'great if you also know', 'great if you know', 'even better if you know', 'nice extras', 'preferred but not required',
      'not required but nice', 'it would be nice if', 'even better', 'additional skills', 'optional skills', 'what sets you apart',
      'desirable criteria', 'desirable qualifications', 'nice to haves include', 'would be nice', 'would be great',
      'what would be great', 'what would be nice', 'it would be great', 'great if you have', 'nice if you have', 'bonus if you have',
      "things we'd love you to have", "we'd love you to have", "what we'd love to see", "we'd love to see", 'would love to see',
      'assets', 'considered assets', 'asset qualifications', 'asset qualification', 'asset criteria', 'asset experience', 'assets qualifications', "ideally you'll also have", 'ideally you will also have', "ideally you'll have", 'ideally you have',
      'ideally you also have', 'advantageous', 'highly regarded', 'highly desirable', 'it would be advantageous',
      'requirements (want)', 'required (want)', 'welcome skills', 'nice-to-have skills', 'preferred (want)',
      'wünschenswert', 'von vorteil', 'nice to have (optional)', 'un plus', 'atout', 'atouts', 'deseable', 'se valorará', 'pluspunten', 'mile widziane',
      'diferenciais', 'diferencial', 'desejável', 'desejáveis', 'requisitos desejáveis', 'conhecimentos desejáveis', 'será um diferencial',
      'wünschenswert wäre', 'idealerweise', 'pluspunkte', 'das wäre toll', 'requisitos deseables', 'valoraremos',
      'will be valued', 'would be valued', 'it is a merit if', "it's a merit if", 'meriting', 'ce qui serait un plus', 'serait un plus', 'les plus',
      'idéalement', 'se valorará positivamente', 'valorable', 'será un plus', 'costituisce un plus', 'è un plus', 'graditi', 'gradito', 'een pré',
    ],
    weak: [
      'preferred', 'bonus', 'plus', 'optional', 'ideally', 'nice', 'is a plus', 'are a plus', 'a plus', 'will be a plus', 'would be a plus',
      'is an advantage', 'will be an advantage', 'would be an advantage', 'advantages', 'additional advantages', 'welcome', 'also welcome',
    ],
  },
  {
    kind: 'responsibilities',
    strong: [
      'responsibilities', 'key responsibilities', 'your responsibilities', 'job responsibilities', 'main responsibilities',
      'role responsibilities', 'duties', 'key duties', 'duties and responsibilities', 'key duties and responsibilities',
      'responsibilities and duties', "what you'll do", 'what you will do', "what you'll be doing", 'what you will be doing',
      'in this role you will', 'in this role', 'day to day', 'day-to-day', 'a day in the life', 'your tasks', 'your mission',
      'about the role', 'the opportunity', 'about the job', 'about the position', 'job description', 'role description',
      'position summary', 'role overview', 'job summary', 'position overview', 'what the job involves', 'your impact',
      "what you'll work on", "what you'll achieve", "how you'll contribute", "what you'll own", 'job responsibility',
      'tech stack', 'our stack', 'our tech stack', 'the stack', 'technologies we use', 'our technology', 'tools we use',
      'the tech', 'our tools', 'what you will work on', 'the challenge', 'your day', 'the position', 'the work',
      'tech we use', 'technologies we work with', 'what we use', 'what we work with', 'our toolbox', 'tools and technologies we use',
      'what will you do', 'what will you be doing', 'roles and responsibilities', 'roles & responsibilities',
      "what you'd be doing", 'what you would be doing', "what you'd do",
      'deine aufgaben', 'ihre aufgaben', 'aufgaben', 'vos missions', 'tes missions', 'missions', 'tus funciones', 'funciones', 'responsabilidades',
      'wat ga je doen', 'jouw taken', 'je taken', 'le tue responsabilità', 'twoje zadania', 'zakres obowiązków',
      'your functions', 'main functions', 'ton rôle', 'tes responsabilités', 'vos responsabilités', 'le poste', 'deine rolle',
    ],
    weak: ['tasks', 'the role', 'overview', 'summary', 'the job', 'your role', 'you will', "you'll", 'mission', 'role', 'stack', 'tech'],
  },
  {
    kind: 'about',
    strong: [
      'about us', 'about the company', 'about the team', 'who we are', 'our company', 'company description', 'company overview',
      'why us', 'our mission', 'our story', 'life at', 'the company', 'about our team', 'our team', 'meet the team',
      'who are we', 'the client', 'our client', 'about the client', 'about our client',
      'über uns', 'wer wir sind', 'qui sommes-nous', 'qui sommes nous', 'sobre nosotros', 'quiénes somos', 'over ons', 'wie zijn wij', 'chi siamo', 'o nas',
    ],
    weak: ['company', 'the team', 'team'],
  },
  {
    kind: 'benefits',
    strong: [
      'benefits', 'what we offer', 'we offer', 'perks and benefits', 'perks & benefits', 'benefits and perks', 'perks',
      'compensation', 'compensation and benefits', 'salary range', 'why join us', "why you'll love working here",
      "what's in it for you", "what you'll get", 'what you get', 'what we provide', 'total rewards', 'our offer',
      'how to apply', 'application process', 'apply now', 'to apply', 'equal opportunity', 'equal employment opportunity',
      'diversity and inclusion', 'diversity & inclusion', 'eeo statement', 'in return', 'rewards', 'practicalities',
      'the practicalities', 'the details', 'the package', 'what do we offer', "what's on offer", 'what is on offer',
      'what can you expect', 'what we can offer you', 'perks and benefits', 'interested', 'package', 'the package on offer',
      'was wir bieten', 'wir bieten', 'das bieten wir', 'bewerbung', 'ce que nous offrons', 'nous offrons', 'avantages', 'ofrecemos', 'qué ofrecemos',
      'wat bieden wij', 'wat wij bieden', 'wij bieden', 'cosa offriamo', 'oferujemy', 'benefity',
    ],
    weak: ['salary', 'pay'],
  },
  { kind: 'title', weak: ['job title', 'title', 'position', 'role title', 'position title', 'job', 'subject', 're'] },
  {
    kind: 'location',
    strong: ["where you'll work", 'where you will work', 'where we work', 'work location', 'job location'],
    weak: [
      'location', 'locations', 'workplace', 'work model', 'office', 'office location', 'primary location', 'main location', 'job locations',
      'campus / location', 'campus', 'site', 'work site', 'base location', 'based at',
      'remote policy', 'work arrangement', 'work arrangements', 'working arrangements', 'flexible working', 'in-office expectations', 'where', 'work setup', 'workplace type', 'location type',
    ],
  },
  {
    kind: 'details',
    weak: [
      'employment type', 'job type', 'contract type', 'type of employment', 'start date', 'experience level', 'seniority',
      'department', 'reports to', 'schedule', 'hours', 'working hours', 'contract', 'level', 'employment',
      'job ref', 'job reference', 'reference', 'reference number', 'ref', 'job id', 'requisition id', 'job requisition id', 'req id',
      'vacancy reference', 'job number', 'posting id',
    ],
  },
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
  /** How sure the heading is a heading (0..1), from the features it shows. */
  confidence: number;
  /**
   * A label inside a list item ("- Nice to have: Kafka"): it speaks of its own line only, so the
   * section ends with the line.
   */
  lineOnly?: boolean;
}

interface Phrase {
  kind: SectionKind;
  weak: boolean;
}

/** Every written variant of a phrase: hyphen or space between words, with and without a final "s". */
function variants(phrase: string): string[] {
  const forms = new Set([phrase, phrase.replace(/-/g, ' ')]);
  if (phrase.includes(' ') && !phrase.includes('-')) forms.add(phrase.replace(/ /g, '-'));
  return [...forms];
}

const entries: Array<{ pattern: string; data: Phrase }> = [];
const seen = new Set<string>();
for (const { kind, strong = [], weak = [] } of HEADINGS) {
  for (const [list, isWeak] of [
    [strong, false],
    [weak, true],
  ] as const) {
    for (const phrase of list) {
      for (const form of variants(phrase)) {
        if (seen.has(form)) continue;
        seen.add(form);
        entries.push({ pattern: form, data: { kind, weak: isWeak } });
      }
    }
  }
}
const matcher = new AhoCorasick(entries);

/** More headings than any posting has: the rest of such a text belongs to the last one. */
const MAX_HEADINGS = 200;

/** Weak phrases that also head a list run into a paragraph after a sentence end: ". Plus AWS …". */
const INLINE_WEAK = new Set(['plus', 'bonus', 'preferred', 'required', 'skills', 'optional', 'nice', 'pluses']);
/** Labels that are written without a colon in run-together text: ". Location Amsterdam, Netherlands." */
const INLINE_LABELS = new Set(['location', 'job location', 'work location']);
/** One-word headings that are rarely anything else, even inside a paragraph. */
const DISTINCT_WORDS = new Set(['requirements', 'qualifications', 'responsibilities', 'benefits', 'perks', 'duties']);

const isLetter = (char: string | undefined): boolean => char !== undefined && /\p{L}/u.test(char);
const isLower = (char: string | undefined): boolean => char !== undefined && /\p{Ll}/u.test(char);
const isUpper = (char: string | undefined): boolean => char !== undefined && /\p{Lu}/u.test(char);
const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/** Markup, bullets and emoji that may open a heading line: "## ", "**", "- ", "• ", "> ", "✅ ". */
const LINE_OPENER = /^[#*_>•·▪◦‣∙\-–—=|\s\d.)\p{Extended_Pictographic}\u{FE0F}\u{200D}]*$/u;

/** ALL CAPS, capitalised ("Must-Have Skills", "Nice to have") or lower case, as written. */
function capitalisation(written: string): 'caps' | 'title' | 'lower' {
  const letters = written.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && letters === letters.toUpperCase()) return 'caps';
  return isUpper(written[0]) ? 'title' : 'lower';
}

/** Line starts of a text, for finding a position's line in logarithmic time (a long line is scanned once). */
class Lines {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  /** The bounds of the line holding a position: [start, end) without its line break. */
  around(position: number): [number, number] {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= position) low = middle;
      else high = middle - 1;
    }
    const next = this.starts[low + 1];
    return [this.starts[low] as number, next === undefined ? this.text.length : next - 1];
  }
}

/** After a heading: markup, an optional parenthetical qualifier, a colon or dash. */
const HEADING_TAIL = /^(?: ?\([^()\n]{1,40}\))?\??(?:\*\*|__|\*)? ?(?::|\s[-–—](?=\s)|[-–—](?=\s))?(?:\*\*|__)? ?/;

/**
 * Every recognised heading, in order, without overlaps: a phrase from the lexicon found with
 * Aho-Corasick (one pass, linear in the text) and kept when its features say heading — alone
 * on its line, followed by a colon, in Title Case or capitals before a capitalised word in a
 * run-together paragraph ("… APIs Must-Have Skills 5+ years …"), glued to the previous word by
 * a lost line break ("building APIsRequirements"). A phrase inside a sentence ("meets the
 * requirements of …") is not a heading.
 */
export function findHeadings(text: string): HeadingMatch[] {
  const lower = lowerSameLength(text);
  const lines = new Lines(text);
  const headings: HeadingMatch[] = [];
  let lastEnd = 0;
  for (const hit of matcher.iterate(lower, { strategy: 'leftmost-longest' })) {
    if (headings.length >= MAX_HEADINGS) break;
    if (hit.start < lastEnd) continue;
    const found = judge(text, lines, hit.start, hit.end, hit.data as Phrase);
    if (!found) continue;
    const previous = headings.at(-1);
    // "Requirements & Qualifications", "Skills / Experience": one heading, not two.
    if (previous && previous.kind === found.kind && found.start - previous.start <= 80 && found.start - previous.contentStart <= 8 && /^[\s&/,:+-]*(?:and\s*)?$/i.test(text.slice(previous.contentStart, found.start))) {
      previous.heading = text.slice(previous.start, found.start + found.heading.length).replace(/\s+/g, ' ');
      previous.contentStart = found.contentStart;
      lastEnd = found.contentStart;
      continue;
    }
    headings.push(found);
    lastEnd = found.contentStart;
  }
  return withComposedHeadings(text, withAboutCompany(text, lines, headings));
}

/**
 * Heading words that compose ("Key Skills & Experience", "Technical Skills and Qualifications",
 * "Desired Skills / Competencies", "Main Duties & Tasks"): a short line made only of these, with
 * at least one noun of a section, is a heading even when the lexicon lacks that combination.
 */
const SECTION_NOUNS = new Map<string, 'required' | 'responsibilities'>([
  ...'requirements requirement qualifications qualification skills skill experience competencies competences competency criteria knowledge expertise abilities capabilities certifications background attributes'
    .split(' ')
    .map((word): [string, 'required'] => [word, 'required']),
  ...'responsibilities responsibility duties tasks accountabilities'.split(' ').map((word): [string, 'responsibilities'] => [word, 'responsibilities']),
]);
const PREFERENCE_WORDS = new Set('preferred desired desirable nice-to-have good-to-have bonus additional optional advantageous beneficial helpful extra plus asset assets'.split(' '));
const COMPOSING_WORDS = new Set(
  'key core essential required minimum basic technical mandatory must-have must have main professional relevant necessary needed specific general and of the your our role job position candidate hard soft primary important'.split(' '),
);
/** At most this long, and this many words, to be read as a composed heading. */
const COMPOSED_LINE_LENGTH = 70;
const COMPOSED_WORDS = 7;

/** "For the senior role we're also looking for", "We are looking for": a line that introduces the list below. */
const LOOKING_FOR_LINE = /^(?:for (?:the |our |a )?[\p{L} -]{1,30}? (?:role|position|level|opening),? )?(?:we(?:'re| are| would|'d) )?(also |additionally )?(?:looking for|like to see|love to see)$/iu;

function composedKind(line: string): SectionKind | undefined {
  const lookingFor = LOOKING_FOR_LINE.exec(line);
  if (lookingFor) return lookingFor[1] !== undefined || /^for /i.test(line) ? 'preferred' : 'required';
  const words = line
    .toLowerCase()
    .replace(/[&/+,]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length < 2 || words.length > COMPOSED_WORDS) return undefined;
  let noun: 'required' | 'responsibilities' | undefined;
  let preference = false;
  for (const word of words) {
    const kind = SECTION_NOUNS.get(word);
    if (kind !== undefined) noun = noun === 'responsibilities' ? noun : kind;
    else if (PREFERENCE_WORDS.has(word)) preference = true;
    else if (!COMPOSING_WORDS.has(word)) return undefined;
  }
  if (noun === undefined) return undefined;
  return preference ? 'preferred' : noun;
}

function withComposedHeadings(text: string, headings: HeadingMatch[]): HeadingMatch[] {
  const extra: HeadingMatch[] = [];
  let cursor = 0;
  let next = 0;
  for (let lineStart = 0; lineStart <= text.length && headings.length + extra.length < MAX_HEADINGS; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (lineEnd - lineStart <= COMPOSED_LINE_LENGTH) {
      // A line already holding a heading of the lexicon is left to it.
      while (next < headings.length && (headings[next] as HeadingMatch).start < lineStart) next += 1;
      const taken = next < headings.length && (headings[next] as HeadingMatch).start < lineEnd;
      const line = text.slice(lineStart, lineEnd);
      const opener = /^[#*_>•·▪◦‣∙\-–—=\s\d.)]*/.exec(line)?.[0].length ?? 0;
      const body = line.slice(opener).replace(/[*_#]+|:\s*$/g, '').trim();
      const kind = taken || lineStart < cursor ? undefined : composedKind(body);
      if (kind !== undefined && /^\p{Lu}/u.test(body)) {
        const colon = line.indexOf(':', opener);
        const contentStart = colon !== -1 && line.slice(colon + 1).trim() === '' ? lineEnd : colon !== -1 ? lineStart + colon + 1 : lineEnd;
        extra.push({ kind, heading: body, start: lineStart + opener, contentStart, confidence: 0.85 });
        cursor = lineEnd;
      }
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  if (extra.length === 0) return headings;
  return [...headings, ...extra].sort((a, b) => a.start - b.start);
}

/** "About Ledgerline", "About Acme Corp": a heading naming the company, found beside the lexicon's. */
const ABOUT_COMPANY = /(?<![\p{L}\d'-])About \p{Lu}[\p{L}\d&.'-]*(?:(?: \p{Lu}[\p{L}\d&.'-]*){1,2}(?=:|\n|$))?/gu;

function withAboutCompany(text: string, lines: Lines, headings: HeadingMatch[]): HeadingMatch[] {
  const extra: HeadingMatch[] = [];
  for (const match of text.matchAll(ABOUT_COMPANY)) {
    if (extra.length >= MAX_HEADINGS) break;
    const start = match.index;

    const found = judge(text, lines, start, start + match[0].length, { kind: 'about', weak: false });
    if (found) extra.push(found);
  }
  if (extra.length === 0) return headings;
  const merged = [...headings, ...extra].sort((a, b) => a.start - b.start || b.contentStart - a.contentStart);
  return merged.filter((heading, index) => index === 0 || heading.start >= (merged[index - 1] as HeadingMatch).contentStart);
}

function judge(text: string, lines: Lines, start: number, end: number, phrase: Phrase): HeadingMatch | undefined {
  const before = text[start - 1];
  const after = text[end];
  const written = text.slice(start, end);
  const caps = capitalisation(written);
  // Whole words: a letter right after only as glue ("RequirementsThree"), one right before too ("APIsRequirements").
  const gluedAfter = isUpper(after) && isLower(written.at(-1)) && caps !== 'lower';
  if ((isLetter(after) && !gluedAfter) || after === "'" || (after === '-' && isLetter(text[end + 1]))) return undefined;
  const glued = (isLower(before) || isDigit(before) || before === '.' || before === ')') && caps !== 'lower';
  if ((isLetter(before) || isDigit(before)) && !glued) return undefined;
  if (before === '-' || before === "'" || before === '/') return undefined;

  const [lineStart, lineEnd] = lines.around(start);
  // A weak phrase ("plus", "skills") in running text, with no colon and no break before it, is prose: say so cheaply.
  if (phrase.weak && start - lineStart > 12 && !/^[\s*_]{0,3}(?:\([^()\n]{1,40}\))?[\s*_]{0,3}:/.test(text.slice(end, end + 50))) {
    const previous = text.slice(Math.max(lineStart, start - 3), start).trimEnd().at(-1);
    if (!(previous !== undefined && /[.!?:;|•·▪*#>)\]–—-]/.test(previous)) && !gluedAfter && !glued) return undefined;
  }
  const opener = start - lineStart <= 12 ? text.slice(lineStart, start) : 'x';
  const atLineStart = opener.length <= 12 && LINE_OPENER.test(opener);
  const tail = HEADING_TAIL.exec(text.slice(end, end + 60))?.[0] ?? '';
  const contentStart = end + tail.length;
  const colon = tail.includes(':');
  const dash = /[-–—]/.test(tail);
  // What follows on the line, at most 80 characters of it: every check below is local.
  const rest = text.slice(contentStart, Math.min(lineEnd, contentStart + 80));
  // "## Bonus points ✨": an emoji after a heading is decoration.
  const aloneOnLine = rest.trim() === '' || /^(?:\*\*|__|\*)?[\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]*$/u.test(rest.trim());
  const next = rest.trimStart()[0];
  const nextStartsItem = next === undefined || isUpper(next) || isDigit(next) || /["•·▪*(\-–[]/.test(next);

  // "What they need – these are the non-negotiables from the hiring manager": a heading, a dash, a remark.
  if (atLineStart && dash && !phrase.weak && rest.trim() !== '' && contentStart + rest.length === lineEnd && rest.length <= 80 && !/[.!?]\s*$/.test(rest.trim())) {
    return { kind: phrase.kind, heading: tidy(text.slice(start, end)), start, contentStart: lineEnd, confidence: 0.85 };
  }
  // "You'll probably be a good fit if you have 4+ years …", "It's a bonus if you've worked with …":
  // a lead-in ending in "if" that opens its line heads what the paragraph goes on to say.
  if (atLineStart && !phrase.weak && / if$/i.test(written) && !colon && isLower(next)) {
    return { kind: phrase.kind, heading: tidy(written), start, contentStart: end, confidence: 0.85 };
  }
  // A heading line that goes on a little before its colon: "What you'll bring to the team:", or
  // joins a second phrase: "Key skills & experience".
  if (atLineStart && !colon && !aloneOnLine && (isLower(next) || next === '&' || next === '/' || next === '+')) {
    const longer = /^[^.:!?\n]{1,40}:/.exec(rest);
    // A weak phrase that goes on ("• Experience with at least one warehouse: A, B or C") heads nothing
    // when its line goes on after the colon: it is an item with its own list.
    const itemWithList = phrase.weak && longer !== null && text.slice(contentStart + longer[0].length, lineEnd).trim() !== '';
    if (longer && !itemWithList && longer[0].split(' ').length <= 7) {
      return { kind: phrase.kind, heading: tidy(text.slice(start, contentStart + longer[0].length - 1)), start, contentStart: contentStart + longer[0].length, confidence: 0.9 };
    }
    // "What we need from you" alone on its line: a heading that goes on a few words; a weak phrase
    // ("Nice for either role") only when a list follows.
    const listFollows = !/[•·▪*◦‣∙\-–—→]|\d[.)]/.test(opener) && /^\n[ \t]*(?:[•·▪*◦‣∙\-–—→]|\d{1,2}[.)])\s/.test(text.slice(lineEnd, lineEnd + 12));
    if ((!phrase.weak || listFollows) && contentStart + rest.length === lineEnd && rest.length <= 30 && rest.trim().split(' ').length <= 4 && !/[.,;!?]/.test(rest)) {
      return { kind: phrase.kind, heading: tidy(text.slice(start, lineEnd)), start, contentStart: lineEnd, confidence: 0.85 };
    }
    return undefined;
  }

  const previousChar = text.slice(Math.max(lineStart, start - 3), start).trimEnd().at(-1);
  const afterBreak = glued || (previousChar !== undefined && /[.!?:;|•·▪*#>)\]–—-]/.test(previousChar));
  let confidence: number;
  if (atLineStart && (aloneOnLine || colon)) confidence = 0.95;
  else if (atLineStart && (gluedAfter || (isDigit(after) && caps !== 'lower'))) confidence = 0.8; // glued: "You have4+ years" 
  else if (colon && (atLineStart || afterBreak)) confidence = 0.9;
  else if (
    (INLINE_WEAK.has(written.toLowerCase()) || INLINE_LABELS.has(written.toLowerCase())) &&
    afterBreak &&
    caps !== 'lower' &&
    nextStartsItem &&
    !aloneOnLine &&
    !/^[,;]/.test(rest)
  )
    confidence = 0.65; // ". Plus AWS certification", ". Location Amsterdam, Netherlands."
  else if (phrase.weak) return undefined; // "Plus", "Skills", "Location": alone or with a colon
  else if (caps === 'lower') return undefined; // prose: "meets the requirements of the role"
  else if (colon) confidence = 0.8;
  else if (!nextStartsItem) return undefined;
  else if (atLineStart) confidence = dash ? 0.85 : 0.8;
  else if (caps === 'caps') confidence = 0.85;
  else if (glued) confidence = 0.8;
  else if (written.includes(' ') || written.includes('-')) confidence = afterBreak ? 0.85 : 0.75;
  else if (afterBreak || DISTINCT_WORDS.has(written.toLowerCase())) confidence = 0.7;
  else confidence = 0.5; // one capitalised word inside a paragraph ("our Onboarding Team")
  if (confidence < 0.6) return undefined;
  const heading = tidy(text.slice(start, end + (tail.match(/^ ?\([^()\n]{1,40}\)/)?.[0].length ?? 0)));
  // A list item ("- Nice to have: Kafka") or a field ("Experience: 8+ Years" and a blank line) ends with its line.
  const field = phrase.weak && atLineStart && rest.trim().length <= 30 && /^\n[ \t]*\n/.test(text.slice(lineEnd, lineEnd + 40));
  const lineOnly = colon && !aloneOnLine && (/[-•·▪*◦‣∙]/.test(opener) || field);
  return { kind: phrase.kind, heading, start, contentStart, confidence, ...(lineOnly && { lineOnly }) };
}

function tidy(heading: string): string {
  return heading.replace(/[*_#:]+/g, '').replace(/\s+/g, ' ').trim();
}
