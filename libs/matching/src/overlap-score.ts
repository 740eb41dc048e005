import type { MatchExplanation } from '@talent/contracts';

/** A required skill, or a group of which one is enough. */
export type Requirement = string | { readonly anyOf: readonly string[] };

export interface PostingSkills {
  requiredSkills: readonly Requirement[];
  preferredSkills: readonly string[];
}

export interface CandidateSkills {
  skills: readonly string[];
}

export interface MatchResult {
  /** Every required skill is met: only then is the pair a match. */
  eligible: boolean;
  score: number;
  explanation: MatchExplanation;
}

/** Weights of the overlap score, in points out of 100. */
export const OVERLAP_WEIGHTS = { required: 70, preferred: 30 } as const;

/** Case- and spacing-insensitive comparison key of a skill. */
export function normalizeSkill(skill: string): string {
  return skill.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A simple overlap score: the share of required skills met (70 points) and of preferred skills
 * met (30 points; a posting without preferred skills gives them all to required ones).
 * Deterministic: the same inputs always give the same score and explanation.
 */
export function scoreOverlap(posting: PostingSkills, candidate: CandidateSkills): MatchResult {
  const has = new Set(candidate.skills.map(normalizeSkill));
  const [matchedRequired, missingRequired] = partitionRequirements(posting.requiredSkills, has);
  const [matchedPreferred, missingPreferred] = partition(unique(posting.preferredSkills), has);
  const requiredShare = share(matchedRequired.length, matchedRequired.length + missingRequired.length);
  const preferredTotal = matchedPreferred.length + missingPreferred.length;
  const score =
    preferredTotal === 0
      ? 100 * requiredShare
      : OVERLAP_WEIGHTS.required * requiredShare + OVERLAP_WEIGHTS.preferred * share(matchedPreferred.length, preferredTotal);
  const requiredTotal = matchedRequired.length + missingRequired.length;
  const summary =
    `${matchedRequired.length} of ${requiredTotal} required skills` +
    (missingRequired.length > 0 ? `; missing ${missingRequired.join(', ')}` : '') +
    (preferredTotal > 0 ? `; ${matchedPreferred.length} of ${preferredTotal} preferred skills` : '');
  return {
    eligible: requiredTotal > 0 && missingRequired.length === 0,
    score: Math.round(score * 10) / 10,
    explanation: { summary, matchedRequired, missingRequired, matchedPreferred, missingPreferred },
  };
}

function unique(skills: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const skill of skills) {
    const key = normalizeSkill(skill);
    if (!seen.has(key)) seen.set(key, skill.trim());
  }
  return [...seen.values()];
}

/** A group is met by any member; it is shown by the member that met it, or as "A | B | C". */
function partitionRequirements(requirements: readonly Requirement[], has: Set<string>): [string[], string[]] {
  const matched: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const requirement of requirements) {
    const members = typeof requirement === 'string' ? [requirement] : unique(requirement.anyOf);
    const key = members.map(normalizeSkill).sort().join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    const met = members.find((member) => has.has(normalizeSkill(member)));
    if (met !== undefined) matched.push(met.trim());
    else missing.push(members.map((member) => member.trim()).join(' | '));
  }
  return [matched, missing];
}

/** The single (non-group) required skills: a candidate must hold all of them to be eligible. */
export function mandatorySkillKeys(requirements: readonly Requirement[]): string[] {
  return [...new Set(requirements.filter((r): r is string => typeof r === 'string').map(normalizeSkill))];
}

function partition(skills: string[], has: Set<string>): [string[], string[]] {
  const matched = skills.filter((skill) => has.has(normalizeSkill(skill)));
  const missing = skills.filter((skill) => !has.has(normalizeSkill(skill)));
  return [matched, missing];
}

function share(part: number, total: number): number {
  return total === 0 ? 0 : part / total;
}
