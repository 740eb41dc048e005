import { cityAliases, citiesNamed } from './cities';
import { countryCode, countryName, isCountry } from './countries';
import { fold } from './fold';
import { compareAt, dominantCity, inCountries, normalisePlace, sameMetro, samePlace, utcOffsetsOf } from './place';
import { regionOf } from './regions';
import { offsetsWithin } from './time-zones';

describe('fold', () => {
  it('drops case, accents, dots and a leading "the"', () => {
    expect(fold('  São   Paulo ')).toBe('sao paulo');
    expect(fold('U.S.A.')).toBe('usa');
    expect(fold('The Netherlands')).toBe('netherlands');
    expect(fold('Washington, D.C.')).toBe('washington dc');
  });
});

describe('countryCode', () => {
  it.each([
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['US', 'US'],
    ['United States', 'US'],
    ['United States of America', 'US'],
    ['usa', 'US'],
    ['Germany', 'DE'],
    ['DE', 'DE'],
    ['DEU', 'DE'],
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['Alemania', 'DE'],
    ['UK', 'GB'],
    ['U.K.', 'GB'],
    ['England', 'GB'],
    ['Scotland', 'GB'],
    ['Great Britain', 'GB'],
    ['United Kingdom', 'GB'],
    ['Holland', 'NL'],
    ['The Netherlands', 'NL'],
    ['Nederland', 'NL'],
    ['Schweiz', 'CH'],
    ['Suisse', 'CH'],
    ['España', 'ES'],
    ['Espana', 'ES'],
    ['Österreich', 'AT'],
    ['Czech Republic', 'CZ'],
    ['Czechia', 'CZ'],
    ['Türkiye', 'TR'],
    ['UAE', 'AE'],
    ['Polska', 'PL'],
    ['Sverige', 'SE'],
    ['Brasil', 'BR'],
  ])('%s → %s', (written, code) => {
    expect(countryCode(written)).toBe(code);
    expect(isCountry(written)).toBe(true);
  });

  it.each(['Oregon', 'Berlin', 'EU', 'Europe', 'Remote', '', 'Congo'])('%s is no country (or no single one)', (written) => {
    expect(countryCode(written)).toBeUndefined();
    expect(isCountry(written)).toBe(false);
  });

  it('names a code in English', () => {
    expect(countryName('de')).toBe('Germany');
    expect(countryName('ZZ')).toBeUndefined();
  });
});

describe('regionOf', () => {
  it('reads US states and Canadian provinces by name or code', () => {
    expect(regionOf('Oregon')?.code).toBe('US-OR');
    expect(regionOf('OR')?.code).toBe('US-OR');
    expect(regionOf('or.')?.code).toBe('US-OR');
    expect(regionOf('Washington D.C.')?.code).toBe('US-DC');
    expect(regionOf('Québec')?.code).toBe('CA-QC');
    expect(regionOf('Quebec', 'CA')?.code).toBe('CA-QC');
    expect(regionOf('Colombie-Britannique')?.code).toBe('CA-BC');
  });

  it('looks only in the country given', () => {
    expect(regionOf('Oregon', 'CA')).toBeUndefined();
    expect(regionOf('Bavaria')).toBeUndefined();
  });
});

