import { expectClientSafeAnswer, fuzzSeed, type RawRequest } from './route-fuzzer';

const request: RawRequest = { method: 'POST', path: '/postings', headers: { 'content-type': 'application/json' } };
const problem = (status: number) => JSON.stringify({ type: 'about:blank', title: 'Bad Request', status });

describe('the fuzzer\'s judge of an answer', () => {
  it('accepts a success and a problem-details refusal', () => {
    expect(() => expectClientSafeAnswer(request, { status: 201, headers: { 'content-type': 'application/json' }, body: '{}' })).not.toThrow();
    expect(() => expectClientSafeAnswer(request, { status: 400, headers: { 'content-type': 'application/problem+json' }, body: problem(400) })).not.toThrow();
  });

  it('fails on a server error', () => {
    expect(() => expectClientSafeAnswer(request, { status: 500, headers: { 'content-type': 'application/problem+json' }, body: problem(500) })).toThrow(/server error/);
  });

  it('fails on a refusal that is not problem details, or whose status disagrees', () => {
    expect(() => expectClientSafeAnswer(request, { status: 400, headers: { 'content-type': 'text/html' }, body: '<h1>Bad</h1>' })).toThrow(/not problem details/);
    expect(() => expectClientSafeAnswer(request, { status: 404, headers: { 'content-type': 'application/problem+json' }, body: problem(400) })).toThrow(/matching status/);
  });
});

describe('fuzz seeds', () => {
  it('replays FUZZ_SEED when given', () => {
    expect(fuzzSeed('suite', { FUZZ_SEED: '1234' })).toBe(1234);
  });

  it('draws a new seed each run otherwise, so runs explore new inputs', () => {
    const seeds = new Set(Array.from({ length: 5 }, () => fuzzSeed('suite', {})));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => fuzzSeed('suite', { FUZZ_SEED: 'abc' })).toThrow(/FUZZ_SEED/);
  });
});
