import fc from 'fast-check';
import { PairIndex, type IndexedCandidate, type IndexedPosting } from './pair-index';

const keys = fc.uniqueArray(fc.constantFrom('go', 'sql', 'kafka', 'aws', 'c', 'c++', 'react', 'k8s'), { maxLength: 5 });
const organisation = fc.constantFrom('acme', 'globex');
const postings = fc.uniqueArray(
  fc.record({ id: fc.uuid(), organisationId: organisation, public: fc.boolean(), requiredKeys: keys, allowMissing: fc.integer({ min: 0, max: 2 }) }),
  { selector: (posting) => posting.id, maxLength: 15 },
);
const candidates = fc.uniqueArray(fc.record({ id: fc.uuid(), organisationId: organisation, keys, openToPublic: fc.boolean() }), {
  selector: (candidate) => candidate.id,
  maxLength: 15,
});

/**
 * The gate the index must never be stricter than: enough required keys held, same organisation
 * unless the posting is public and the candidate opted in to public postings.
 */
function plausible(posting: IndexedPosting, candidate: IndexedCandidate): boolean {
  const held = posting.requiredKeys.filter((key) => candidate.keys.includes(key)).length;
  const reachable = posting.organisationId === candidate.organisationId || (posting.public && candidate.openToPublic);
  return reachable && held >= posting.requiredKeys.length - posting.allowMissing;
}

describe('PairIndex', () => {
  it('finds exactly the plausible pairs, in both directions, as checking every pair would', () => {
    fc.assert(
      fc.property(postings, candidates, (allPostings, allCandidates) => {
        const index = new PairIndex();
        allPostings.forEach((posting) => index.upsertPosting(posting));
        allCandidates.forEach((candidate) => index.upsertCandidate(candidate));
        for (const posting of allPostings) {
          const expected = allCandidates.filter((candidate) => plausible(posting, candidate)).map((c) => c.id).sort();
          expect(index.candidatesFor(posting.id)).toEqual(expected);
        }
        for (const candidate of allCandidates) {
          const expected = allPostings.filter((posting) => plausible(posting, candidate)).map((p) => p.id).sort();
          expect(index.postingsFor(candidate.id)).toEqual(expected);
        }
      }),
    );
  });

  it('forgets removed and replaced entries', () => {
    const index = new PairIndex();
    index.upsertPosting({ id: 'p', organisationId: 'acme', public: false, requiredKeys: ['go'], allowMissing: 0 });
    index.upsertCandidate({ id: 'c', organisationId: 'acme', keys: ['go'], openToPublic: false });
    expect(index.postingsFor('c')).toEqual(['p']);

    index.upsertCandidate({ id: 'c', organisationId: 'acme', keys: ['sql'], openToPublic: false });
    expect(index.postingsFor('c')).toEqual([]);
    index.upsertCandidate({ id: 'c', organisationId: 'acme', keys: ['go'], openToPublic: false });
    index.removePosting('p');
    expect(index.postingsFor('c')).toEqual([]);
    expect(index.size).toEqual({ postings: 0, candidates: 1 });
  });

  it('never pairs across organisations', () => {
    const index = new PairIndex();
    index.upsertPosting({ id: 'p', organisationId: 'acme', public: false, requiredKeys: [], allowMissing: 0 });
    index.upsertCandidate({ id: 'c', organisationId: 'globex', keys: ['go'], openToPublic: false });
    expect(index.candidatesFor('p')).toEqual([]);
  });

  it('pairs a public posting with another organisation’s candidate only while they are open to public postings', () => {
    const index = new PairIndex();
    index.upsertPosting({ id: 'p', organisationId: 'acme', public: true, requiredKeys: ['go'], allowMissing: 0 });
    index.upsertPosting({ id: 'q', organisationId: 'acme', public: true, requiredKeys: [], allowMissing: 0 });
    index.upsertCandidate({ id: 'own', organisationId: 'acme', keys: ['go'], openToPublic: false });
    index.upsertCandidate({ id: 'other', organisationId: 'globex', keys: ['go'], openToPublic: false });
    expect(index.candidatesFor('p')).toEqual(['own']);
    expect(index.postingsFor('other')).toEqual([]);

    index.upsertCandidate({ id: 'other', organisationId: 'globex', keys: ['go'], openToPublic: true });
    expect(index.candidatesFor('p')).toEqual(['other', 'own']);
    expect(index.candidatesFor('q')).toEqual(['other', 'own']);
    expect(index.postingsFor('other')).toEqual(['p', 'q']);

    index.upsertCandidate({ id: 'other', organisationId: 'globex', keys: ['go'], openToPublic: false });
    expect(index.candidatesFor('p')).toEqual(['own']);
    expect(index.postingsFor('other')).toEqual([]);
  });
});
