/**
 * The skills taxonomy's public shape. The scoring model and the job-description parser depend on this
 * interface only, so they can be tested with a small fixture taxonomy.
 */

/** How a written skill was recognised. */
export type Recognition = 'name' | 'alias';

/**
 * `technology`: something concrete a candidate can be checked for (a language, framework, platform,
 * database, tool, cloud service, certification); only these may gate a match. `concept`: a practice,
 * architecture style, discipline or duty ("distributed systems", "code review", "CI/CD", "agile"),
 * weighted only.
 */
export type SkillKind = 'technology' | 'concept';

export interface CanonicalSkill {
  /** Stable key, lower-case, e.g. "postgresql", "c++", "node.js". */
  readonly id: string;
  /** Display name, e.g. "PostgreSQL", "C++", "Node.js". */
  readonly name: string;
  readonly category: string;
  /** Whether the skill may gate a match (`technology`) or is weighted only (`concept`). */
  readonly kind: SkillKind;
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
  /**
   * Skills mentioned in free text, by whole token, in order of appearance, without duplicates
   * (with `every`, each mention of a skill, as a posting's reader needs them).
   */
  extract(text: string, options?: { every?: boolean }): readonly SkillMention[];
  /**
   * The skills one entry of a skills field names, as candidates and structured postings write them:
   * the whole-string resolution when there is one ("Postgres"); else the entry read past a trailing
   * version and a vendor prefix ("Python 3.11", "Amazon AWS", "Go 1.22"); else the skills of a list
   * whose every item resolves ("go/rust", "C/C++"); else every skill `extract` finds in it, reading the
   * entry as a skills-field entry ("Docker/Kubernetes", "JWT tokens", "Rust (3 years)"). In order of
   * appearance, without duplicates; `written` is the part of the entry that names the skill. Empty
   * when the entry names no known skill (`keyOf` then keys it to its own spelling).
   */
  skillsIn(written: string): readonly ResolvedSkill[];
  /** Every canonical skill. */
  all(): readonly CanonicalSkill[];
}
