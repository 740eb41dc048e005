import fc from 'fast-check';
import { MatchIndex } from './match-index';
import { scoreMatch } from './score-match';
import type { ScoringCandidate, ScoringPosting } from './scoring.types';
import { candidateArb, postingArb } from './testing/arbitraries';
import { fixtureTaxonomy as taxonomy } from './testing/fixture-taxonomy';

const organisationArb = fc.constantFrom('acme', 'globex');

type Operation =
  | { kind: 'posting'; id: string; organisationId: string; posting: ScoringPosting }
  | { kind: 'candidate'; id: string; organisationId: string; candidate: ScoringCandidate }
  | { kind: 'remove-posting'; id: string }
  | { kind: 'remove-candidate'; id: string };

const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('posting' as const), id: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6'), organisationId: organisationArb, posting: postingArb }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('candidate' as const),
      id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'),
      organisationId: organisationArb,
      candidate: candidateArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-posting' as const), id: fc.constantFrom('p1', 'p2', 'p3') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove-candidate' as const), id: fc.constantFrom('c1', 'c2', 'c3') }) },
);

describe('MatchIndex', () => {
  it('finds exactly the pairs that scoring every pair finds eligible, within each organisation', () => {
    fc.assert(
      fc.property(fc.array(operationArb, { maxLength: 60 }), (operations) => {
        const index = new MatchIndex(taxonomy);
        const postings = new Map<string, { organisationId: string; posting: ScoringPosting }>();
        const candidates = new Map<string, { organisationId: string; candidate: ScoringCandidate }>();
        for (const operation of operations) {
          switch (operation.kind) {
            case 'posting':
              index.upsertPosting(operation.id, operation.organisationId, operation.posting);
              postings.set(operation.id, operation);
              break;
            case 'candidate':
              index.upsertCandidate(operation.id, operation.organisationId, operation.candidate);
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
        const eligible = (postingId: string, candidateId: string): boolean => {
          const posting = postings.get(postingId);
          const candidate = candidates.get(candidateId);
          return (
            posting !== undefined &&
            candidate !== undefined &&
            posting.organisationId === candidate.organisationId &&
            scoreMatch(posting.posting, candidate.candidate, taxonomy).eligible
          );
        };
        for (const postingId of postings.keys()) {
          expect(index.candidatesFor(postingId)).toEqual([...candidates.keys()].filter((candidateId) => eligible(postingId, candidateId)).sort());
        }
        for (const candidateId of candidates.keys()) {
          expect(index.postingsFor(candidateId)).toEqual([...postings.keys()].filter((postingId) => eligible(postingId, candidateId)).sort());
        }
        for (const postingId of postings.keys()) {
          for (const candidateId of candidates.keys()) {
            const posting = postings.get(postingId);
            const candidate = candidates.get(candidateId);
            if (posting && candidate) expect(index.score(postingId, candidateId)).toStrictEqual(scoreMatch(posting.posting, candidate.candidate, taxonomy));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  const posting = (...requiredSkills: ScoringPosting['requiredSkills']): ScoringPosting => ({ requiredSkills });
  const candidate = (...names: string[]): ScoringCandidate => ({ skills: names.map((name) => ({ name })) });

  it('follows aliases, implications, any-of groups and near misses', () => {
    const index = new MatchIndex(taxonomy);
    index.upsertCandidate('ada', 'acme', candidate('FastAPI', 'psql'));
    index.upsertCandidate('bob', 'acme', candidate('Python'));
    index.upsertPosting('python-sql', 'acme', posting('Python', 'SQL'));
    index.upsertPosting('web', 'acme', posting({ anyOf: ['Django', 'FastAPI'] }));
    index.upsertPosting('near', 'acme', { ...posting('Python', 'Postgres', 'AWS'), matching: { allowMissingRequired: 2 } });
    expect(index.candidatesFor('python-sql')).toEqual(['ada']);
    expect(index.candidatesFor('web')).toEqual(['ada']);
    expect(index.candidatesFor('near')).toEqual(['ada', 'bob']);
    expect(index.postingsFor('ada')).toEqual(['near', 'python-sql', 'web']);
    expect(index.postingsFor('bob')).toEqual(['near']);
  });

  it('never pairs across organisations', () => {
    const index = new MatchIndex(taxonomy);
    index.upsertCandidate('ada', 'acme', candidate('Go'));
    index.upsertPosting('go', 'globex', posting('Go'));
    expect(index.candidatesFor('go')).toEqual([]);
    expect(index.postingsFor('ada')).toEqual([]);
  });

  it('forgets what was updated away or removed', () => {
    const index = new MatchIndex(taxonomy);
    index.upsertCandidate('ada', 'acme', candidate('Go'));
    index.upsertPosting('go', 'acme', posting('Go'));
    expect(index.candidatesFor('go')).toEqual(['ada']);
    index.upsertCandidate('ada', 'acme', candidate('Rust'));
    expect(index.candidatesFor('go')).toEqual([]);
    index.upsertCandidate('ada', 'acme', candidate('Go'));
    index.removePosting('go');
    expect(index.postingsFor('ada')).toEqual([]);
    expect(index.candidatesFor('go')).toEqual([]);
    expect(index.score('go', 'ada')).toBeUndefined();
    expect([index.postingCount, index.candidateCount]).toEqual([0, 1]);
  });
});
