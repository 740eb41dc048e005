import fc from 'fast-check';
import { PairIndex, type IndexedCandidate, type IndexedPosting } from './pair-index';

const keys = fc.uniqueArray(fc.constantFrom('go', 'sql', 'kafka', 'aws', 'c', 'c++', 'react', 'k8s'), { maxLength: 5 });
const organisation = fc.constantFrom('acme', 'globex');
const postings = fc.uniqueArray(
  fc.record({ id: fc.uuid(), organisationId: organisation, public: fc.boolean(), requiredKeys: keys, allowMissing: fc.integer({ min: 0, max: 2 }) }),
  { selector: (posting) => posting.id, maxLength: 15 },
);
const candidates = fc.uniqueArray(fc.record({ id: fc.uuid(), organisationId: organisation, keys }), {
  selector: (candidate) => candidate.id,
  maxLength: 15,
});

/** The gate the index must never be stricter than: enough required keys held, same organisation unless public. */
function plausible(posting: IndexedPosting, candidate: IndexedCandidate): boolean {
  const held = posting.requiredKeys.filter((key) => candidate.keys.includes(key)).length;
  const reachable = posting.public || posting.organisationId === candidate.organisationId;
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
    index.upsertCandidate({ id: 'c', organisationId: 'acme', keys: ['go'] });
    expect(index.postingsFor('c')).toEqual(['p']);

    index.upsertCandidate({ id: 'c', organisationId: 'acme', keys: ['sql'] });
    expect(index.postingsFor('c')).toEqual([]);
    index.upsertCandidate({ id: 'c', organisationId: 'acme', keys: ['go'] });
    index.removePosting('p');
    expect(index.postingsFor('c')).toEqual([]);
    expect(index.size).toEqual({ postings: 0, candidates: 1 });
  });

  it('never pairs across organisations', () => {
    const index = new PairIndex();
    index.upsertPosting({ id: 'p', organisationId: 'acme', public: false, requiredKeys: [], allowMissing: 0 });
    index.upsertCandidate({ id: 'c', organisationId: 'globex', keys: ['go'] });
    expect(index.candidatesFor('p')).toEqual([]);
  });
});
