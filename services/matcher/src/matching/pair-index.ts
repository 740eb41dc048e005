/**
 * Inverted index of the matcher's in-memory state: skill key → open postings requiring it, skill
 * key → candidates holding it, per organisation. It answers "which pairs could pass the required
 * skills gate?", so only those are scored. It over-approximates (any-of groups and near-miss
 * allowances are left to the scorer) and never misses a pair the gate would let through. A public
 * posting pairs with its organisation's candidates and with the candidates of other organisations
 * who opted in to public postings; any other posting only with its own organisation's.
 */
export interface IndexedPosting {
  id: string;
  organisationId: string;
  /** Open to the candidates of every organisation. */
  public: boolean;
  /** Keys of the single required skills; a candidate must hold all but `allowMissing` of them. */
  requiredKeys: readonly string[];
  allowMissing: number;
}

export interface IndexedCandidate {
  id: string;
  organisationId: string;
  /** Keys of the skills held, implications included. */
  keys: readonly string[];
  /** Opted in to other organisations' public postings. */
  openToPublic: boolean;
}

const slot = (organisationId: string, key: string): string => `${organisationId}\u0000${key}`;
/** Where public postings are indexed: a name no organisation can have (organisation ids are `[\w.:-]+`). */
const PUBLIC = '\u0001public';
const indexedUnder = (posting: IndexedPosting): string => (posting.public ? PUBLIC : posting.organisationId);
/** Where candidates open to public postings are indexed besides their organisation. */
const OPEN_POOL = '\u0001open';
const poolsOf = (candidate: IndexedCandidate): string[] => (candidate.openToPublic ? [candidate.organisationId, OPEN_POOL] : [candidate.organisationId]);

export class PairIndex {
  private readonly postings = new Map<string, IndexedPosting>();
  private readonly candidates = new Map<string, IndexedCandidate>();
  private readonly postingsByKey = new Map<string, Set<string>>();
  private readonly candidatesByKey = new Map<string, Set<string>>();
  /** Postings any candidate of the organisation (or, under PUBLIC, any candidate) may pass (nothing or little required). */
  private readonly openPostingsByOrganisation = new Map<string, Set<string>>();
  private readonly candidatesByOrganisation = new Map<string, Set<string>>();

  get size(): { postings: number; candidates: number } {
    return { postings: this.postings.size, candidates: this.candidates.size };
  }

  upsertPosting(posting: IndexedPosting): void {
    this.removePosting(posting.id);
    const entry = { ...posting, requiredKeys: [...new Set(posting.requiredKeys)] };
    this.postings.set(posting.id, entry);
    if (entry.requiredKeys.length <= entry.allowMissing) {
      add(this.openPostingsByOrganisation, indexedUnder(entry), posting.id);
    } else {
      for (const key of entry.requiredKeys) add(this.postingsByKey, slot(indexedUnder(entry), key), posting.id);
    }
  }

  removePosting(id: string): void {
    const posting = this.postings.get(id);
    if (!posting) return;
    this.postings.delete(id);
    remove(this.openPostingsByOrganisation, indexedUnder(posting), id);
    for (const key of posting.requiredKeys) remove(this.postingsByKey, slot(indexedUnder(posting), key), id);
  }

  upsertCandidate(candidate: IndexedCandidate): void {
    this.removeCandidate(candidate.id);
    const entry = { ...candidate, keys: [...new Set(candidate.keys)] };
    this.candidates.set(candidate.id, entry);
    for (const pool of poolsOf(entry)) {
      add(this.candidatesByOrganisation, pool, candidate.id);
      for (const key of entry.keys) add(this.candidatesByKey, slot(pool, key), candidate.id);
    }
  }

  removeCandidate(id: string): void {
    const candidate = this.candidates.get(id);
    if (!candidate) return;
    this.candidates.delete(id);
    for (const pool of poolsOf(candidate)) {
      remove(this.candidatesByOrganisation, pool, id);
      for (const key of candidate.keys) remove(this.candidatesByKey, slot(pool, key), id);
    }
  }

  /** Indexed candidates that may pass the posting's gate, sorted by id. */
  candidatesFor(postingId: string): string[] {
    const posting = this.postings.get(postingId);
    if (!posting) return [];
    const pools = posting.public ? [posting.organisationId, OPEN_POOL] : [posting.organisationId];
    return [...new Set(pools.flatMap((pool) => this.candidatesOf(posting, pool)))].sort();
  }

  /** One organisation's indexed candidates that may pass the posting's gate. */
  private candidatesOf(posting: IndexedPosting, organisationId: string): string[] {
    const needed = posting.requiredKeys.length - posting.allowMissing;
    if (needed <= 0) return [...(this.candidatesByOrganisation.get(organisationId) ?? [])];
    const sets = posting.requiredKeys.map((key) => this.candidatesByKey.get(slot(organisationId, key)));
    if (posting.allowMissing === 0) {
      // Everyone must hold every key: walk the rarest key's holders and check the rest.
      if (sets.some((set) => !set)) return [];
      const [rarest, ...others] = (sets as Set<string>[]).sort((a, b) => a.size - b.size);
      return [...rarest!].filter((id) => others.every((set) => set.has(id)));
    }
    return atLeast(sets, needed);
  }

  /** Indexed open postings whose gate the candidate may pass, sorted by id (public ones of other organisations only if it opted in). */
  postingsFor(candidateId: string): string[] {
    const candidate = this.candidates.get(candidateId);
    if (!candidate) return [];
    const reachable = (posting: IndexedPosting) => candidate.openToPublic || posting.organisationId === candidate.organisationId;
    const counts = new Map<string, number>();
    const result: string[] = [];
    for (const organisationId of [candidate.organisationId, PUBLIC]) {
      for (const key of candidate.keys) {
        for (const id of this.postingsByKey.get(slot(organisationId, key)) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      result.push(...[...(this.openPostingsByOrganisation.get(organisationId) ?? [])].filter((id) => reachable(this.postings.get(id)!)));
    }
    for (const [id, count] of counts) {
      const posting = this.postings.get(id)!;
      if (count >= posting.requiredKeys.length - posting.allowMissing && reachable(posting)) result.push(id);
    }
    return result.sort();
  }
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

function atLeast(sets: ReadonlyArray<Set<string> | undefined>, needed: number): string[] {
  const counts = new Map<string, number>();
  for (const set of sets) for (const id of set ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].filter(([, count]) => count >= needed).map(([id]) => id);
}
