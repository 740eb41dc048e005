import { passesLocationGate } from './fit-categories';
import type { CandidatePlaceProfile, PostingPlaceProfile } from './place-profile';
import type { CandidateProfile, PostingProfile } from './prepared';
import { requiredToPass } from './skill-profile';

/**
 * The matcher's inverted index over its in-memory state: skill key → open postings, skill key →
 * candidates, per organisation. It answers "which pairs pass the gates?", so only those are scored.
 *
 * Both lookups are exact: they return the pairs that may pair at all (see below) and for which
 * `scoreMatch` says `eligible` — required skills (any-of groups, implied skills, near misses
 * allowed) and the location gate. A posting needing k of its R requirements is met by a candidate
 * only if the candidate meets at least one of any R − k + 1 of them (pigeonhole): those "sentinel"
 * requirements, chosen with the fewest candidates, narrow the search, and each survivor is checked
 * against the whole gate (skills, then location).
 *
 * A posting pairs with its organisation's candidates; a public posting also with the candidates of
 * other organisations who opted in to public postings. The caller decides what is indexed (open
 * postings, active candidates); ids are unique across organisations. Entries hold skill keys and
 * place profiles only, not the records: the caller keeps those and scores the pairs found.
 */
export interface IndexedPosting {
  readonly id: string;
  readonly organisationId: string;
  /** Open to the candidates of every organisation who opted in to public postings. */
  readonly public: boolean;
  /** One entry per required skill or any-of group: the keys of its members (meeting one is enough). */
  readonly requirements: readonly (readonly string[])[];
  /** How many requirements a candidate must meet (`requiredToPass`): 0 when the posting asks none. */
  readonly need: number;
  readonly places: PostingPlaceProfile;
}

export interface IndexedCandidate {
  readonly id: string;
  readonly organisationId: string;
  /** Keys of the skills held, implied skills included. */
  readonly keys: readonly string[];
  /** Opted in to other organisations' public postings. */
  readonly openToPublic: boolean;
  readonly places: CandidatePlaceProfile;
}

/** The index entry of a posting prepared for scoring (`preparePosting`, with the caller's defaults). */
export function indexedPosting(posting: { readonly id: string; readonly organisationId: string; readonly visibility?: string }, profile: PostingProfile): IndexedPosting {
  return {
    id: posting.id,
    organisationId: posting.organisationId,
    public: posting.visibility === 'public',
    requirements: profile.requirements.map((requirement) => requirement.members.map((member) => member.key)),
    need: requiredToPass(profile),
    places: profile.places,
  };
}

/** The index entry of a candidate prepared for scoring (`prepareCandidate`). */
export function indexedCandidate(
  candidate: { readonly id: string; readonly organisationId: string; readonly openToPublicPostings?: boolean },
  profile: CandidateProfile,
): IndexedCandidate {
  return {
    id: candidate.id,
    organisationId: candidate.organisationId,
    keys: profile.keys,
    openToPublic: candidate.openToPublicPostings === true,
    places: profile.places,
  };
}

interface PostingEntry extends IndexedPosting {
  /** Where the posting is filed: its organisation, or PUBLIC. */
  readonly under: string;
  /** Keys it is filed under (the members of its sentinel requirements); none when it asks no skill. */
  readonly filedUnder: readonly string[];
}

const slot = (pool: string, key: string): string => `${pool}\u0000${key}`;
/** Where public postings are filed: a name no organisation can have (organisation ids are `[\w.:-]+`). */
const PUBLIC = '\u0001public';
/** Where candidates open to public postings are indexed besides their organisation. */
const OPEN_POOL = '\u0001open';
const poolsOf = (candidate: IndexedCandidate): string[] => (candidate.openToPublic ? [candidate.organisationId, OPEN_POOL] : [candidate.organisationId]);

export class PairIndex {
  private readonly postings = new Map<string, PostingEntry>();
  private readonly candidates = new Map<string, IndexedCandidate>();
  /** slot(organisation or PUBLIC, key) → postings filed under the key. */
  private readonly postingsByKey = new Map<string, Set<string>>();
  /** slot(organisation or OPEN_POOL, key) → candidates holding the key. */
  private readonly candidatesByKey = new Map<string, Set<string>>();
  /** Organisation or PUBLIC → postings that ask no skill (only their place decides). */
  private readonly openPostings = new Map<string, Set<string>>();
  /** Organisation or OPEN_POOL → candidates. */
  private readonly candidatesByPool = new Map<string, Set<string>>();

  get size(): { postings: number; candidates: number } {
    return { postings: this.postings.size, candidates: this.candidates.size };
  }

