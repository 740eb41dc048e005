/** One skill as the data sets declare it; `createTaxonomy` validates and indexes a list of these. */
export interface SkillDefinition {
  /** Stable key, lower-case, e.g. "postgresql", "c++", "node.js", "spring-boot". */
  readonly id: string;
  /** Display name, e.g. "PostgreSQL". */
  readonly name: string;
  /** e.g. "language", "framework", "database", "cloud" (see README.md for the list in use). */
  readonly category: string;
  /**
   * A concept, practice or duty ("microservices", "CI/CD", "containers") rather than a concrete
   * technology: weighted, never a gate. Skills of the `practice` category are concepts without it.
   */
  readonly concept?: boolean;
  /** Other ways of writing it: "Postgres", "psql". Matched case-insensitively (but see `needsContext`). */
  readonly aliases?: readonly string[];
  /** Skills that holding this one implies (FastAPI ⇒ Python). Closed transitively at build time. */
  readonly implies?: readonly string[];
  /** Skills that earn partial credit (PostgreSQL ~ MySQL). Made symmetric at build time. */
  readonly related?: readonly string[];
  /**
   * The name and/or aliases that are also ordinary words ("Go", "Express", "Rust", "Spring") or a
   * single letter ("C", "R"). In free text such a form only counts when written with exactly this
   * capitalisation and in a technical context (see README.md). `resolve` is not affected.
   */
  readonly needsContext?: readonly string[];
}

/** Thrown by `createTaxonomy` when the definitions contradict themselves. Lists every problem found. */
export class TaxonomyDefinitionError extends Error {
  override readonly name = 'TaxonomyDefinitionError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid skill definitions (${problems.length}):\n- ${problems.join('\n- ')}`);
  }
}
