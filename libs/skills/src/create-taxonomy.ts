import { TaxonomyDefinitionError, type SkillDefinition } from './skill-definition';
import { bareForms, listItems } from './skill-entry';
import { SkillMatcher, type MatchForm } from './skill-matcher';
import type { CanonicalSkill, Recognition, ResolvedSkill, SkillKind, SkillMention, Taxonomy } from './taxonomy.types';
import { looseKey, plainKey, stripEdgePunctuation } from './written-form';

/** Categories whose skills are all concepts; elsewhere a definition says `concept: true`. */
export const CONCEPT_CATEGORIES: ReadonlySet<string> = new Set(['practice']);

function kindOf(definition: SkillDefinition): SkillKind {
  return definition.concept === true || CONCEPT_CATEGORIES.has(definition.category) ? 'concept' : 'technology';
}

interface FormEntry {
  readonly form: string;
  readonly skill: CanonicalSkill;
  readonly via: Recognition;
}

/**
 * Validates the definitions and indexes them. Throws `TaxonomyDefinitionError` listing every
 * problem: duplicate ids, unknown ids in `implies`/`related`, a spelling claimed by two skills
 * (also once separators are ignored: "Node.js" vs "NodeJS"), implication cycles.
 */
export function createTaxonomy(definitions: readonly SkillDefinition[]): Taxonomy {
  const problems: string[] = [];
  const byId = new Map<string, SkillDefinition>();
  const skills = new Map<string, CanonicalSkill>();
  for (const definition of definitions) {
    const { id, name, category } = definition;
    if (id !== id.trim().toLowerCase() || id === '') problems.push(`id "${id}" must be non-empty, trimmed and lower-case`);
    if (name.trim() === '') problems.push(`skill "${id}" has an empty name`);
    if (category.trim() === '') problems.push(`skill "${id}" has an empty category`);
    if (byId.has(id)) {
      problems.push(`id "${id}" is defined twice`);
      continue;
    }
    if (definition.concept === false && CONCEPT_CATEGORIES.has(category)) {
      problems.push(`skill "${id}" is in the "${category}" category, whose skills are concepts, but says concept: false`);
    }
    byId.set(id, definition);
    skills.set(id, Object.freeze({ id, name, category, kind: kindOf(definition) }));
  }

  for (const definition of byId.values()) {
    for (const [field, ids] of [
      ['implies', definition.implies],
      ['related', definition.related],
    ] as const) {
      for (const other of ids ?? []) {
        if (other === definition.id) problems.push(`skill "${definition.id}" lists itself in ${field}`);
        else if (!byId.has(other)) problems.push(`skill "${definition.id}" ${field} unknown skill "${other}"`);
      }
    }
    const forms = [definition.name, ...(definition.aliases ?? [])];
    for (const form of definition.needsContext ?? []) {
      if (!forms.includes(form)) {
        problems.push(`skill "${definition.id}": needsContext "${form}" is neither its name nor one of its aliases`);
      }
    }
  }

  const exact = new Map<string, FormEntry>();
  const loose = new Map<string, FormEntry>();
  const matchForms: MatchForm[] = [];
  for (const definition of byId.values()) {
    const skill = skills.get(definition.id) as CanonicalSkill;
    const contextual = new Set(definition.needsContext ?? []);
    const entries: FormEntry[] = [
      { form: definition.name, skill, via: 'name' },
      ...(definition.aliases ?? []).map((form): FormEntry => ({ form, skill, via: 'alias' })),
    ];
    for (const entry of entries) {
      if (plainKey(entry.form) === '') {
        problems.push(`skill "${skill.id}" has an empty alias`);
        continue;
      }
      const claimed = claim(exact, plainKey(entry.form), entry, problems, 'is claimed by');
      // Same-skill duplicates stay as match forms: "LESS" and "Less" differ where case matters.
      if (claimed !== 'clash') matchForms.push({ ...entry, contextual: contextual.has(entry.form) });
      if (claimed !== 'clash') claim(loose, looseKey(entry.form), entry, problems, 'has the same spelling, separators ignored, as');
    }
    // The id itself resolves too ("spring-boot"), unless it spells another skill's name.
    const idEntry: FormEntry = { form: skill.id, skill, via: 'name' };
    if (!exact.has(plainKey(skill.id))) exact.set(plainKey(skill.id), idEntry);
    if (!loose.has(looseKey(skill.id))) loose.set(looseKey(skill.id), idEntry);
  }

  const implied = closeImplications(byId, problems);
  if (problems.length > 0) throw new TaxonomyDefinitionError(problems);

  const related = new Map<string, Set<string>>([...byId.keys()].map((id) => [id, new Set<string>()]));
  for (const definition of byId.values()) {
    for (const other of definition.related ?? []) {
      related.get(definition.id)?.add(other);
      related.get(other)?.add(definition.id);
    }
  }
  const relatedSorted = new Map([...related].map(([id, set]) => [id, Object.freeze([...set].sort())]));
  const allSkills = Object.freeze([...skills.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  const matcher = new SkillMatcher(matchForms);
  const none: readonly string[] = Object.freeze([]);

  function resolve(written: string): ResolvedSkill | undefined {
    const candidates = [written, stripEdgePunctuation(written)];
    const entry =
      candidates.map((text) => exact.get(plainKey(text))).find(Boolean) ??
      candidates.map((text) => loose.get(looseKey(text))).find(Boolean);
    return entry && { skill: entry.skill, written, via: entry.via };
  }

  /** One skill name, read past a trailing version and a vendor prefix ("Amazon RDS 15"). */
  function resolveBare(written: string): ResolvedSkill | undefined {
    for (const form of bareForms(written)) {
      const found = resolve(form);
      if (found) return { skill: found.skill, written: written.trim(), via: found.via };
    }
    return undefined;
  }

  function skillsIn(written: string): readonly ResolvedSkill[] {
    const whole = resolve(written);
    if (whole) return [whole];
    // One space between words: the steps below then never backtrack over a long run of spaces.
    const entry = written.trim().replace(/\s+/g, ' ');
    if (entry === '') return [];
    const bare = resolveBare(entry);
    if (bare) return [bare];
    const items = listItems(entry);
    if (items.length > 1) {
      const resolved = items.map(resolveBare);
      if (resolved.every((item): item is ResolvedSkill => item !== undefined)) return unique(resolved);
    }
    return matcher.extract(entry, { entry: true }).map(({ skill, written: part, via }) => ({ skill, written: part, via }));
  }

  return {
    resolve,
    keyOf: (written) => resolve(written)?.skill.id ?? plainKey(written),
    impliedBy: (id) => implied.get(id) ?? none,
    relatedTo: (id) => relatedSorted.get(id) ?? none,
    extract: (text, options): readonly SkillMention[] => matcher.extract(text, { every: options?.every ?? false }),
    skillsIn,
    all: () => allSkills,
  };
}

/** The first of each skill, in order. */
function unique(found: readonly ResolvedSkill[]): ResolvedSkill[] {
  const seen = new Set<string>();
  return found.filter(({ skill }) => {
    if (seen.has(skill.id)) return false;
    seen.add(skill.id);
    return true;
  });
}

/** Registers `entry` under `key`, or reports that another skill already spells it that way. */
function claim(
  index: Map<string, FormEntry>,
  key: string,
  entry: FormEntry,
  problems: string[],
  clash: string,
): 'added' | 'duplicate' | 'clash' {
  const existing = index.get(key);
  if (!existing) {
    index.set(key, entry);
    return 'added';
  }
  if (existing.skill.id === entry.skill.id) return 'duplicate';
  problems.push(`"${entry.form}" (of "${entry.skill.id}") ${clash} "${existing.form}" (of "${existing.skill.id}")`);
  return 'clash';
}

/** Transitive closure of `implies`, sorted; reports cycles (two skills implying each other are one skill). */
function closeImplications(byId: ReadonlyMap<string, SkillDefinition>, problems: string[]): Map<string, readonly string[]> {
  const closed = new Map<string, readonly string[]>();
  const visiting: string[] = [];
  const reported = new Set<string>();

  function close(id: string): readonly string[] {
    const done = closed.get(id);
    if (done) return done;
    const cycleStart = visiting.indexOf(id);
    if (cycleStart !== -1) {
      const cycle = [...visiting.slice(cycleStart), id];
      const key = [...cycle].sort().join(' ');
      if (!reported.has(key)) {
        reported.add(key);
        problems.push(`implication cycle: ${cycle.join(' ⇒ ')}`);
      }
      return [];
    }
    visiting.push(id);
    const result = new Set<string>();
    for (const direct of byId.get(id)?.implies ?? []) {
      if (!byId.has(direct) || direct === id) continue;
      result.add(direct);
      for (const indirect of close(direct)) result.add(indirect);
    }
    visiting.pop();
    result.delete(id);
    const sorted = Object.freeze([...result].sort());
    closed.set(id, sorted);
    return sorted;
  }

  for (const id of byId.keys()) close(id);
  return closed;
}
