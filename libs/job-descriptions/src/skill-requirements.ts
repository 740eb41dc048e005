import type { SkillRequirement } from '@talent/contracts';
import type { SkillMention, Taxonomy } from '@talent/skills';
import type { SectionKind } from './job-description.types';
import { Clauses, type Region } from './text-regions';

interface Mention extends SkillMention {
  region: Region;
}

export interface SkillExtraction {
  requiredSkills: SkillRequirement[];
  preferredSkills: string[];
  /** Required skills came from the whole text, for want of a requirements section. */
  fromWholeText: boolean;
}

/** Sections whose skills never count as required when the posting has no requirements section. */
const NOT_ASKED_OF_CANDIDATES: ReadonlySet<SectionKind | 'unsectioned'> = new Set(['preferred', 'about', 'benefits']);

/** A clause that marks its skills as welcome rather than needed ("Kafka is a plus"). */
const PREFERENCE_CUE =
  /\b(?:(?:is|are|would be|will be)\s+(?:a\s+)?(?:big\s+|huge\s+|strong\s+|real\s+)?(?:plus|bonus|advantage)|a plus|nice[- ]to[- ]have|bonus|preferred|preferably|ideally|desirable|advantageous|an advantage|not required|optional)\b/i;

/** Introduces alternatives: "at least one of Flask, Django or FastAPI". */
const ANY_OF_CUE = /\b(?:at least one of|one or more of|one of|any of|either)\b/gi;
/** Between two alternatives. */
const LIST_SEPARATOR = /^[\s,/()]*(?:(?:and\/or|or|and|as well as)\b)?[\s,/()]*$/i;
/** The same, where the alternatives are bullets under "one of the following:". */
const BULLET_SEPARATOR = /^[\s,/()\-*•·▪]*(?:(?:and\/or|or|and)\b)?[\s,/()\-*•·▪]*$/i;
/** "Python or Go", "Python, or Go", "Python and/or Go". */
const OR_SEPARATOR = /^\s*,?\s*(?:or|and\/or)\s+$/i;
const COMMA_SEPARATOR = /^\s*,\s*$/;
/** The cue ends its clause with a colon: the alternatives follow as a list. */
const COLON_BEFORE_LIST = /^[^.;\n]*:[\s\-*•·▪]*$/;

const MAX_ANY_OF = 20;

export function extractSkills(text: string, regions: readonly Region[], taxonomy: Taxonomy): SkillExtraction {
  const mentions: Mention[] = regions.flatMap((region) =>
    taxonomy
      .extract(text.slice(region.start, region.end))
      .map((mention) => ({ ...mention, start: mention.start + region.start, end: mention.end + region.start, region })),
  );
  const hasRequiredSection = regions.some((region) => region.kind === 'required');
  const clauses = new Clauses(text);
  const preferred: Mention[] = [];
  const pool: Mention[] = [];
  for (const mention of mentions) {
    const kind = mention.region.kind;
    if (kind === 'preferred') {
      preferred.push(mention);
    } else if (hasRequiredSection ? kind === 'required' : !NOT_ASKED_OF_CANDIDATES.has(kind)) {
      (PREFERENCE_CUE.test(clauses.textAt(mention.start, mention.region)) ? preferred : pool).push(mention);
    }
  }

  const groups = findAlternatives(text, pool);
  const requiredSkills: SkillRequirement[] = [];
  const requiredIds = new Set<string>();
  const singles = new Set(pool.filter((mention) => !groups.has(mention)).map((mention) => mention.skill.id));
  const emitted = new Set<Mention[]>();
  const leftOver: Mention[] = [];
  for (const mention of pool) {
    const group = groups.get(mention);
    if (!group) {
      if (requiredIds.has(mention.skill.id)) continue;
      requiredIds.add(mention.skill.id);
      requiredSkills.push(mention.skill.name);
      continue;
    }
    if (emitted.has(group)) continue;
    emitted.add(group);
    // An alternative that is also required on its own satisfies the group by itself.
    if (group.some((member) => singles.has(member.skill.id))) {
      leftOver.push(...group.filter((member) => !singles.has(member.skill.id)));
      continue;
    }
    const names = [...new Map(group.map((member) => [member.skill.id, member.skill.name])).values()].slice(0, MAX_ANY_OF);
    group.forEach((member) => requiredIds.add(member.skill.id));
    requiredSkills.push(names.length === 1 ? (names[0] as string) : { anyOf: names });
  }

  const preferredSkills: string[] = [];
  const preferredIds = new Set<string>();
  for (const mention of [...preferred, ...leftOver].sort((a, b) => a.start - b.start)) {
    if (requiredIds.has(mention.skill.id) || preferredIds.has(mention.skill.id)) continue;
    preferredIds.add(mention.skill.id);
    preferredSkills.push(mention.skill.name);
  }
  return { requiredSkills, preferredSkills, fromWholeText: !hasRequiredSection };
}

/** Each mention that is one of several alternatives, mapped to its group. */
function findAlternatives(text: string, pool: readonly Mention[]): Map<Mention, Mention[]> {
  const groups = new Map<Mention, Mention[]>();
  const sameRegion = (a: Mention, b: Mention) => a.region === b.region;

  // "at least one of …", "either … or …"
  for (const cue of text.matchAll(ANY_OF_CUE)) {
    const cueEnd = cue.index + cue[0].length;
    const first = pool.find((mention) => mention.start >= cueEnd);
    if (!first || groups.has(first) || cue.index < first.region.start) continue;
    const lead = text.slice(cueEnd, first.start);
    const asList = COLON_BEFORE_LIST.test(lead);
    if (lead.length > 80 || (!asList && /[.;!?](?:\s|$)|\n/.test(lead))) continue;
    const separator = asList ? BULLET_SEPARATOR : LIST_SEPARATOR;
    const group = [first];
    for (let index = pool.indexOf(first) + 1; index < pool.length; index += 1) {
      const previous = group.at(-1) as Mention;
      const next = pool[index] as Mention;
      const gap = text.slice(previous.end, next.start);
      if (!sameRegion(previous, next) || groups.has(next) || !separator.test(gap)) break;
      // A listed alternative sits at the indentation of the first; a bullet further out ends the list.
      if (asList && gap.includes('\n') && indentation(gap) !== indentation(lead)) break;
      group.push(next);
    }
    if (new Set(group.map((mention) => mention.skill.id)).size >= 2) {
      group.forEach((mention) => groups.set(mention, group));
    }
  }

  // "Python or Go"; "Python, Java or Go" when the listed skills are of one kind.
  for (let index = 0; index + 1 < pool.length; index += 1) {
    const a = pool[index] as Mention;
    const b = pool[index + 1] as Mention;
    if (groups.has(a) || groups.has(b) || !sameRegion(a, b) || !OR_SEPARATOR.test(text.slice(a.end, b.start))) continue;
    const group = [a, b];
    for (let back = index - 1; back >= 0; back -= 1) {
      const previous = pool[back] as Mention;
      const head = group[0] as Mention;
      if (
        groups.has(previous) ||
        !sameRegion(previous, head) ||
        previous.skill.category !== a.skill.category ||
        !COMMA_SEPARATOR.test(text.slice(previous.end, head.start))
      ) {
        break;
      }
      group.unshift(previous);
    }
    group.forEach((mention) => groups.set(mention, group));
  }
  return groups;
}

/** The indentation of the last line a gap opens, e.g. 2 for "…:\n  - ". */
function indentation(gap: string): number {
  const lastLine = gap.slice(gap.lastIndexOf('\n') + 1);
  return lastLine.length - lastLine.trimStart().length;
}
