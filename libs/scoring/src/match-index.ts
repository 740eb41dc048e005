import type { Taxonomy } from '@talent/skills';
import { passesLocationGate } from './fit-categories';
import { prepareCandidate, preparePosting, type CandidateProfile, type PostingProfile } from './prepared';
import { scorePrepared } from './score-match';
import { metBy, requiredToPass, type RequirementProfile } from './skill-profile';
import type { MatchingOptions, MatchScore, ScoringCandidate, ScoringPosting } from './scoring.types';

interface PostingEntry<P> {
  readonly organisationId: string;
  readonly source: P;
  readonly profile: PostingProfile;
  /** Keys the posting is filed under (the members of its sentinel requirements). */
  readonly filedUnder: readonly string[];
}

interface CandidateEntry<C> {
  readonly organisationId: string;
  readonly source: C;
  readonly profile: CandidateProfile;
}

/** organisation → skill key → ids */
type Postings = Map<string, Map<string, Set<string>>>;

function file(index: Postings, organisationId: string, key: string, id: string): void {
  let byKey = index.get(organisationId);
  if (!byKey) {
    byKey = new Map();
    index.set(organisationId, byKey);
  }
  let ids = byKey.get(key);
  if (!ids) {
    ids = new Set();
    byKey.set(key, ids);
  }
  ids.add(id);
}

function unfile(index: Postings, organisationId: string, key: string, id: string): void {
  const byKey = index.get(organisationId);
  const ids = byKey?.get(key);
  if (!byKey || !ids) return;
  ids.delete(id);
  if (ids.size === 0) byKey.delete(key);
  if (byKey.size === 0) index.delete(organisationId);
}

/**
 * Whether a candidate passes a posting's gates, required skills and location: exactly
 * `scorePrepared(...).eligible`.
 */
/** Where postings that ask no skill are filed: a key no skill has (skill keys are trimmed, lower-case text). */
const OPEN = '\u0000open';

export function passesGate(posting: PostingProfile, candidate: CandidateProfile): boolean {
  return passesSkillsGate(posting, candidate) && passesLocationGate(posting.places, candidate.places);
}

/** Whether a candidate passes a posting's required-skills gate alone. */
function passesSkillsGate(posting: PostingProfile, candidate: CandidateProfile): boolean {
  const need = requiredToPass(posting);
  if (need === 0) return true;
  let met = 0;
  let left = posting.requirements.length;
  for (const requirement of posting.requirements) {
    if (metBy(requirement, candidate)) met += 1;
    left -= 1;
    if (met >= need) return true;
    if (met + left < need) return false;
  }
  return false;
}

/**
 * An inverted index (skill key → candidates, skill key → postings) per organisation, so only the
 * pairs that can pass the required-skills gate are scored. Pairs never cross organisations.
 *
 * Both lookups are exact, not just plausible: they return the ids for which `scoreMatch` says
 * `eligible`, including any-of groups, implications, near-miss postings and the location gate. A
 * posting needing k of its R requirements is met by a candidate only if the candidate meets at
 * least one of any R − k + 1 of them (pigeonhole): those "sentinel" requirements, chosen with the
 * fewest candidates, narrow the search, and each survivor is checked against the whole gate
 * (skills, then location).
 *
 * The caller decides what is indexed (open postings, active candidates); ids are unique across
 * organisations.
 */
export class MatchIndex<P extends ScoringPosting = ScoringPosting, C extends ScoringCandidate = ScoringCandidate> {
  private readonly taxonomy: Taxonomy;
  private readonly defaults: MatchingOptions | undefined;
  private readonly postings = new Map<string, PostingEntry<P>>();
  private readonly candidates = new Map<string, CandidateEntry<C>>();
  private readonly candidatesByKey: Postings = new Map();
  private readonly postingsByKey: Postings = new Map();

  /** `defaults` are the service's matching options; each posting's own options take precedence. */
  constructor(taxonomy: Taxonomy, defaults?: MatchingOptions) {
    this.taxonomy = taxonomy;
    this.defaults = defaults;
  }

  get postingCount(): number {
    return this.postings.size;
  }

  get candidateCount(): number {
    return this.candidates.size;
  }

  posting(id: string): P | undefined {
    return this.postings.get(id)?.source;
  }

