import type { Taxonomy } from '@talent/skills';
import { mergeOptions, resolveOptions, type ResolvedOptions } from './scoring-options';
import type { MatchingOptions, ScoringCandidate, ScoringPosting } from './scoring.types';

/**
 * Postings and candidates normalised through the taxonomy once, so that scoring a pair and
 * indexing both need no taxonomy calls. Everything here is sorted, so the order in which a
 * candidate lists skills never changes a result.
 */

/** A skill the candidate holds, directly or because a skill they hold implies it. */
export interface HeldSkill {
  readonly key: string;
  /** How the candidate wrote it, trimmed (sorted, unique). Empty when only implied. */
  readonly direct: readonly string[];
  /** The candidate's skills, as written, that imply it (sorted, unique). */
  readonly impliedFrom: readonly string[];
  /** Most years stated by any source (the skill or a skill implying it); null when none stated. */
  readonly years: number | null;
  /** Some source states no years. */
  readonly someYearsUnknown: boolean;
}

export interface CandidateProfile {
  readonly held: ReadonlyMap<string, HeldSkill>;
  /** Keys held directly or by implication, sorted: the candidate's entries in the index. */
  readonly keys: readonly string[];
  readonly totalYearsExperience: number | null;
  readonly workplacePreference: ScoringCandidate['workplacePreference'];
  readonly location: ScoringCandidate['location'];
}

export interface RequirementProfile {
  /** As the posting wrote it: "Postgres", or "one of Django, Flask, FastAPI". */
  readonly label: string;
  /** Members as written (one for a single skill) and their keys, in the posting's order. */
  readonly members: readonly { readonly written: string; readonly key: string; readonly name: string }[];
}

export interface PreferredProfile {
  readonly written: string;
  readonly key: string;
  readonly name: string;
  /** Keys related to this skill (partial credit), sorted; `relatedTo` is symmetric, so this side suffices. */
  readonly related: readonly string[];
}

export interface PostingProfile {
  readonly requirements: readonly RequirementProfile[];
  readonly preferred: readonly PreferredProfile[];
  readonly experienceYears: ScoringPosting['experienceYears'];
  readonly workplace: ScoringPosting['workplace'];
  readonly location: ScoringPosting['location'];
  readonly options: ResolvedOptions;
}

