// Small helpers that keep the hand-curated data files terse: ids derive from names, and related
// skills can be declared as groups instead of pair by pair.
import type { SkillDefinition } from '../skill-definition';

export interface SkillSpec {
  /** Defaults to the name, lower-cased, whitespace as "-" ("Spring Boot" → "spring-boot"). */
  readonly id?: string;
  readonly aliases?: readonly string[];
  readonly implies?: readonly string[];
  readonly related?: readonly string[];
  readonly needsContext?: readonly string[];
  /** A concept living outside the `practice` category (see `SkillDefinition.concept`). */
  readonly concept?: boolean;
}

export type SkillEntry = string | readonly [name: string, spec: SkillSpec];

export function idOf(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}

/** Definitions of one category from `'Name'` or `['Name', { aliases, implies, ... }]` entries. */
export function category(name: string, entries: readonly SkillEntry[]): SkillDefinition[] {
  return entries.map((entry) => {
    const [skillName, spec]: readonly [string, SkillSpec] = typeof entry === 'string' ? [entry, {}] : entry;
    return { ...spec, id: spec.id ?? idOf(skillName), name: skillName, category: name };
  });
}

/** Adds every pair within each group to `related` (Flask ~ Django ~ FastAPI). */
export function withRelatedGroups(
  definitions: readonly SkillDefinition[],
  groups: readonly (readonly string[])[],
): SkillDefinition[] {
  const extra = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const id of group) {
      const set = extra.get(id) ?? new Set<string>();
      for (const other of group) if (other !== id) set.add(other);
      extra.set(id, set);
    }
  }
  return definitions.map((definition) => {
    const added = extra.get(definition.id);
    if (!added) return definition;
    return { ...definition, related: [...new Set([...(definition.related ?? []), ...added])] };
  });
}