  candidate(id: string): C | undefined {
    return this.candidates.get(id)?.source;
  }

  upsertPosting(id: string, organisationId: string, posting: P): void {
    this.removePosting(id);
    const profile = preparePosting(posting, this.taxonomy, this.defaults);
    const filedUnder = this.sentinels(organisationId, profile).flatMap((requirement) => requirement.members.map((member) => member.key));
    for (const key of filedUnder) file(this.postingsByKey, organisationId, key, id);
    // A posting that asks no skill (read from a text naming none) is open to every candidate its place admits.
    if (requiredToPass(profile) === 0) file(this.postingsByKey, organisationId, OPEN, id);
    this.postings.set(id, { organisationId, source: posting, profile, filedUnder: requiredToPass(profile) === 0 ? [OPEN] : filedUnder });
  }

  removePosting(id: string): void {
    const entry = this.postings.get(id);
    if (!entry) return;
    for (const key of entry.filedUnder) unfile(this.postingsByKey, entry.organisationId, key, id);
    this.postings.delete(id);
  }

  upsertCandidate(id: string, organisationId: string, candidate: C): void {
    this.removeCandidate(id);
    const profile = prepareCandidate(candidate, this.taxonomy);
    for (const key of profile.keys) file(this.candidatesByKey, organisationId, key, id);
    this.candidates.set(id, { organisationId, source: candidate, profile });
  }

  removeCandidate(id: string): void {
    const entry = this.candidates.get(id);
    if (!entry) return;
    for (const key of entry.profile.keys) unfile(this.candidatesByKey, entry.organisationId, key, id);
    this.candidates.delete(id);
  }

  /** The indexed candidates of the posting's organisation that pass its gate, sorted by id. */
  candidatesFor(postingId: string): string[] {
    const posting = this.postings.get(postingId);
    if (!posting) return [];
    const byKey = this.candidatesByKey.get(posting.organisationId);
    const found = new Set<string>();
    if (requiredToPass(posting.profile) === 0) {
      for (const [id, candidate] of this.candidates) if (candidate.organisationId === posting.organisationId) found.add(id);
    }
    for (const requirement of this.sentinels(posting.organisationId, posting.profile)) {
      for (const member of requirement.members) {
        for (const id of byKey?.get(member.key) ?? []) found.add(id);
      }
    }
    return [...found].filter((id) => passesGate(posting.profile, (this.candidates.get(id) as CandidateEntry<C>).profile)).sort();
  }

  /** The indexed postings of the candidate's organisation whose gate the candidate passes, sorted by id. */
  postingsFor(candidateId: string): string[] {
    const candidate = this.candidates.get(candidateId);
    if (!candidate) return [];
    const byKey = this.postingsByKey.get(candidate.organisationId);
    const found = new Set<string>(byKey?.get(OPEN) ?? []);
    for (const key of candidate.profile.keys) {
      for (const id of byKey?.get(key) ?? []) found.add(id);
    }
    return [...found].filter((id) => passesGate((this.postings.get(id) as PostingEntry<P>).profile, candidate.profile)).sort();
  }

  /** Scores an indexed pair (prepared once, so cheap); undefined when either is not indexed. */
  score(postingId: string, candidateId: string): MatchScore | undefined {
    const posting = this.postings.get(postingId);
    const candidate = this.candidates.get(candidateId);
    if (!posting || !candidate) return undefined;
    return scorePrepared(posting.profile, candidate.profile);
  }

  /**
   * R − k + 1 requirements of a posting needing k of R, those with the fewest candidates now (ties:
   * the posting's order). Any choice is correct; rare ones keep lookups small.
   */
  private sentinels(organisationId: string, profile: PostingProfile): RequirementProfile[] {
    const need = requiredToPass(profile);
    if (!Number.isFinite(need) || need === 0) return [];
    const byKey = this.candidatesByKey.get(organisationId);
    const sized = profile.requirements.map((requirement, order) => ({
      requirement,
      order,
      size: requirement.members.reduce((total, member) => total + (byKey?.get(member.key)?.size ?? 0), 0),
    }));
    sized.sort((a, b) => a.size - b.size || a.order - b.order);
    return sized.slice(0, profile.requirements.length - need + 1).map((entry) => entry.requirement);
  }
}