describe('normalisePlace', () => {
  it('gives "Portland, OR", "Portland, Oregon" and "Portland, Oregon, USA" the same place', () => {
    const expected = { city: 'portland', regionCode: 'US-OR', countryCode: 'US', inferred: [] };
    expect(normalisePlace({ city: 'Portland', region: 'OR' })).toMatchObject(expected);
    expect(normalisePlace({ city: 'Portland', region: 'Oregon' })).toMatchObject(expected);
    expect(normalisePlace({ city: 'Portland', region: 'Oregon', country: 'USA' })).toMatchObject(expected);
    expect(normalisePlace({ city: 'portland', region: 'or', country: 'United States of America' })).toMatchObject(expected);
  });

  it('infers the country from a US state', () => {
    expect(normalisePlace({ region: 'Texas' })).toEqual({ regionCode: 'US-TX', countryCode: 'US', inferred: [], utcOffsets: { min: -7, max: -6 } });
    // "Austin, Texas" parsed as city and country.
    expect(normalisePlace({ city: 'Austin', country: 'Texas' })).toMatchObject({ city: 'austin', regionCode: 'US-TX', countryCode: 'US', inferred: [] });
  });

  it('infers the country from a well-known city, unambiguous by population, and says it guessed', () => {
    expect(normalisePlace({ city: 'Berlin' })).toMatchObject({ city: 'berlin', countryCode: 'DE', inferred: ['country'] });
    expect(normalisePlace({ city: 'Portland' })).toMatchObject({ city: 'portland', regionCode: 'US-OR', countryCode: 'US', inferred: ['country', 'region', 'city'] });
  });

  it('does not guess from a city that is small or shared', () => {
    expect(normalisePlace({ city: 'Cambridge' })).toEqual({ city: 'cambridge', inferred: [] });
    expect(normalisePlace({ city: 'Springfield' })).toEqual({ city: 'springfield', inferred: [] });
    expect(normalisePlace({ city: 'Springfield', region: 'IL' })).toMatchObject({ city: 'springfield', regionCode: 'US-IL', countryCode: 'US', inferred: [] });
  });

  it('knows the smaller cities of GeoNames, with their state or province and a time zone', () => {
    expect(normalisePlace({ city: 'Holland', region: 'MI' })).toMatchObject({ city: 'holland', regionCode: 'US-MI', countryCode: 'US', timeZone: 'America/Detroit' });
    expect(normalisePlace({ city: 'Kanata', region: 'Ontario' })).toMatchObject({ city: 'kanata', regionCode: 'CA-ON', countryCode: 'CA' });
    expect(normalisePlace({ city: 'Crailsheim', country: 'Germany' }).position).toBeDefined();
    expect(normalisePlace({ city: 'Gurugram', country: 'India' })).toMatchObject({ city: 'gurgaon', countryCode: 'IN' });
  });

  it('never finds a city by a name that is also a word, unless a country or region says which', () => {
    expect(normalisePlace({ city: 'Surprise' })).toEqual({ city: 'surprise', inferred: [] });
    expect(dominantCity('Surprise')).toBeUndefined();
    expect(normalisePlace({ city: 'Surprise', region: 'AZ' })).toMatchObject({ regionCode: 'US-AZ', countryCode: 'US', position: expect.anything() });
    expect(dominantCity('Eindhoven')).toEqual({ countryCode: 'NL', population: expect.any(Number) });
  });

  it('reads native names and exonyms of cities', () => {
    expect(normalisePlace({ city: 'München', country: 'Deutschland' })).toMatchObject({ city: 'munich', region: 'bayern', countryCode: 'DE' });
    expect(normalisePlace({ city: 'Munich', region: 'Bavaria', country: 'Germany' })).toMatchObject({ city: 'munich', region: 'bayern', countryCode: 'DE' });
    expect(normalisePlace({ city: 'NYC' })).toMatchObject({ city: 'new york', regionCode: 'US-NY', countryCode: 'US' });
    expect(normalisePlace({ city: 'Montreal', region: 'QC' })).toMatchObject({ city: 'montreal', regionCode: 'CA-QC', countryCode: 'CA' });
  });

  it('tells a country code from a state code by the city: "Berlin, DE" is Germany, "Boston, MA" Massachusetts', () => {
    expect(normalisePlace({ city: 'Berlin', region: 'DE' })).toMatchObject({ city: 'berlin', countryCode: 'DE', inferred: [] });
    expect(normalisePlace({ city: 'Boston', region: 'MA' })).toMatchObject({ regionCode: 'US-MA', countryCode: 'US', inferred: [] });
    expect(normalisePlace({ city: 'Mumbai', region: 'IN' })).toMatchObject({ countryCode: 'IN' });
    // Unknown town: read as the state, but not certain.
    expect(normalisePlace({ city: 'Smallville', region: 'DE' })).toMatchObject({ regionCode: 'US-DE', countryCode: 'US', inferred: ['country', 'region'] });
  });

  it('reads a country or a state written in the city field', () => {
    expect(normalisePlace({ city: 'Germany' })).toEqual({ countryCode: 'DE', inferred: [], utcOffsets: { min: 1, max: 1 } });
    expect(normalisePlace({ city: 'California' })).toMatchObject({ regionCode: 'US-CA', countryCode: 'US' });
  });

  it('keeps what it cannot resolve as folded text', () => {
    expect(normalisePlace({ city: 'Kleinkleckersdorf', region: 'Nirgendwo' })).toEqual({ city: 'kleinkleckersdorf', region: 'nirgendwo', inferred: [] });
    expect(normalisePlace({})).toEqual({ inferred: [] });
  });
});

