import { indexedCandidate, indexedPosting, PairIndex } from './pair-index';
import { prepareCandidate, preparePosting } from './prepared';
import { scoreMatch } from './score-match';
import type { ScoringCandidate, ScoringPosting } from './scoring.types';
import { fixtureTaxonomy as taxonomy } from './testing/fixture-taxonomy';

const at = (posting: Partial<ScoringPosting>, candidate: Partial<ScoringCandidate>) =>
  scoreMatch({ requiredSkills: ['Go'], ...posting }, { skills: [{ name: 'Go', years: 3 }], ...candidate }, taxonomy);

describe('places written differently', () => {
  it.each([
    [{ city: 'Portland', region: 'OR' }, { city: 'Portland', region: 'Oregon' }],
    [{ city: 'Portland', region: 'Oregon', country: 'USA' }, { city: 'portland', region: 'OR', country: 'United States' }],
    [{ city: 'Berlin', country: 'Germany' }, { city: 'Berlin', country: 'DE' }],
    [{ city: 'Berlin', country: 'Germany' }, { city: 'Berlin', country: 'Deutschland' }],
    [{ city: 'Munich', country: 'Germany' }, { city: 'München', country: 'Deutschland' }],
    [{ city: 'London', country: 'UK' }, { city: 'London', country: 'England' }],
  ])('%o and %o are the same city', (posted, candidate) => {
    const result = at({ workplace: 'on-site', location: posted }, { location: candidate });
    expect(result.explanation.location.place).toBe('same-city');
    expect(result.categories.location.score).toBe(100);
    expect(result.eligible).toBe(true);
  });

  it.each([
    [{ country: 'USA' }, { city: 'Austin', country: 'United States' }],
    [{ country: 'U.S.' }, { city: 'Austin', country: 'United States of America' }],
    [{ country: 'United States' }, { city: 'Austin', region: 'Texas' }],
    [{ country: 'Germany' }, { city: 'Hamburg', country: 'DE' }],
  ])('a posting in %o is fully met by a candidate in %o', (posted, candidate) => {
    const result = at({ workplace: 'on-site', location: posted }, { location: candidate });
    expect(result.explanation.location.place).toBe('same-country');
    expect(result.categories.location.score).toBe(100);
  });

  it('agrees down to the state written as a code or a name', () => {
    const result = at({ workplace: 'on-site', location: { city: 'Portland', region: 'Oregon' } }, { location: { city: 'Salem', region: 'OR' } });
    expect(result.explanation.location.place).toBe('same-region');
    expect(result.categories.location.score).toBe(75);
  });

  it('still tells two cities of one name apart by their states', () => {
    const result = at({ workplace: 'on-site', location: { city: 'Portland', region: 'OR' } }, { location: { city: 'Portland', region: 'Maine' } });
    expect(result.explanation.location.place).toBe('same-country');
    expect(result.categories.location.score).toBe(50);
  });

  it('writes the places as they were written in the detail', () => {
    expect(at({ workplace: 'hybrid', location: { city: 'Portland', region: 'OR' } }, { location: { city: 'Portland', region: 'Oregon' } }).explanation.location.detail).toBe(
      'hybrid in Portland, OR; candidate in Portland, Oregon (same city)',
    );
  });
});

