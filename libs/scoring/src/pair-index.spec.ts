import fc from 'fast-check';
import { indexedCandidate, indexedPosting, PairIndex } from './pair-index';
import { prepareCandidate, preparePosting } from './prepared';
import { scoreMatch } from './score-match';
import type { ScoringCandidate, ScoringPosting } from './scoring.types';
import { candidateArb, postingArb } from './testing/arbitraries';
import { fixtureTaxonomy as taxonomy } from './testing/fixture-taxonomy';

// The index against the truth: scoring every pair with `scoreMatch` (never the index itself). It
// must find exactly the pairs that may pair (same organisation, or a public posting and a
// candidate open to public postings) and that scoring finds eligible, in both directions, after
// any sequence of additions, updates and removals (any-of groups, near misses, aliases, implied
// skills, places and applicant restrictions all drawn).

interface Posting {
  organisationId: string;
  visibility: 'organisation' | 'public';
  posting: ScoringPosting;
}

interface Candidate {
  organisationId: string;
  openToPublicPostings: boolean;
  candidate: ScoringCandidate;
}

const organisationArb = fc.constantFrom('acme', 'globex');

// The shared generators, on a narrower set of skills (names, aliases, implications: FastAPI ⇒
// Python, Postgres ⇒ SQL) so that pairs pass the skills gate often, and half of them without
// places, so that the location gate does not rule out most of those.
const DENSE = ['Python', 'py', 'FastAPI', 'Django', 'Postgres', 'PostgreSQL', 'MySQL', 'SQL', 'k8s', 'Kubernetes', 'Go', 'Golang'] as const;
const denseSkill = fc.constantFrom(...DENSE);
const denseRequirement: fc.Arbitrary<ScoringPosting['requiredSkills'][number]> = fc.oneof(
  { weight: 3, arbitrary: denseSkill },
  { weight: 1, arbitrary: fc.uniqueArray(denseSkill, { minLength: 2, maxLength: 3 }).map((anyOf) => ({ anyOf })) },
);
const densePostingArb: fc.Arbitrary<ScoringPosting> = fc
  .record({ posting: postingArb, requiredSkills: fc.array(denseRequirement, { maxLength: 4 }), placed: fc.boolean() })
  .map(({ posting, requiredSkills, placed }) =>
    placed ? { ...posting, requiredSkills } : { ...posting, requiredSkills, workplace: undefined, location: undefined, applicantLocation: undefined },
  );
const denseCandidateArb: fc.Arbitrary<ScoringCandidate> = fc
  .record({ candidate: candidateArb, skills: fc.array(denseSkill, { minLength: 1, maxLength: 5 }), placed: fc.boolean() })
  .map(({ candidate, skills, placed }) => {
    const named = skills.map((name) => ({ name }));
    return placed ? { ...candidate, skills: named } : { ...candidate, skills: named, location: undefined, willingToRelocate: undefined, workplacePreference: undefined };
  });
const POSTING_IDS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const CANDIDATE_IDS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'];

type Operation =
  | ({ kind: 'posting'; id: string } & Posting)
  | ({ kind: 'candidate'; id: string } & Candidate)
  | { kind: 'remove-posting'; id: string }
  | { kind: 'remove-candidate'; id: string };

const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('posting' as const),
      id: fc.constantFrom(...POSTING_IDS),
      organisationId: organisationArb,
      visibility: fc.constantFrom('organisation' as const, 'organisation' as const, 'public' as const),
      posting: fc.oneof(densePostingArb, postingArb),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('candidate' as const),
      id: fc.constantFrom(...CANDIDATE_IDS),
      organisationId: organisationArb,
      openToPublicPostings: fc.boolean(),
      candidate: fc.oneof(denseCandidateArb, candidateArb),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-posting' as const), id: fc.constantFrom(...POSTING_IDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-candidate' as const), id: fc.constantFrom(...CANDIDATE_IDS) }) },
);

/** Files a posting or candidate as the matcher does: prepared through the taxonomy, then indexed. */
function putPosting(index: PairIndex, id: string, { organisationId, visibility, posting }: Posting): void {
  index.upsertPosting(indexedPosting({ id, organisationId, visibility }, preparePosting(posting, taxonomy)));
}

function putCandidate(index: PairIndex, id: string, { organisationId, openToPublicPostings, candidate }: Candidate): void {
  index.upsertCandidate(indexedCandidate({ id, organisationId, openToPublicPostings }, prepareCandidate(candidate, taxonomy)));
}

/** The truth: the pair may pair at all, and scoring finds it eligible. */
function eligible(posting: Posting, candidate: Candidate): boolean {
  const reachable = posting.organisationId === candidate.organisationId || (posting.visibility === 'public' && candidate.openToPublicPostings);
  return reachable && scoreMatch(posting.posting, candidate.candidate, taxonomy).eligible;
}