/** Case- and spacing-insensitive form of what was written, to tell "exact" from "alias". */
export function normalizeWritten(written: string): string {
  return written.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Trimmed, inner whitespace collapsed: how a written skill is kept and shown. */
function tidy(written: string): string {
  return written.trim().replace(/\s+/g, ' ');
}

/** What one written skill ("Python 3.11", "Docker/Kubernetes", "Basket weaving") stands for. */
interface WrittenSkill {
  /**
   * Keys a candidate who wrote it holds directly: every skill `taxonomy.skillsIn` finds in it, and
   * its own spelling (`keyOf`) unless it names exactly one skill, so that the same unknown or
   * many-skill entry on both sides still matches ("UI/UX", "Docker/Kubernetes").
   */
  readonly held: readonly string[];
  /** Keys the held ones imply (FastAPI ⇒ Python), sorted, none of them held directly. */
  readonly implied: readonly string[];
  /** The key a posting's requirement written this way stands for: the one skill it names, else `keyOf`. */
  readonly key: string;
  /** Display name of that key: the skill's name, or the entry as written. */
  readonly name: string;
}

function readWritten(taxonomy: Taxonomy, written: string): WrittenSkill {
  const found = taxonomy.skillsIn(written);
  const single = found.length === 1 ? found[0] : undefined;
  const key = single?.skill.id ?? taxonomy.keyOf(written);
  const held = new Set(found.map((skill) => skill.skill.id));
  if (!single) held.add(key);
  const implied = new Set<string>();
  for (const id of held) for (const other of taxonomy.impliedBy(id)) if (!held.has(other)) implied.add(other);
  return { held: [...held], implied: sortedOrShared(implied), key, name: single?.skill.name ?? written };
}

/**
 * Remembered readings of written skills, per taxonomy (a taxonomy's answers never change). Candidates
 * are prepared thousands of times a second and share most of their spellings; the oldest reading is
 * forgotten once a taxonomy has `READINGS_PER_TAXONOMY` of them.
 */
const READINGS_PER_TAXONOMY = 10_000;
const readings = new WeakMap<Taxonomy, Map<string, WrittenSkill>>();

/** `written` is already tidy (trimmed, whitespace collapsed) and not empty. */
function read(taxonomy: Taxonomy, written: string): WrittenSkill {
  let known = readings.get(taxonomy);
  if (!known) {
    known = new Map();
    readings.set(taxonomy, known);
  }
  let reading = known.get(written);
  if (!reading) {
    reading = readWritten(taxonomy, written);
    if (known.size >= READINGS_PER_TAXONOMY) known.delete(known.keys().next().value as string);
    known.set(written, reading);
  }
  return reading;
}

interface MutableHeld {
  direct: Set<string>;
  impliedFrom: Set<string>;
  years: number | null;
  someYearsUnknown: boolean;
}

const NONE: readonly string[] = Object.freeze([]);

/** Most sets here are empty: one shared empty array keeps 100,000 indexed candidates small. */
function sortedOrShared(values: ReadonlySet<string>): readonly string[] {
  return values.size === 0 ? NONE : [...values].sort();
}

export function prepareCandidate(candidate: ScoringCandidate, taxonomy: Taxonomy): CandidateProfile {
  const held = new Map<string, MutableHeld>();
  const entry = (key: string): MutableHeld => {
    let found = held.get(key);
    if (!found) {
      found = { direct: new Set(), impliedFrom: new Set(), years: null, someYearsUnknown: false };
      held.set(key, found);
    }
    return found;
  };
  const addYears = (target: MutableHeld, years: number | undefined): void => {
    if (years === undefined) target.someYearsUnknown = true;
    else target.years = target.years === null ? years : Math.max(target.years, years);
  };
  for (const skill of candidate.skills) {
    const written = tidy(skill.name);
    if (written === '') continue;
    const reading = read(taxonomy, written);
    for (const key of reading.held) {
      const own = entry(key);
      own.direct.add(written);
      addYears(own, skill.years);
    }
    for (const key of reading.implied) {
      const target = entry(key);
      target.impliedFrom.add(written);
      addYears(target, skill.years);
    }
  }
  const keys = [...held.keys()].sort();
  return {
    held: new Map(
      keys.map((key) => {
        const value = held.get(key) as MutableHeld;
        return [
          key,
          {
            key,
            direct: sortedOrShared(value.direct),
            impliedFrom: sortedOrShared(value.impliedFrom),
            years: value.years,
            someYearsUnknown: value.someYearsUnknown,
          },
        ];
      }),
    ),
    keys,
    totalYearsExperience: candidate.totalYearsExperience ?? null,
    workplacePreference: candidate.workplacePreference,
    location: candidate.location,
  };
}

/** `defaults` are the caller's options; the posting's own `matching` options take precedence. */
export function preparePosting(posting: ScoringPosting, taxonomy: Taxonomy, defaults?: MatchingOptions): PostingProfile {
  const requirements: RequirementProfile[] = [];
  const seenRequirements = new Set<string>();
  for (const requirement of posting.requiredSkills) {
    const written = typeof requirement === 'string' ? [requirement] : requirement.anyOf;
    const members: { written: string; key: string; name: string }[] = [];
    const memberKeys = new Set<string>();
    for (const raw of written) {
      const trimmed = tidy(raw);
      if (trimmed === '') continue;
      const { key, name } = read(taxonomy, trimmed);
      if (memberKeys.has(key)) continue;
      memberKeys.add(key);
      members.push({ written: trimmed, key, name });
    }
    if (members.length === 0) continue;
    const identity = [...memberKeys].sort().join('\u0000');
    if (seenRequirements.has(identity)) continue;
    seenRequirements.add(identity);
    const label =
      typeof requirement === 'string' || members.length === 1
        ? (members[0]?.written ?? '')
        : `one of ${members.map((member) => member.written).join(', ')}`;
    requirements.push({ label, members });
  }
  const preferred: PreferredProfile[] = [];
  const seenPreferred = new Set<string>();
  for (const raw of posting.preferredSkills ?? []) {
    const written = tidy(raw);
    if (written === '') continue;
    const { key, name } = read(taxonomy, written);
    if (seenPreferred.has(key)) continue;
    seenPreferred.add(key);
    preferred.push({ written, key, name, related: [...taxonomy.relatedTo(key)].sort() });
  }
  return {
    requirements,
    preferred,
    experienceYears: posting.experienceYears,
    workplace: posting.workplace,
    location: posting.location,
    options: resolveOptions(mergeOptions(defaults, posting.matching)),
  };
}

/** Whether the candidate holds a requirement (one member is enough), and by which member. */
export function metBy(requirement: RequirementProfile, candidate: CandidateProfile): { member: RequirementProfile['members'][number]; held: HeldSkill } | undefined {
  // Prefer a member held directly over one held by implication, then the posting's order.
  let implied: { member: RequirementProfile['members'][number]; held: HeldSkill } | undefined;
  for (const member of requirement.members) {
    const held = candidate.held.get(member.key);
    if (!held) continue;
    if (held.direct.length > 0) return { member, held };
    implied ??= { member, held };
  }
  return implied;
}

/** Required skills (or groups) a candidate must meet to pass the gate. */
export function requiredToPass(posting: PostingProfile): number {
  const total = posting.requirements.length;
  if (total === 0) return 0; // a posting read from text that names no skill: only its place decides
  return Math.max(1, total - posting.options.allowMissingRequired);
}

/**
 * Keys every candidate passing the posting's gate holds (directly or by implication): the keys of
 * its single-skill requirements, or none when near misses are allowed. For prefiltering in a
 * database (`candidate keys @> these`); the gate itself still decides.
 */
export function mandatoryKeys(posting: PostingProfile): string[] {
  if (posting.options.allowMissingRequired > 0) return [];
  return [...new Set(posting.requirements.filter((requirement) => requirement.members.length === 1).map((requirement) => requirement.members[0]?.key ?? ''))].sort();
}