describe('the location gate', () => {
  const austin = { workplace: 'hybrid' as const, location: { city: 'Austin', region: 'TX' } };
  const berlin = { city: 'Berlin', country: 'Germany' };

  it('rules out a candidate in another country for an on-site or hybrid role', () => {
    const result = at(austin, { workplacePreference: 'remote', location: berlin });
    expect(result.eligible).toBe(false);
    expect(result.explanation.location).toEqual({
      workplace: 'partial',
      place: 'other-country',
      detail: 'hybrid in Austin, TX; candidate in Berlin, Germany (another country, not willing to relocate): not eligible; candidate prefers remote',
    });
    expect(at({ ...austin, workplace: 'on-site' }, { location: berlin }).eligible).toBe(false);
  });

  it('lets a candidate willing to relocate match, scored as elsewhere', () => {
    const result = at(austin, { location: berlin, willingToRelocate: true });
    expect(result.eligible).toBe(true);
    expect(result.explanation.location).toMatchObject({ place: 'elsewhere', detail: 'hybrid in Austin, TX; candidate in Berlin, Germany (elsewhere); willing to relocate' });
    expect(result.categories.location.score).toBe(0);
  });

  it('rules out nobody whose location is not stated, or only guessed', () => {
    expect(at(austin, {}).eligible).toBe(true);
    expect(at(austin, {}).explanation.location.place).toBe('unknown');
    // "Paris" alone reads as France, but Paris, Texas exists: a guess never rules anyone out.
    const paris = at(austin, { location: { city: 'Paris' } });
    expect(paris.eligible).toBe(true);
    expect(paris.explanation.location.place).toBe('elsewhere');
  });

  it('leaves a remote role without applicant restrictions open to everyone', () => {
    const result = at({ workplace: 'remote', location: { city: 'Austin', region: 'TX' } }, { location: berlin });
    expect(result.eligible).toBe(true);
    expect(result.explanation.location.place).toBe('not-considered');
  });

  describe('the same metro area, where the posting asks it', () => {
    const sanFrancisco = { workplace: 'on-site' as const, location: { city: 'San Francisco', region: 'CA' }, applicantLocation: { sameMetro: true } };

    it('keeps candidates of the metro area', () => {
      const oakland = at(sanFrancisco, { location: { city: 'Oakland', region: 'California' } });
      expect(oakland.eligible).toBe(true);
      expect(oakland.explanation.location.place).toBe('same-region');
      expect(at(sanFrancisco, { location: { city: 'San Francisco', region: 'CA', country: 'USA' } }).explanation.location.place).toBe('same-city');
    });

    it('rules out another metro area, unless the candidate will relocate', () => {
      const losAngeles = at(sanFrancisco, { location: { city: 'Los Angeles', region: 'CA' } });
      expect(losAngeles.eligible).toBe(false);
      expect(losAngeles.explanation.location).toMatchObject({
        place: 'other-metro',
        detail: 'on-site in San Francisco, CA (its metro area); candidate in Los Angeles, CA (another metro area, not willing to relocate): not eligible',
      });
      expect(at(sanFrancisco, { location: { city: 'Los Angeles', region: 'CA' }, willingToRelocate: true }).eligible).toBe(true);
      expect(at({ ...sanFrancisco, applicantLocation: undefined }, { location: { city: 'Los Angeles', region: 'CA' } }).eligible).toBe(true);
    });

    it('rules out nobody whose city it cannot place', () => {
      expect(at(sanFrancisco, { location: { city: 'Smallville', region: 'CA' } }).eligible).toBe(true);
    });
  });

  describe('applicant countries', () => {
    const remoteNorthAmerica = { workplace: 'remote' as const, applicantLocation: { countries: ['USA', 'Canada'] } };

    it('rules out a remote candidate known to be elsewhere', () => {
      const result = at(remoteNorthAmerica, { location: berlin });
      expect(result.eligible).toBe(false);
      expect(result.explanation.location).toEqual({
        workplace: 'match',
        place: 'outside-area',
        detail: 'remote role open to USA, Canada; candidate in Berlin, Germany (outside the area): not eligible',
      });
    });

    it('keeps candidates inside, and those whose location is unknown, scoring them lower', () => {
      const inside = at(remoteNorthAmerica, { location: { city: 'Toronto', region: 'ON' } });
      const unknown = at(remoteNorthAmerica, {});
      expect(inside.eligible).toBe(true);
      expect(inside.explanation.location.place).toBe('inside-area');
      expect(inside.categories.location.score).toBe(100);
      expect(unknown.eligible).toBe(true);
      expect(unknown.explanation.location).toMatchObject({ place: 'unknown', detail: 'remote role open to USA, Canada; candidate location not stated' });
      expect(unknown.categories.location.score).toBe(50);
      expect(unknown.score).toBeLessThan(inside.score);
    });

    it('take the place of the workplace’s country for an on-site role', () => {
      const dach = { workplace: 'hybrid' as const, location: { city: 'Berlin', country: 'Germany' }, applicantLocation: { countries: ['DE', 'Österreich', 'Schweiz'] } };
      expect(at(dach, { location: { city: 'Vienna', country: 'Austria' } }).eligible).toBe(true);
      const paris = at(dach, { location: { city: 'Paris', country: 'France' }, willingToRelocate: true });
      expect(paris.eligible).toBe(false);
      expect(paris.explanation.location.place).toBe('outside-area');
    });
  });

  describe('applicant time zones', () => {
    const eastToBerlin = { workplace: 'remote' as const, applicantLocation: { utcOffsets: { min: -5, max: 1 } } };

    it('rules out a candidate known to be outside them', () => {
      const seattle = at(eastToBerlin, { location: { city: 'Seattle', region: 'WA' } });
      expect(seattle.eligible).toBe(false);
      expect(seattle.explanation.location).toMatchObject({
        place: 'outside-area',
        detail: 'remote role open to UTC−5 to UTC+1; candidate in Seattle, WA (outside the area): not eligible',
      });
    });

    it('keeps candidates inside, and those who may be (a country across several zones)', () => {
      expect(at(eastToBerlin, { location: berlin }).explanation.location.place).toBe('inside-area');
      expect(at(eastToBerlin, { location: { city: 'New York', region: 'NY' } }).eligible).toBe(true);
      const somewhereInTheUs = at(eastToBerlin, { location: { country: 'United States' } });
      expect(somewhereInTheUs.eligible).toBe(true);
      expect(somewhereInTheUs.explanation.location.place).toBe('unknown');
    });
  });

  it('is applied by the index as by scoring', () => {
    const index = new PairIndex();
    const put = (id: string, candidate: ScoringCandidate) => index.upsertCandidate(indexedCandidate({ id, organisationId: 'acme' }, prepareCandidate(candidate, taxonomy)));
    index.upsertPosting(indexedPosting({ id: 'austin', organisationId: 'acme' }, preparePosting({ requiredSkills: ['Go'], ...austin }, taxonomy)));
    put('berlin', { skills: [{ name: 'Go' }], location: berlin });
    put('moving', { skills: [{ name: 'Go' }], location: berlin, willingToRelocate: true });
    put('dallas', { skills: [{ name: 'Go' }], location: { city: 'Dallas', region: 'Texas' } });
    expect(index.candidatesFor('austin')).toEqual(['dallas', 'moving']);
    expect(index.postingsFor('berlin')).toEqual([]);
  });
});
