import type { SkillRequirement } from '@talent/contracts';
import type { CanonicalSkill, SkillMention, Taxonomy } from '@talent/skills';
import type { ExtractedRequirement, Modality } from './job-description.types';
import { type Clause, Clauses, type Region } from './text-regions';

// How skill mentions become requirements. Every mention is read in its clause (a bullet, line or
// sentence) and its section: the section gives the prior (a requirements section asks, a
// responsibilities section describes), cue words scoped to the clause or the list they govern
// change it (as negation cues are scoped in clinical text: "relational databases (MySQL
// preferred)" makes MySQL preferred, not the databases), and the coordination around mentions
// makes groups ("Python or Go", "at least one of", examples after a category). Only confident
// required concrete technologies gate; see ../README.md for the rules.

interface Mention extends SkillMention {
  region: Region;
  clause: Clause;
}

/** Mentions coordinated in one list ("Kafka, RabbitMQ or SQS"), with what joins them. */
interface Run {
  members: Mention[];
  /** Alternatives: an "or", "and/or" or "/" joins some of them. */
  alternatives: boolean;
  /** The gaps between consecutive members. */
  gaps: string[];
  paren?: readonly [number, number];
}

/** One requirement being read, before it becomes an ExtractedRequirement. */
interface Unit {
  members: Mention[];
  anyOf: boolean;
  openEnded: boolean;
  modality: Modality;
  confidence: number;
  cue?: string;
  clause: Clause;
  region: Region;
}

export interface SkillExtraction {
  requirements: ExtractedRequirement[];
  requiredSkills: SkillRequirement[];
  preferredSkills: string[];
  contextSkills: string[];
  /** Required skills came from text under no requirements heading. */
  fromWholeText: boolean;
  /** No confident requirement was found, so uncertain or preferred ones gate, with near misses. */
  fallback: 'none' | 'uncertain' | 'preferred';
}

/** A requirement gates only at this confidence or above. */
export const GATING_CONFIDENCE = 0.6;
const MAX_ANY_OF = 20;
const MAX_REQUIRED = 100;
const PHRASE_LENGTH = 200;
const MAX_REPORTED = 300;

/** Zones whose skills describe the job or the company rather than ask anything of the candidate. */
const CONTEXT_KINDS = new Set<Region['kind']>(['responsibilities', 'about', 'benefits', 'title', 'location', 'details']);

/** Between two members of one list: commas, "and", "or", "and/or", "/", "&", "as well as". */
const LIST_GAP = /^(?:,? ?(?:and\/or|or|and|as well as|&|plus|\/|, ?or|, ?and)? ?|\/|, ?| ?\/ ?)$/i;
const OR_GAP = /\bor\b|\//i;

