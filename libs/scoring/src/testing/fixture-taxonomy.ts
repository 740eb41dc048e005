import type { CanonicalSkill, ResolvedSkill, SkillKind, SkillMention, Taxonomy } from '@talent/skills';

/** A skill of the fixture taxonomy. */
export interface FixtureSkill {
  readonly id: string;
  readonly name: string;
  readonly category?: string;
  /** `technology` unless said otherwise. */
  readonly kind?: SkillKind;
  readonly aliases?: readonly string[];
  /** Ids this skill implies directly (FastAPI ⇒ Python). */
  readonly implies?: readonly string[];
  /** Ids earning partial credit (PostgreSQL ~ MySQL); made symmetric. */
  readonly related?: readonly string[];
}

function normalize(written: string): string {
  return written.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A trailing version ("3.11", "v20") and a leading vendor ("Amazon", "Microsoft"): not part of a name. */
const VERSION = /\s+v?\d+(?:\.(?:\d+|x))*\+?$/i;
const VENDOR = /^(?:amazon|microsoft|ms|google|apache|atlassian|oracle)\s+(?=\S)/i;

/**
 * A small in-memory taxonomy implementing the `Taxonomy` interface, for unit tests and the bench:
 * names and aliases resolve case-insensitively as whole strings, implications are transitive;
 * `skillsIn` reads past a trailing version and a vendor prefix, else takes every token that resolves.
 */
export function createFixtureTaxonomy(skills: readonly FixtureSkill[]): Taxonomy {
  const byWritten = new Map<string, { skill: CanonicalSkill; via: 'name' | 'alias' }>();
  const canonical: CanonicalSkill[] = skills.map((skill) => ({
    id: skill.id,
    name: skill.name,
    category: skill.category ?? 'general',
    kind: skill.kind ?? 'technology',
  }));
  const byId = new Map(canonical.map((skill) => [skill.id, skill]));
  for (const [index, skill] of skills.entries()) {
    const resolved = canonical[index] as CanonicalSkill;
    byWritten.set(normalize(skill.name), { skill: resolved, via: 'name' });
    for (const alias of skill.aliases ?? []) byWritten.set(normalize(alias), { skill: resolved, via: 'alias' });
  }
  const direct = new Map(skills.map((skill) => [skill.id, skill.implies ?? []]));
  const related = new Map<string, Set<string>>();
  for (const skill of skills) {
    for (const other of skill.related ?? []) {
      if (!related.has(skill.id)) related.set(skill.id, new Set());
      if (!related.has(other)) related.set(other, new Set());
      related.get(skill.id)?.add(other);
      related.get(other)?.add(skill.id);
    }
  }
  const implied = new Map<string, readonly string[]>();
  const impliedBy = (id: string): readonly string[] => {
    const cached = implied.get(id);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [...(direct.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (next === id || seen.has(next)) continue;
      seen.add(next);
      stack.push(...(direct.get(next) ?? []));
    }
    const result = [...seen].sort();
    implied.set(id, result);
    return result;
  };
  const resolve = (written: string): ResolvedSkill | undefined => {
    const found = byWritten.get(normalize(written));
    return found ? { skill: found.skill, written, via: found.via } : undefined;
  };
  const extract = (text: string): readonly SkillMention[] => {
    const mentions: SkillMention[] = [];
    const seen = new Set<string>();
    for (const match of text.matchAll(/[\w+#.]+/g)) {
      const token = match[0].replace(/\.$/, '');
      const found = resolve(token);
      if (found && !seen.has(found.skill.id)) {
        seen.add(found.skill.id);
        mentions.push({ ...found, start: match.index, end: match.index + token.length });
      }
    }
    return mentions;
  };
  return {
    resolve,
    keyOf: (written) => resolve(written)?.skill.id ?? normalize(written),
    impliedBy,
    relatedTo: (id) => [...(related.get(id) ?? [])].sort(),
    extract,
    skillsIn: (written): readonly ResolvedSkill[] => {
      const whole = resolve(written);
      if (whole) return [whole];
      const trimmed = written.trim();
      const bare = trimmed.replace(VERSION, '').replace(VENDOR, '');
      const found = bare === trimmed ? undefined : resolve(bare);
      if (found) return [{ ...found, written: trimmed }];
      return extract(written).map(({ skill, written: part, via }) => ({ skill, written: part, via }));
    },
    all: () => [...byId.values()],
  };
}

/** The skills the scoring tests use: aliases, implications, related skills and the classic traps. */
export const fixtureTaxonomy = createFixtureTaxonomy([
  { id: 'python', name: 'Python', aliases: ['py'] },
  { id: 'fastapi', name: 'FastAPI', implies: ['python'] },
  { id: 'django', name: 'Django', implies: ['python'] },
  { id: 'flask', name: 'Flask', implies: ['python'] },
  { id: 'postgresql', name: 'PostgreSQL', aliases: ['Postgres', 'psql'], implies: ['sql'], related: ['mysql'] },
  { id: 'mysql', name: 'MySQL', implies: ['sql'] },
  { id: 'sql', name: 'SQL' },
  { id: 'kubernetes', name: 'Kubernetes', aliases: ['k8s'], related: ['docker'] },
  { id: 'docker', name: 'Docker' },
  { id: 'typescript', name: 'TypeScript', aliases: ['TS'], implies: ['javascript'] },
  { id: 'javascript', name: 'JavaScript', aliases: ['JS', 'ECMAScript'] },
  { id: 'java', name: 'Java' },
  { id: 'c', name: 'C' },
  { id: 'c++', name: 'C++', aliases: ['cpp'] },
  { id: 'c#', name: 'C#', aliases: ['csharp'] },
  { id: 'r', name: 'R' },
  { id: 'go', name: 'Go', aliases: ['Golang'] },
  { id: 'kafka', name: 'Kafka', aliases: ['Apache Kafka'] },
  { id: 'aws', name: 'AWS', aliases: ['Amazon Web Services'], related: ['gcp', 'azure'] },
  { id: 'gcp', name: 'GCP', aliases: ['Google Cloud'] },
  { id: 'azure', name: 'Azure' },
  { id: 'react', name: 'React', aliases: ['React.js', 'ReactJS'], implies: ['javascript'] },
  { id: 'node.js', name: 'Node.js', aliases: ['Node', 'NodeJS'], implies: ['javascript'] },
]);