describe('samePlace', () => {
  it('compares countries however they are written', () => {
    expect(samePlace({ country: 'USA' }, { country: 'United States' }, 'country')).toBe(true);
    expect(samePlace({ country: 'U.S.' }, { country: 'United States of America' }, 'country')).toBe(true);
    expect(samePlace({ country: 'Germany' }, { country: 'DE' }, 'country')).toBe(true);
    expect(samePlace({ country: 'Deutschland' }, { country: 'Germany' }, 'country')).toBe(true);
    expect(samePlace({ country: 'Germany' }, { country: 'France' }, 'country')).toBe(false);
  });

  it('compares cities with their regions', () => {
    expect(samePlace({ city: 'Portland', region: 'Oregon' }, { city: 'Portland', region: 'OR' })).toBe(true);
    expect(samePlace({ city: 'Portland', region: 'OR' }, { city: 'Portland', region: 'ME' })).toBe(false);
    expect(samePlace({ city: 'Portland', region: 'OR' }, { city: 'Seattle', region: 'WA' }, 'country')).toBe(true);
    expect(samePlace({ city: 'Munich', country: 'Germany' }, { city: 'München' })).toBe(true);
  });

  it('does not let a guess disagree', () => {
    // "Paris" alone is taken for France, but Paris, Texas is not another city for that.
    expect(samePlace({ city: 'Paris' }, { city: 'Paris', region: 'TX', country: 'US' })).toBe(true);
    expect(samePlace({ city: 'Paris' }, { city: 'Austin', region: 'TX' }, 'country')).toBeUndefined();
    expect(compareAt(normalisePlace({ city: 'Berlin' }), normalisePlace({ country: 'Germany' }), 'country')).toBe(true);
  });

  it('cannot compare what a side does not say', () => {
    expect(samePlace({ country: 'Germany' }, {}, 'country')).toBeUndefined();
    expect(samePlace({ city: 'Munich', region: 'Bavaria' }, { city: 'Hamburg', region: 'Hamburg' }, 'region')).toBeUndefined();
  });
});

describe('inCountries', () => {
  const allowed = new Set(['US', 'CA']);
  it('knows a place in or out of a list, and a guess only when it agrees', () => {
    expect(inCountries(normalisePlace({ city: 'Toronto', region: 'ON' }), allowed)).toBe(true);
    expect(inCountries(normalisePlace({ city: 'Berlin', country: 'Germany' }), allowed)).toBe(false);
    expect(inCountries(normalisePlace({ city: 'Berlin' }), allowed)).toBeUndefined();
    expect(inCountries(normalisePlace({ city: 'Portland' }), allowed)).toBe(true);
    expect(inCountries(normalisePlace({}), allowed)).toBeUndefined();
  });
});

describe('sameMetro', () => {
  it('is one metro area for nearby cities, not for distant ones', () => {
    const sf = normalisePlace({ city: 'San Francisco', region: 'CA', country: 'US' });
    expect(sameMetro(sf, normalisePlace({ city: 'Oakland', region: 'California' }))).toBe(true);
    expect(sameMetro(sf, normalisePlace({ city: 'Los Angeles', region: 'CA' }))).toBe(false);
    expect(sameMetro(sf, normalisePlace({ city: 'San Francisco', region: 'CA' }))).toBe(true);
    expect(sameMetro(sf, normalisePlace({ city: 'Berlin', country: 'Germany' }))).toBe(false);
  });

  it('cannot tell for a city the gazetteer lacks', () => {
    expect(sameMetro(normalisePlace({ city: 'Portland', region: 'OR' }), normalisePlace({ city: 'Kleinville', region: 'OR' }))).toBeUndefined();
  });
});

describe('utcOffsetsOf', () => {
  it('uses the city’s zone, else the region’s, else the country’s (standard time)', () => {
    expect(utcOffsetsOf({ city: 'Portland', region: 'OR' })).toEqual({ min: -8, max: -8 });
    expect(utcOffsetsOf({ city: 'Berlin', country: 'Germany' })).toEqual({ min: 1, max: 1 });
    expect(utcOffsetsOf({ city: 'Bengaluru', country: 'India' })).toEqual({ min: 5.5, max: 5.5 });
    expect(utcOffsetsOf({ country: 'USA' })).toEqual({ min: -10, max: -5 });
    expect(utcOffsetsOf({ region: 'New York' })).toEqual({ min: -5, max: -5 });
    expect(utcOffsetsOf({})).toBeUndefined();
  });

  it('places offsets inside, outside or partly inside a window', () => {
    const window = { min: -5, max: 1 };
    expect(offsetsWithin({ min: 1, max: 1 }, window)).toBe('inside');
    expect(offsetsWithin({ min: -8, max: -8 }, window)).toBe('outside');
    expect(offsetsWithin({ min: -10, max: -5 }, window)).toBe('partly');
  });
});

describe('the data', () => {
  it('has every city an alias leads to', () => {
    for (const [alias, key] of cityAliases()) expect([alias, citiesNamed(key).length]).not.toEqual([alias, 0]);
  });
});
