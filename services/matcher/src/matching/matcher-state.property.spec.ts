import fc from 'fast-check';
import type { CandidateState, PostingState, SkillRequirement } from '@talent/contracts';
import { scoreMatch } from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import { MatcherState } from './matcher-state';
import { mayPair } from './scorer';

// The index the matcher runs (PairIndex of @talent/scoring), through the state that keeps it and
// the service's own conversions (any-of groups, near-miss allowances, aliases and implied skills,
// places; public postings and candidates open to them; updates, closings, withdrawals,
// re-opening), against the truth: scoring every pair with `scoreMatch`. It must never miss a pair
// that scoring finds eligible, never keep one it does not, and never hold a posting that is closed
// or a candidate that is withdrawn.

const now = new Date().toISOString();
const POSTING_IDS = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-00000000000d'];
const CANDIDATE_IDS = ['00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-0000000000c4', '00000000-0000-4000-8000-0000000000c5'];
const ORGANISATIONS = ['acme', 'globex'];

// Skills as postings name them, and as candidates write them: aliases ("Postgres", "Golang",
// "k8s"), versions ("Python 3.12"), skills implying others (Django → Python, EKS → AWS and
// Kubernetes, Next.js → React), related ones that do not meet a requirement (MySQL, Vue).
const REQUIRED = ['Python', 'PostgreSQL', 'Go', 'Kubernetes', 'AWS', 'React', 'TypeScript', 'Kafka'];
const HELD = ['Python 3.12', 'Django', 'Postgres', 'Golang', 'k8s', 'Amazon EKS', 'Next.js', 'TypeScript', 'Apache Kafka', 'MySQL', 'Vue', 'JavaScript', 'AWS'];

// Places: on-site and hybrid roles rule out candidates known to be in another country (unless they
// would relocate); a remote role, or a side that names no place, rules out no one.
const PLACES = [{ city: 'Berlin', country: 'Germany' }, { city: 'Munich', country: 'Germany' }, { city: 'Paris', country: 'France' }, { city: 'Austin', region: 'TX' }];
const place = fc.option(fc.constantFrom(...PLACES), { nil: undefined });

const requirement: fc.Arbitrary<SkillRequirement> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...REQUIRED) },
  { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...REQUIRED), { minLength: 2, maxLength: 3 }).map((anyOf) => ({ anyOf })) },
);

const postingOp = fc.record({
  kind: fc.constant('posting' as const),
  id: fc.constantFrom(...POSTING_IDS),
  organisationId: fc.constantFrom(...ORGANISATIONS),
  requiredSkills: fc.array(requirement, { minLength: 1, maxLength: 4 }),
  allowMissingRequired: fc.constantFrom(0, 0, 1, 2),
  visibility: fc.constantFrom('organisation' as const, 'public' as const),
  workplace: fc.constantFrom('on-site' as const, 'hybrid' as const, 'remote' as const),
  location: place,
  status: fc.constantFrom('open' as const, 'open' as const, 'closed' as const),
});
const candidateOp = fc.record({
  kind: fc.constant('candidate' as const),
  id: fc.constantFrom(...CANDIDATE_IDS),
  organisationId: fc.constantFrom(...ORGANISATIONS),
  skills: fc.uniqueArray(fc.constantFrom(...HELD), { minLength: 1, maxLength: 5 }),
  openToPublicPostings: fc.boolean(),
  location: place,
  willingToRelocate: fc.boolean(),
  status: fc.constantFrom('active' as const, 'active' as const, 'withdrawn' as const),
});
const operations = fc.array(fc.oneof(postingOp, candidateOp), { minLength: 1, maxLength: 40, size: 'medium' });

type Operation = typeof postingOp extends fc.Arbitrary<infer P> ? P | (typeof candidateOp extends fc.Arbitrary<infer C> ? C : never) : never;

/** Applies the operations as the matcher does, each a new version of its record. */
function run(ops: readonly Operation[]): { state: MatcherState; postings: Map<string, PostingState>; candidates: Map<string, CandidateState> } {
  const state = new MatcherState();
  const postings = new Map<string, PostingState>();
  const candidates = new Map<string, CandidateState>();
  for (const op of ops) {
    if (op.kind === 'posting') {
      const posting: PostingState = {
        id: op.id, organisationId: op.organisationId, externalId: null, title: 'Engineer', requiredSkills: op.requiredSkills, preferredSkills: [],
        matching: { allowMissingRequired: op.allowMissingRequired }, visibility: op.visibility, workplace: op.workplace,
        ...(op.location && { location: op.location }), status: op.status,
        version: (postings.get(op.id)?.version ?? 0) + 1, createdAt: now, updatedAt: now,
      };
      postings.set(op.id, posting);
      state.rememberPosting(posting);
    } else {
      const candidate: CandidateState = {
        id: op.id, organisationId: op.organisationId, externalId: null, skills: op.skills.map((name) => ({ name })),
        ...(op.openToPublicPostings && { openToPublicPostings: true }), ...(op.location && { location: op.location }),
        ...(op.willingToRelocate && { willingToRelocate: true }), status: op.status,
        version: (candidates.get(op.id)?.version ?? 0) + 1, createdAt: now, updatedAt: now,
      };
      candidates.set(op.id, candidate);
      state.rememberCandidate(candidate);
    }
  }
  return { state, postings, candidates };
}

describe('the matcher state and its index', () => {
  it('finds exactly the pairs scoring finds eligible, and never holds closed postings or withdrawn candidates', () => {
    let eligiblePairs = 0;
    fc.assert(
      fc.property(operations, (ops) => {
        const { state, postings, candidates } = run(ops);
        const open = [...postings.values()].filter((posting) => posting.status === 'open');
        const active = [...candidates.values()].filter((candidate) => candidate.status === 'active');
        const eligible = (posting: PostingState, candidate: CandidateState): boolean =>
          mayPair(posting, candidate) && scoreMatch(posting, candidate, defaultTaxonomy).eligible;
        for (const posting of postings.values()) {
          const expected = posting.status === 'open' ? active.filter((candidate) => eligible(posting, candidate)).map((candidate) => candidate.id).sort() : [];
          eligiblePairs += expected.length;
          expect({ posting: posting.id, candidates: state.index.candidatesFor(posting.id) }).toEqual({ posting: posting.id, candidates: expected });
        }
        for (const candidate of candidates.values()) {
          const expected = candidate.status === 'active' ? open.filter((posting) => eligible(posting, candidate)).map((posting) => posting.id).sort() : [];
          expect({ candidate: candidate.id, postings: state.index.postingsFor(candidate.id) }).toEqual({ candidate: candidate.id, postings: expected });
        }
        expect(state.index.size).toEqual({ postings: open.length, candidates: active.length });
      }),
      { numRuns: 300 },
    );
    // The generators reach the gates often enough for the check to mean something.
    expect(eligiblePairs).toBeGreaterThan(100);
  });
});