  upsertPosting(posting: IndexedPosting): void {
    this.removePosting(posting.id);
    const under = posting.public ? PUBLIC : posting.organisationId;
    const pools = posting.public ? [posting.organisationId, OPEN_POOL] : [posting.organisationId];
    const filedUnder = posting.need === 0 ? [] : [...new Set(this.sentinels(posting, pools).flat())];
    this.postings.set(posting.id, { ...posting, under, filedUnder });
    if (posting.need === 0) add(this.openPostings, under, posting.id);
    for (const key of filedUnder) add(this.postingsByKey, slot(under, key), posting.id);
  }

  removePosting(id: string): void {
    const posting = this.postings.get(id);
    if (!posting) return;
    this.postings.delete(id);
    remove(this.openPostings, posting.under, id);
    for (const key of posting.filedUnder) remove(this.postingsByKey, slot(posting.under, key), id);
  }

  upsertCandidate(candidate: IndexedCandidate): void {
    this.removeCandidate(candidate.id);
    const entry = { ...candidate, keys: [...new Set(candidate.keys)] };
    this.candidates.set(candidate.id, entry);
    for (const pool of poolsOf(entry)) {
      add(this.candidatesByPool, pool, candidate.id);
      for (const key of entry.keys) add(this.candidatesByKey, slot(pool, key), candidate.id);
    }
  }

  removeCandidate(id: string): void {
    const candidate = this.candidates.get(id);
    if (!candidate) return;
    this.candidates.delete(id);
    for (const pool of poolsOf(candidate)) {
      remove(this.candidatesByPool, pool, id);
      for (const key of candidate.keys) remove(this.candidatesByKey, slot(pool, key), id);
    }
  }

  /** The indexed candidates the posting may pair with and whose gates they pass, sorted by id. */
  candidatesFor(postingId: string): string[] {
    const posting = this.postings.get(postingId);
    if (!posting) return [];
    const found = new Set<string>();
    for (const pool of posting.public ? [posting.organisationId, OPEN_POOL] : [posting.organisationId]) {
      if (posting.need === 0) {
        for (const id of this.candidatesByPool.get(pool) ?? []) found.add(id);
        continue;
      }
      // Each requirement's holders in this pool, looked up once: a survivor is checked against them.
      const holders = posting.requirements.map((requirement) => requirement.map((key) => this.candidatesByKey.get(slot(pool, key))));
      const seen = new Set<string>();
      for (const requirement of this.sentinels(posting, [pool])) {
        for (const key of requirement) {
          for (const id of this.candidatesByKey.get(slot(pool, key)) ?? []) {
            if (seen.has(id)) continue;
            seen.add(id);
            if (passesSkills(posting, (i) => holders[i]!.some((set) => set?.has(id) === true))) found.add(id);
          }
        }
      }
    }
    return [...found].filter((id) => passesLocationGate(posting.places, this.candidates.get(id)!.places)).sort();
  }

  /** The indexed postings the candidate may pair with and whose gates they pass, sorted by id. */
  postingsFor(candidateId: string): string[] {
    const candidate = this.candidates.get(candidateId);
    if (!candidate) return [];
    const held = new Set(candidate.keys);
    const found = new Set<string>();
    for (const under of [candidate.organisationId, PUBLIC]) {
      for (const id of this.openPostings.get(under) ?? []) found.add(id);
      for (const key of candidate.keys) for (const id of this.postingsByKey.get(slot(under, key)) ?? []) found.add(id);
    }
    return [...found]
      .filter((id) => {
        const posting = this.postings.get(id)!;
        const reachable = posting.organisationId === candidate.organisationId || candidate.openToPublic;
        return reachable && passesSkills(posting, (i) => posting.requirements[i]!.some((key) => held.has(key))) && passesLocationGate(posting.places, candidate.places);
      })
      .sort();
  }

  /**
   * R − k + 1 requirements of a posting needing k of R, those with the fewest candidates in these
   * pools now (ties: the posting's order). Any choice is correct; rare ones keep lookups small.
   */
  private sentinels(posting: IndexedPosting, pools: readonly string[]): (readonly string[])[] {
    const sized = posting.requirements.map((requirement, order) => ({
      requirement,
      order,
      size: requirement.reduce((total, key) => total + pools.reduce((sum, pool) => sum + (this.candidatesByKey.get(slot(pool, key))?.size ?? 0), 0), 0),
    }));
    sized.sort((a, b) => a.size - b.size || a.order - b.order);
    return sized.slice(0, posting.requirements.length - posting.need + 1).map((entry) => entry.requirement);
  }
}

/**
 * Whether a candidate meets enough of the posting's requirements (`meets(i)`: the candidate holds a
 * member of requirement i): the required-skills gate, exactly as `scorePrepared` decides it.
 */
function passesSkills(posting: IndexedPosting, meets: (requirement: number) => boolean): boolean {
  if (posting.need === 0) return true;
  let met = 0;
  let left = posting.requirements.length;
  for (let i = 0; i < posting.requirements.length; i++) {
    if (meets(i)) met += 1;
    left -= 1;
    if (met >= posting.need) return true;
    if (met + left < posting.need) return false;
  }
  return false;
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function remove(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