/** A cue after a list that makes it welcome rather than needed: "Kafka is a plus", "(preferred)". */
const PREFERENCE_AFTER =
  /^[ ,]*(?:[(\-–] ?)?(?:(?:experience|knowledge|skills?|familiarity|exposure|background|expertise|proficiency|certification|too|also)[ ,]+){0,2}(?:(?:is|are|would be|will be|as|being)[ ]+)?(?:(?:a|an|considered|definitely|also|highly|strongly)[ ]+){0,2}(?:big |huge |strong |real |nice |great |major |definite |added |extra )?(plus|bonus|advantage|advantageous|preferred|preferable|desirable|desired|nice[ -]to[ -]have|good[ -]to[ -]have|welcome|welcomed|appreciated|beneficial|optional|not required|not mandatory|not a requirement|nice extra|helpful|useful|not essential)\b/i;
/** The same a few words on, with no punctuation between: "Confluence and Microsoft Project experience preferred". */
const LOOSE_PREFERENCE_AFTER =
  /^(?: (?:and |or )?[\p{L}\d.+#/-]+){1,4} (?:(?:is|are|would be|will be) )?(?:(?:a|an|considered|highly|strongly) ){0,2}(?:big |huge |strong |real |nice |great |major )?(plus|bonus|advantage|preferred|desirable|beneficial|nice[ -]to[ -]have|welcome|appreciated)\b/iu;
/** A cue before a list in its clause: "Ideally, Terraform", "Bonus if you know Go", "Nice to have: Helm". */
const PREFERENCE_BEFORE =
  /\b(nice[ -]to[ -]have|good[ -]to[ -]have|bonus(?: points)?|preferably|preferred|ideally|optionally|optional|desirable|a plus|(?:it )?would be (?:nice|great|a plus|helpful)|is a plus|not required|not mandatory|extra points|even better|great if|nice if|also welcome|plus:)/gi;
/** A weak ask: familiarity is not mastery, and rarely decides a hire on its own. */
const WEAK_BEFORE = /\b(familiarity with|familiar with|exposure to|interest in|awareness of|basic understanding of|basic knowledge of|some experience (?:with|in)|willingness to learn|curiosity about|eager to learn|appreciation (?:of|for))/gi;
/** A strong ask. */
const REQUIRED_CUE = /\b(?:must|required|mandatory|essential|need to have|needs to have|strict requirement|is a must|are a must)\b/i;
/** Ends the reach of a cue before it: "Ideally Go, but Python is a must". */
const CUE_STOP = /\b(?:but|however|whereas|while|although)\b|[:.;]/gi;
/** Introduces alternatives: "at least one of Flask, Django or FastAPI". */
const ANY_OF_BEFORE = /\b(at least one of|one or more of|one or several of|any one of|one of|any of|either)\b/gi;
/** Ends a clause with a list of alternatives to follow: "One of the following:". */
const LIST_CUE = /\b(at least one of|one or more of|one of|any of)\b[^.;:]{0,60}:\s*$/i;
/** Introduces examples of a category: "a relational database, e.g. PostgreSQL or MySQL". */
const EXAMPLES_BEFORE = /(?:\b(?:e\.g|eg|i\.a|such as|like|including|incl|for example|for instance|for ex|among others|especially|particularly)\b\.?|\bincluding but not limited to\b)[:,]? ?\(?$/i;
/** After a skill: another one will do as well ("Excel — Google Sheets is fine too"). */
const ALTERNATIVE_AFTER = /^[ ,]*(?:[(\-–—] ?)?(?:is|are) (?:also )?(?:fine|ok|okay|acceptable|accepted|welcome|good) (?:too|as well)|^[ ,]*(?:also|equally) (?:fine|acceptable|accepted)/i;
/** After a list: it is open to similar skills. */
const OPEN_AFTER = /^[ ,]*(?:etc\b\.?|or (?:an? )?(?:similar|equivalent|comparable)\b|or similar|or equivalent|or comparable|or other\b|or another\b|or related|and the like|and similar|or any other|or alike|\.\.\.)/i;

const round = (value: number): number => Math.round(Math.max(0, Math.min(1, value)) * 100) / 100;

export function extractSkills(text: string, regions: readonly Region[], taxonomy: Taxonomy): SkillExtraction {
  const clauses = new Clauses(text);
  const mentions: Mention[] = [];
  for (const region of regions) {
    for (const mention of taxonomy.extract(text.slice(region.start, region.end))) {
      const start = mention.start + region.start;
      const clause = clauses.clauseAt(start) ?? { start: region.start, end: region.end };
      const clipped = { start: Math.max(clause.start, region.start), end: Math.min(clause.end, region.end) };
      mentions.push({ ...mention, start, end: mention.end + region.start, region, clause: clipped });
    }
  }
  const hasRequiredSection = regions.some((region) => region.kind === 'required');
  const reader = new ClauseReader(text, taxonomy, hasRequiredSection);

  // Mentions by clause, in order.
  const byClause: Mention[][] = [];
  for (const mention of mentions) {
    const last = byClause.at(-1);
    const head = last?.[0];
    if (head && head.clause.start === mention.clause.start && head.region === mention.region) last.push(mention);
    else byClause.push([mention]);
  }

  const units: Unit[] = [];
  for (let index = 0; index < byClause.length; index += 1) {
    const group = byClause[index] as Mention[];
    const listed = reader.listAfterColon(group, byClause, index, clauses);
    if (listed) {
      units.push(...listed.units);
      index += listed.consumed - 1;
      continue;
    }
    units.push(...reader.read(group));
  }
  return assemble(text, units, taxonomy, hasRequiredSection);
}

class ClauseReader {
  constructor(
    private readonly text: string,
    private readonly taxonomy: Taxonomy,
    private readonly hasRequiredSection: boolean,
  ) {}

  /** The prior of a zone: what its mentions ask, and how sure that is. */
  prior(region: Region): { modality: Modality; confidence: number } {
    if (region.kind === 'required') return { modality: 'required', confidence: 0.6 + 0.35 * region.confidence };
    if (region.kind === 'preferred') return { modality: 'preferred', confidence: 0.6 + 0.35 * region.confidence };
    if (CONTEXT_KINDS.has(region.kind)) return { modality: 'context', confidence: 0.8 };
    // Text under no heading: the introduction when a requirements section exists, else all there is.
    return this.hasRequiredSection ? { modality: 'context', confidence: 0.6 } : { modality: 'required', confidence: 0.5 };
  }

  /**
   * "One of the following:" ending the clause before (or the start of this one), and the short
   * bullets under it: one any-of group.
   */
  listAfterColon(group: Mention[], byClause: Mention[][], index: number, clauses: Clauses): { units: Unit[]; consumed: number } | undefined {
    const first = group[0] as Mention;
    // The cue ends the clause before: the alternatives follow as bullets (inline ones are read as a run).
    const previous = clauses.before(first.clause.start);
    const lead = previous && previous.start >= first.region.start ? LIST_CUE.exec(this.text.slice(previous.start, previous.end)) : null;
    if (!lead) return undefined;
    const members: Mention[] = [];
    let consumed = 0;
    let lastEnd = first.clause.start;
    const indented = this.indented(first.clause.start);
    for (let next = index; next < byClause.length; next += 1) {
      const items = byClause[next] as Mention[];
      const head = items[0] as Mention;
      if (head.region !== first.region || head.clause.end - head.clause.start > 80 || head.clause.start - lastEnd > 4) break;
      // A bullet back at the outer indentation ends the list.
      if (next > index && this.indented(head.clause.start) !== indented) break;
      members.push(...items);
      lastEnd = head.clause.end;
      consumed += 1;
    }
    if (new Set(members.map((member) => member.skill.id)).size < 2) return undefined;
    const { modality, confidence } = this.prior(first.region);
    const cue = (lead[1] ?? '').toLowerCase();
    // "Experience with any of the following is a plus:": each listed skill is welcome, none is asked.
    const leadText = previous ? this.text.slice(previous.start, previous.end) : '';
    const welcome = /\b(?:a plus|bonus|preferred|nice to have|ideally|desirable|an advantage|welcome)\b/i.exec(leadText);
    if (welcome && modality !== 'context') {
      const units = members.map((member): Unit => ({ members: [member], anyOf: false, openEnded: false, modality: 'preferred', confidence, cue: `${cue} … ${welcome[0].trim().toLowerCase()}`, clause: member.clause, region: first.region }));
      return { units, consumed };
    }
    return {
      units: [{ members, anyOf: true, openEnded: false, modality, confidence, cue, clause: first.clause, region: first.region }],
      consumed,
    };
  }

  /** Whether the line holding a position is indented (normalisation keeps one space for any indentation). */
  private indented(position: number): boolean {
    return this.text[this.text.lastIndexOf('\n', position - 1) + 1] === ' ';
  }

  /** The requirements one clause states. */
  read(mentions: Mention[]): Unit[] {
    if (mentions.length === 0) return [];
    const first = mentions[0] as Mention;
    const { clause, region } = first;
    const clauseText = this.text.slice(clause.start, clause.end);
    const parens = parenthesesOf(clauseText, clause.start);
    const runs = this.runsOf(mentions, parens);
    const preferenceCues = cuesOf(clauseText, PREFERENCE_BEFORE, clause.start);
    const weakCues = cuesOf(clauseText, WEAK_BEFORE, clause.start);
    const anyOfCues = cuesOf(clauseText, ANY_OF_BEFORE, clause.start);
    const stops = cuesOf(clauseText, CUE_STOP, clause.start);
    const strong = REQUIRED_CUE.test(clauseText);
    const prior = this.prior(region);

    const units: Unit[] = [];
    let previousEnd = clause.start;
    for (const run of runs) {
      const start = (run.members[0] as Mention).start;
      const end = (run.members.at(-1) as Mention).end;
      const limit = run.paren ? run.paren[1] : Math.min(clause.end, end + 80);
      const after = this.text.slice(end, limit + (run.paren ? 1 : 0));
      const beforeText = this.text.slice(Math.max(previousEnd, start - 60), start);

      let modality = prior.modality;
      let confidence = prior.confidence;
      let cue: string | undefined;
      const lastStop = lastBefore(stops, start, (stop) => stop.start);
      const reaches = (cueEnd: number): boolean => lastStop === undefined || lastStop.start < cueEnd;
      // Preference: inside the run's own parentheses, right after the run, or before it in the clause.
      const parenText = run.paren ? this.text.slice(run.paren[0], run.paren[1]) : '';
      // A cue after the run, past a parenthesis that follows it ("Azure (App Service, Functions) would be
      // beneficial") or, for a run inside one, right after it ("(CSM) … credential is a plus").
      const pastParen = run.paren ? this.text.slice(run.paren[1] + 1, Math.min(clause.end, run.paren[1] + 81)) : after.replace(/^ ?\([^()]{0,120}\)/, '');
      const trailing = PREFERENCE_AFTER.exec(after)?.[1] ?? PREFERENCE_AFTER.exec(pastParen)?.[1] ?? LOOSE_PREFERENCE_AFTER.exec(pastParen)?.[1];
      const insideParen = run.paren ? /\b(?:preferred|preferable|a plus|is a plus|bonus|ideally|nice to have|desirable|optional)\b/i.exec(parenText)?.[0] : undefined;
      // "(Java-only experience is not enough for this role)": named to be ruled out, not asked.
      if (run.paren && /\b(?:not enough|not sufficient|is insufficient|does not count|doesn't count)\b/i.test(parenText)) {
        previousEnd = end;
        for (const member of run.members) units.push({ members: [member], anyOf: false, openEnded: false, modality: 'context', confidence: prior.confidence, cue: 'not enough', clause, region });
        continue;
      }
      const nearestPreference = lastBefore(preferenceCues, start, (found) => found.end);
      const leading = nearestPreference && reaches(nearestPreference.end) ? nearestPreference : undefined;
      const preference = trailing ?? insideParen ?? leading?.text;
      // "Experience with Node.js, and Kafka is nice to have": a singular cue after an "and" list speaks of its last member.
      if (trailing && !insideParen && run.members.length > 1 && !run.alternatives && /^[ ,]*is\b/i.test(after)) {
        const last = run.members.pop() as Mention;
        run.gaps.pop();
        for (const member of run.members) units.push({ members: [member], anyOf: false, openEnded: false, modality: prior.modality, confidence: prior.confidence + (strong && prior.modality === 'required' ? 0.15 : 0), clause, region });
        run.members = [last];
      }
      if (preference && modality !== 'context' && !(region.kind === 'about' || region.kind === 'benefits')) {
        modality = 'preferred';
        cue = preference.toLowerCase();
      } else if (preference && modality === 'context' && (region.kind === 'responsibilities' || region.kind === 'unsectioned')) {
        modality = 'preferred';
        cue = preference.toLowerCase();
      }
      // "Python (PySpark)": what a parenthesis after a skill names qualifies it; it is not asked on its own.
      const qualifier = run.paren !== undefined && this.mentionEndsAt(mentions, run.paren[0]);
      if (qualifier && modality === 'required' && EXAMPLES_BEFORE.exec(beforeText) === null) {
        modality = 'preferred';
        cue ??= 'named in parentheses after a skill';
      }
      const nearestWeak = lastBefore(weakCues, start, (found) => found.end);
      const weak = nearestWeak && reaches(nearestWeak.end) ? nearestWeak : undefined;
      if (weak && modality === 'required') {
        confidence -= 0.35;
        cue ??= weak.text.toLowerCase();
      }
      if (strong && modality === 'required') confidence += 0.15;

      // Grouping.
      const nearestAnyOf = lastBefore(anyOfCues, start, (found) => found.end);
      const anyOfCue = nearestAnyOf && nearestAnyOf.end >= previousEnd - 1 && start - nearestAnyOf.end <= 60 ? nearestAnyOf : undefined;
      const examples = EXAMPLES_BEFORE.exec(beforeText)?.[0];
      const afterCategory = run.paren !== undefined && !this.mentionEndsAt(mentions, run.paren[0]) && /\p{L}/u.test(this.text.slice(Math.max(clause.start, run.paren[0] - 20), run.paren[0]));
      const openCue = OPEN_AFTER.exec(after)?.[0];
      const slashOnly = run.alternatives && run.gaps.every((gap) => gap.trim() === '/' || gap.trim() === '');
      const wholeGroup = anyOfCue !== undefined || examples !== undefined || (afterCategory && run.members.length >= 2) || openCue !== undefined;
      if (slashOnly && !wholeGroup) confidence -= 0.1;
      const groupCue = anyOfCue?.text.toLowerCase() ?? examples?.replace(/[:,( ]+$/, '').toLowerCase() ?? openCue?.replace(/^[ ,]+/, '').toLowerCase();
      const base = { modality, confidence, clause, region } as const;
      const previousUnit = units.at(-1);
      if (run.members.length === 1 && ALTERNATIVE_AFTER.test(after) && previousUnit && previousUnit.clause === clause && !previousUnit.anyOf) {
        previousUnit.members.push(...run.members);
        previousUnit.anyOf = true;
        previousUnit.cue = ALTERNATIVE_AFTER.exec(after)?.[0].replace(/^[ ,(\-–—]+/, '').toLowerCase();
        previousEnd = end;
        continue;
      }
      if (wholeGroup || (run.alternatives && run.members.length >= 2)) {
        const split = wholeGroup ? { group: run.members, singles: [] as Mention[] } : splitOrList(run);
        for (const single of split.singles) units.push({ ...base, members: [single], anyOf: false, openEnded: false, ...(cue && { cue }) });
        const groupCueText = cue ?? groupCue ?? (slashOnly ? '/' : 'or');
        // Examples of a category stay a group even when open ("a relational database (Postgres, MySQL etc.)").
        const openEnded = openCue !== undefined && examples === undefined && !afterCategory;
        units.push({ ...base, members: split.group, anyOf: true, openEnded, cue: groupCueText });
      } else {
        for (const member of run.members) units.push({ ...base, members: [member], anyOf: false, openEnded: false, ...(cue && { cue }) });
      }
      previousEnd = end;
    }
    return units;
  }

  private mentionEndsAt(mentions: readonly Mention[], parenOpen: number): boolean {
    return mentions.some((mention) => mention.end <= parenOpen && this.text.slice(mention.end, parenOpen).trim() === '');
  }

  /** Consecutive mentions joined only by list separators, at one parenthesis depth. */
  private runsOf(mentions: readonly Mention[], parens: ReadonlyArray<readonly [number, number]>): Run[] {
    const runs: Run[] = [];
    let outside: Run | undefined;
    for (const mention of mentions) {
      const enclosing = lastBefore(parens, mention.start, ([open]) => open + 1);
      const paren = enclosing && mention.end <= enclosing[1] ? enclosing : undefined;
      // The run to continue: the last one at this parenthesis depth ("Python (PySpark) or Scala").
      const run = paren ? runs.at(-1) : outside;
      const last = run?.members.at(-1);
      // A parenthesis between two members is the first one's qualifier: "Python (PySpark) or Scala".
      const rawGap = last ? this.text.slice(last.end, mention.start) : '';
      const gap = rawGap.length <= 80 ? rawGap.replace(/ ?\([^()]*\)/g, '') : rawGap;
      if (run && last && run.paren === paren && gap.length <= 16 && LIST_GAP.test(gap)) {
        run.members.push(mention);
        run.gaps.push(gap);
        if (OR_GAP.test(gap)) run.alternatives = true;
        continue;
      }
      const started: Run = { members: [mention], alternatives: false, gaps: [], ...(paren && { paren }) };
      runs.push(started);
      if (!paren) outside = started;
    }
    return runs;
  }
}

/**
 * "Docker, PostgreSQL or MySQL": the alternatives are the members around the last "or", extended
 * backwards over commas while the skills are of one kind; the others stand alone.
 */
function splitOrList(run: Run): { group: Mention[]; singles: Mention[] } {
  let last = -1;
  run.gaps.forEach((gap, index) => {
    if (OR_GAP.test(gap)) last = index;
  });
  if (last === -1) return { group: run.members, singles: [] };
  let from = last;
  const kind = (run.members[last] as Mention).skill.category;
  while (from > 0 && !/\band\b/i.test(run.gaps[from - 1] ?? '') && (run.members[from - 1] as Mention).skill.category === kind) from -= 1;
  const group = run.members.slice(from, last + 2);
  const singles = [...run.members.slice(0, from), ...run.members.slice(last + 2)];
  return { group, singles };
}

/** Top-level parentheses of a clause, absolute offsets of "(" and ")". */
function parenthesesOf(clause: string, offset: number): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = [];
  let open = -1;
  for (let index = 0; index < clause.length; index += 1) {
    const char = clause[index];
    if (char === '(' && open === -1) open = index;
    else if (char === ')' && open !== -1) {
      if (index - open <= 200) spans.push([offset + open, offset + index]);
      open = -1;
    }
  }
  return spans;
}

interface Cue {
  start: number;
  end: number;
  text: string;
}

/** The last item whose key is at or before `position` (items sorted by key): a binary search. */
function lastBefore<T>(items: readonly T[], position: number, key: (item: T) => number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle] as T;
    if (key(item) <= position) {
      found = item;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function cuesOf(clause: string, pattern: RegExp, offset: number): Cue[] {
  return [...clause.matchAll(pattern)].map((match) => ({ start: offset + match.index, end: offset + match.index + match[0].length, text: match[1] ?? match[0] }));
}

const isConcept = (skill: CanonicalSkill): boolean => skill.kind === 'concept';

/** Units into requirements: gating decided, duplicates merged, groups dissolved where a member stands alone. */
function assemble(text: string, units: readonly Unit[], taxonomy: Taxonomy, hasRequiredSection: boolean): SkillExtraction {
  const requirements: ExtractedRequirement[] = [];
  const chosen: Array<{ skills: CanonicalSkill[] }> = [];
  for (const unit of units) {
    const skills = uniqueSkills(unit.members);
    const technologies = skills.filter((skill) => !isConcept(skill));
    const confidence = round(unit.confidence);
    // An open-ended group ("Docker or similar", "Express, NestJS, etc.") admits skills no list can name: it weighs, it does not gate.
    const gating = unit.modality === 'required' && technologies.length > 0 && confidence >= GATING_CONFIDENCE && !unit.openEnded;
    let reason: ExtractedRequirement['reason'];
    if (unit.modality === 'required' && technologies.length === 0) reason = 'concept';
    else if (unit.modality === 'required' && !gating) reason = 'uncertain';
    const members = unit.anyOf && technologies.length > 0 ? technologies : skills;
    if (gating) chosen.push({ skills: members.slice(0, MAX_ANY_OF) });
    requirements.push({
      skills: members.slice(0, MAX_ANY_OF).map((skill) => skill.name),
      anyOf: unit.anyOf && members.length > 1,
      modality: unit.modality,
      gating,
      confidence,
      ...(reason && { reason }),
      evidence: {
        ...(unit.region.heading !== undefined && { section: unit.region.heading }),
        sectionKind: unit.region.kind,
        phrase: phraseOf(text, unit),
        ...(unit.cue !== undefined && { cue: unit.cue }),
      },
    });
  }

  let fallback: SkillExtraction['fallback'] = 'none';
  if (chosen.length === 0) {
    // Doubt never silently matches no one: uncertain requirements, or failing them the preferred
    // technologies, gate with near misses allowed (the caller warns).
    const uncertain = requirements.filter((requirement) => requirement.modality === 'required' && requirement.reason === 'uncertain');
    const preferred = requirements.filter((requirement) => requirement.modality === 'preferred');
    const promote = uncertain.length > 0 ? uncertain : preferred;
    if (promote.length > 0) {
      fallback = uncertain.length > 0 ? 'uncertain' : 'preferred';
      for (const requirement of promote) {
        const technologies = requirement.skills.map((name) => taxonomy.resolve(name)?.skill).filter((skill): skill is CanonicalSkill => skill !== undefined && !isConcept(skill));
        if (technologies.length === 0) continue;
        requirement.gating = true;
        chosen.push({ skills: technologies });
      }
    }
  }

  // Gating requirements: a single skill that also stands alone dissolves the groups holding it.
  const singles = new Set(chosen.filter(({ skills }) => skills.length === 1).map(({ skills }) => (skills[0] as CanonicalSkill).id));
  const requiredSkills: SkillRequirement[] = [];
  const requiredIds = new Set<string>();
  const identities = new Set<string>();
  const leftOver: CanonicalSkill[] = [];
  for (const { skills } of chosen) {
    if (requiredSkills.length >= MAX_REQUIRED) break;
    if (skills.length > 1 && skills.some((skill) => singles.has(skill.id))) {
      leftOver.push(...skills.filter((skill) => !singles.has(skill.id)));
      continue;
    }
    const identity = skills.map((skill) => skill.id).sort().join('\u0000');
    if (identities.has(identity)) continue;
    identities.add(identity);
    skills.forEach((skill) => requiredIds.add(skill.id));
    requiredSkills.push(skills.length === 1 ? (skills[0] as CanonicalSkill).name : { anyOf: skills.map((skill) => skill.name) });
  }

  const preferredSkills: string[] = [];
  const preferredIds = new Set<string>();
  const contextSkills: string[] = [];
  const contextIds = new Set<string>();
  const wanted = requirements.filter((requirement) => !requirement.gating && requirement.modality !== 'context');
  for (const name of [...wanted.flatMap((requirement) => requirement.skills), ...leftOver.map((skill) => skill.name)]) {
    const id = taxonomy.resolve(name)?.skill.id ?? name;
    if (requiredIds.has(id) || preferredIds.has(id)) continue;
    preferredIds.add(id);
    preferredSkills.push(name);
  }
  for (const requirement of requirements.filter((entry) => entry.modality === 'context')) {
    for (const name of requirement.skills) {
      const id = taxonomy.resolve(name)?.skill.id ?? name;
      if (requiredIds.has(id) || preferredIds.has(id) || contextIds.has(id)) continue;
      contextIds.add(id);
      contextSkills.push(name);
    }
  }
  // At most MAX_REPORTED requirements are reported (context goes first), as a stored posting holds.
  const reported = requirements.length <= MAX_REPORTED ? requirements : requirements.filter((entry) => entry.modality !== 'context').slice(0, MAX_REPORTED);
  return { requirements: reported, requiredSkills, preferredSkills: preferredSkills.slice(0, 100), contextSkills: contextSkills.slice(0, 100), fromWholeText: !hasRequiredSection, fallback };
}

function uniqueSkills(mentions: readonly Mention[]): CanonicalSkill[] {
  return [...new Map(mentions.map((mention) => [mention.skill.id, mention.skill])).values()];
}

/** The clause, shortened around its first mention to at most PHRASE_LENGTH characters. */
function phraseOf(text: string, unit: Unit): string {
  const { start, end } = unit.clause;
  const clause = text.slice(start, end).trim();
  if (clause.length <= PHRASE_LENGTH) return clause.replace(/^[-•·▪*◦‣∙\s]+/, '');
  const at = (unit.members[0]?.start ?? start) - start;
  const from = Math.max(0, Math.min(at - PHRASE_LENGTH / 2, end - start - PHRASE_LENGTH));
  const window = text.slice(start + from, start + from + PHRASE_LENGTH).trim();
  return `${from > 0 ? '…' : ''}${window}${from + PHRASE_LENGTH < end - start ? '…' : ''}`;
}