describe('PairIndex', () => {
  it('finds exactly the pairs that scoring every pair finds eligible, in both directions, after any additions, updates and removals', () => {
    let eligiblePairs = 0;
    let crossOrganisationPairs = 0;
    fc.assert(
      fc.property(fc.array(operationArb, { maxLength: 60, size: 'medium' }), (operations) => {
        const index = new PairIndex();
        const postings = new Map<string, Posting>();
        const candidates = new Map<string, Candidate>();
        for (const operation of operations) {
          switch (operation.kind) {
            case 'posting':
              putPosting(index, operation.id, operation);
              postings.set(operation.id, operation);
              break;
            case 'candidate':
              putCandidate(index, operation.id, operation);
              candidates.set(operation.id, operation);
              break;
            case 'remove-posting':
              index.removePosting(operation.id);
              postings.delete(operation.id);
              break;
            case 'remove-candidate':
              index.removeCandidate(operation.id);
              candidates.delete(operation.id);
              break;
          }
        }
        const pairs = [...postings].flatMap(([postingId, posting]) =>
          [...candidates].filter(([, candidate]) => eligible(posting, candidate)).map(([candidateId, candidate]) => ({ postingId, candidateId, cross: posting.organisationId !== candidate.organisationId })),
        );
        eligiblePairs += pairs.length;
        crossOrganisationPairs += pairs.filter((pair) => pair.cross).length;
        for (const postingId of postings.keys()) {
          const expected = pairs.filter((pair) => pair.postingId === postingId).map((pair) => pair.candidateId).sort();
          expect({ postingId, candidates: index.candidatesFor(postingId) }).toEqual({ postingId, candidates: expected });
        }
        for (const candidateId of candidates.keys()) {
          const expected = pairs.filter((pair) => pair.candidateId === candidateId).map((pair) => pair.postingId).sort();
          expect({ candidateId, postings: index.postingsFor(candidateId) }).toEqual({ candidateId, postings: expected });
        }
        expect(index.size).toEqual({ postings: postings.size, candidates: candidates.size });
      }),
      { numRuns: 200 },
    );
    // The generators reach the gates, across organisations too, often enough for the check to mean something.
    expect(eligiblePairs).toBeGreaterThan(400);
    expect(crossOrganisationPairs).toBeGreaterThan(50);
  });

  const posting = (...requiredSkills: ScoringPosting['requiredSkills']): Posting => ({ organisationId: 'acme', visibility: 'organisation', posting: { requiredSkills } });
  const candidate = (...names: string[]): Candidate => ({ organisationId: 'acme', openToPublicPostings: false, candidate: { skills: names.map((name) => ({ name })) } });

  it('follows aliases, implications, any-of groups and near misses', () => {
    const index = new PairIndex();
    putCandidate(index, 'ada', candidate('FastAPI', 'psql'));
    putCandidate(index, 'bob', candidate('Python'));
    putPosting(index, 'python-sql', posting('Python', 'SQL'));
    putPosting(index, 'web', posting({ anyOf: ['Django', 'FastAPI'] }));
    const near = posting('Python', 'Postgres', 'AWS');
    putPosting(index, 'near', { ...near, posting: { ...near.posting, matching: { allowMissingRequired: 2 } } });
    expect(index.candidatesFor('python-sql')).toEqual(['ada']);
    expect(index.candidatesFor('web')).toEqual(['ada']);
    expect(index.candidatesFor('near')).toEqual(['ada', 'bob']);
    expect(index.postingsFor('ada')).toEqual(['near', 'python-sql', 'web']);
    expect(index.postingsFor('bob')).toEqual(['near']);
  });

  it('never pairs across organisations a posting that is not public', () => {
    const index = new PairIndex();
    putCandidate(index, 'ada', { ...candidate('Go'), organisationId: 'globex', openToPublicPostings: true });
    putPosting(index, 'go', posting('Go'));
    putPosting(index, 'anything', posting());
    expect(index.candidatesFor('go')).toEqual([]);
    expect(index.candidatesFor('anything')).toEqual([]);
    expect(index.postingsFor('ada')).toEqual([]);
  });

  it('pairs a public posting with another organisation’s candidate only while they are open to public postings', () => {
    const index = new PairIndex();
    putPosting(index, 'p', { ...posting('Go'), visibility: 'public' });
    putPosting(index, 'q', { ...posting(), visibility: 'public' });
    putCandidate(index, 'own', candidate('Go'));
    putCandidate(index, 'other', { ...candidate('Go'), organisationId: 'globex' });
    expect(index.candidatesFor('p')).toEqual(['own']);
    expect(index.postingsFor('other')).toEqual([]);

    putCandidate(index, 'other', { ...candidate('Go'), organisationId: 'globex', openToPublicPostings: true });
    expect(index.candidatesFor('p')).toEqual(['other', 'own']);
    expect(index.candidatesFor('q')).toEqual(['other', 'own']);
    expect(index.postingsFor('other')).toEqual(['p', 'q']);

    putCandidate(index, 'other', { ...candidate('Go'), organisationId: 'globex' });
    expect(index.candidatesFor('p')).toEqual(['own']);
    expect(index.postingsFor('other')).toEqual([]);
  });

  it('forgets what was updated away or removed', () => {
    const index = new PairIndex();
    putCandidate(index, 'ada', candidate('Go'));
    putPosting(index, 'go', posting('Go'));
    expect(index.candidatesFor('go')).toEqual(['ada']);
    putCandidate(index, 'ada', candidate('Rust'));
    expect(index.candidatesFor('go')).toEqual([]);
    expect(index.postingsFor('ada')).toEqual([]);
    putCandidate(index, 'ada', candidate('Go'));
    putPosting(index, 'go', posting('Rust'));
    expect(index.postingsFor('ada')).toEqual([]);
    putPosting(index, 'go', posting('Go'));
    index.removePosting('go');
    expect(index.postingsFor('ada')).toEqual([]);
    expect(index.candidatesFor('go')).toEqual([]);
    expect(index.size).toEqual({ postings: 0, candidates: 1 });
    index.removeCandidate('ada');
    expect(index.size).toEqual({ postings: 0, candidates: 0 });
  });
});
