/**
 * The skills taxonomy's public shape. The scoring model and the job-description parser depend on this
 * interface only, so they can be tested with a small fixture taxonomy.
 */

/** How a written skill was recognised. */
export type Recognition = 'name' | 'alias';

export interface CanonicalSkill {
  /** Stable key, lower-case, e.g. "postgresql", "c++", "node.js". */
  readonly id: string;
  /** Display name, e.g. "PostgreSQL", "C++", "Node.js". */
  readonly name: string;
  readonly category: string;
}

export interface ResolvedSkill {
  readonly skill: CanonicalSkill;
  /** What was written ("Postgres"). */
  readonly written: string;
  readonly via: Recognition;
}

/** A skill found in free text, with where it was found. */
export interface SkillMention extends ResolvedSkill {
  readonly start: number;
  readonly end: number;
}

export interface Taxonomy {
  /** The canonical skill a written name or alias stands for (case-insensitive, whole string). */
  resolve(written: string): ResolvedSkill | undefined;
  /**
   * Key used to compare skills: the canonical id when the taxonomy knows the skill, otherwise the
   * written name trimmed, lower-cased and with inner whitespace collapsed (so unknown skills still
   * match themselves exactly).
   */
  keyOf(written: string): string;
  /** Skills implied by holding this one, transitively (FastAPI ⇒ Python). Ids, no duplicates, sorted. */
  impliedBy(id: string): readonly string[];
  /** Related skills that earn partial credit (PostgreSQL ~ MySQL). Ids, sorted. */
  relatedTo(id: string): readonly string[];
  /** Skills mentioned in free text, by whole token, in order of appearance, without duplicates. */
  extract(text: string): readonly SkillMention[];
  /** Every canonical skill. */
  all(): readonly CanonicalSkill[];
}
