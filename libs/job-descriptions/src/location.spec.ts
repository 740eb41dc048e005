import { extractLocation, parseLocationValue } from './location';

describe('parseLocationValue', () => {
  it.each([
    ['Munich, Deutschland', { city: 'Munich', country: 'Deutschland' }],
    ['Zürich, Schweiz', { city: 'Zürich', country: 'Schweiz' }],
    ['Kraków, Polska', { city: 'Kraków', country: 'Polska' }],
    ['Lyon, France', { city: 'Lyon', country: 'France' }],
    ['Berlin, DE', { city: 'Berlin', country: 'DE' }],
    ['Mumbai, IN', { city: 'Mumbai', country: 'IN' }],
    ['Tbilisi, Georgia', { city: 'Tbilisi', country: 'Georgia' }],
    ['Portland, U.S.', { city: 'Portland', country: 'U.S.' }],
    ['Manchester, England', { city: 'Manchester', country: 'England' }],
    ['Rotterdam, Holland', { city: 'Rotterdam', country: 'Holland' }],
  ])('reads %s with its country', (written, location) => {
    expect(parseLocationValue(written)).toEqual(location);
  });

  it.each([
    ['Boston, MA', { city: 'Boston', region: 'MA' }],
    ['Atlanta, Georgia', { city: 'Atlanta', region: 'Georgia' }],
    ['Indianapolis, IN', { city: 'Indianapolis', region: 'IN' }],
    ['Portland, OR', { city: 'Portland', region: 'OR' }],
    ['Toronto, ON', { city: 'Toronto', region: 'ON' }],
  ])('reads %s with its state or province, also where its code is a country’s', (written, location) => {
    expect(parseLocationValue(written)).toEqual(location);
  });

  it('reads a country alone, in any of the languages', () => {
    expect(parseLocationValue('Deutschland')).toEqual({ country: 'Deutschland' });
    expect(parseLocationValue('United States of America')).toEqual({ country: 'United States of America' });
    expect(parseLocationValue('Remote (EU)')).toEqual({ region: 'EU' });
  });

  it('ends a value at a sentence end, also after an initial before a new sentence', () => {
    expect(parseLocationValue('Austin, U.S. We are hiring')).toEqual({ city: 'Austin', country: 'U.S' });
    expect(parseLocationValue('Berlin, Germany. Relocation offered')).toEqual({ city: 'Berlin', country: 'Germany' });
  });

  it('keeps three parts as city, region, country', () => {
    expect(parseLocationValue('Austin, TX, USA')).toEqual({ city: 'Austin', region: 'TX', country: 'USA' });
  });
});

describe('extractLocation', () => {
  it('finds "City, Country" in the opening with the country in any language', () => {
    expect(extractLocation([], '', 'Acme GmbH, Berlin, Deutschland\nWe build things.')).toEqual({ city: 'Berlin', country: 'Deutschland' });
    expect(extractLocation([], '', 'Backend engineer at Initech, Amsterdam, The Netherlands')).toEqual({ city: 'Amsterdam', country: 'The Netherlands' });
    expect(extractLocation([], '', 'Platform engineer – Lisbon, Portugal. Join us')).toEqual({ city: 'Lisbon', country: 'Portugal' });
  });

  it('takes a US state for the region, not for a country, in the opening', () => {
    expect(extractLocation([], '', 'Join our team in Boston, MA and help us grow')).toEqual({ city: 'Boston', region: 'MA', country: 'United States of America' });
    expect(extractLocation([], '', 'Senior engineer, Austin, Texas')).toEqual({ city: 'Austin', region: 'Texas', country: 'United States of America' });
  });

  it('reads the labels first', () => {
    expect(extractLocation(['Portland, Oregon'], '', 'Acme, Berlin, Germany')).toEqual({ city: 'Portland', region: 'Oregon', country: 'United States of America' });
  });
});

describe('extractLocation on hostile input', () => {
  const budgetMs = 100;
  const fastest = (run: () => void): number => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      run();
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };

  it.each([
    ['capitalised words and commas', 'Acme Corp, Berlin Team, '.repeat(2_800)],
    ['state codes that are country codes', 'Boston, MA, Chicago, IL, Atlanta, GA, '.repeat(1_700)],
    ['country-like words in a row', 'Jordan, Chad, Georgia, India, Israel, '.repeat(1_700)],
    ['one letter and a comma', 'R, '.repeat(21_000)],
  ])('reads %s (64 KiB) within the budget', (_name, text) => {
    extractLocation([], text.slice(0, 1_000), text.slice(0, 1_000)); // loads the gazetteer once
    expect(fastest(() => extractLocation([text], text, text))).toBeLessThan(budgetMs);
  });
});
