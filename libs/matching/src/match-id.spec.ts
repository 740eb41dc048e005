import { matchId } from './match-id';

describe('matchId', () => {
  const posting = '0b8f4a8e-4bb5-4f35-9a3f-4e0c1f9f6d11';
  const candidate = '5d0b2f3c-8a8e-4c1e-b1d6-2f7a9c3e4b22';

  it('is a version 5 UUID, stable for a pair and different across pairs', () => {
    expect(matchId(posting, candidate)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(matchId(posting, candidate)).toBe(matchId(posting, candidate));
    expect(matchId(candidate, posting)).not.toBe(matchId(posting, candidate));
  });
});
