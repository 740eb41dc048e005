import type { Location } from '@talent/contracts';

const COUNTRY_NAMES = [
    'Germany', 'Austria', 'Switzerland', 'France', 'Spain', 'Portugal', 'Italy', 'Netherlands', 'The Netherlands', 'Belgium',
    'Luxembourg', 'Denmark', 'Sweden', 'Norway', 'Finland', 'Iceland', 'Ireland', 'United Kingdom', 'UK', 'England', 'Scotland',
    'Poland', 'Czech Republic', 'Czechia', 'Slovakia', 'Hungary', 'Romania', 'Bulgaria', 'Greece', 'Croatia', 'Slovenia',
    'Estonia', 'Latvia', 'Lithuania', 'Ukraine', 'Turkey', 'Israel', 'United States', 'United States of America', 'USA', 'US',
    'Canada', 'Mexico', 'Brazil', 'Argentina', 'Chile', 'Colombia', 'India', 'China', 'Japan', 'South Korea', 'Singapore',
    'Australia', 'New Zealand', 'South Africa', 'Nigeria', 'Kenya', 'Egypt', 'United Arab Emirates', 'UAE', 'Vietnam',
  'Philippines', 'Indonesia', 'Malaysia', 'Thailand',
];
const COUNTRIES = new Set(COUNTRY_NAMES.map((name) => name.toLowerCase()));

/** Areas larger than a country, given as "Remote (EU)". */
const AREAS = new Set(
  ['EU', 'European Union', 'Europe', 'EMEA', 'APAC', 'LATAM', 'Americas', 'North America', 'South America', 'Nordics', 'DACH', 'Benelux', 'Asia', 'CET', 'Worldwide', 'Anywhere'].map(
    (name) => name.toLowerCase(),
  ),
);

const WORKPLACE_WORDS = /\b(?:fully\s+|100%\s+)?(?:remote(?:[- ]first|[- ]friendly)?|hybrid|on[- ]?site|in[- ]office|in[- ]person|work from home)\b/gi;

/** Stops a value: a sentence end, a semicolon, a bar, a line end, a dash between words. */
const VALUE_END = /[.;|!?](?=\s|$)|\r?\n|\s[-–—]\s|\s{3,}/;

/**
 * A place from a written value: "Berlin, Germany" → city, country; "Austin, TX, USA" → city,
 * region, country; "Remote (EU)" → region EU; "Germany" → country; "Munich" → city.
 */
export function parseLocationValue(raw: string): Location | undefined {
  // "Lisbon, Portugal or fully remote within Europe": the first place that reads as one.
  for (const alternative of (raw.split(VALUE_END)[0] ?? '').split(/\s+or\s+|\s+\/\s+/i)) {
    const location = parseOne(alternative);
    if (location) return location;
  }
  return undefined;
}

function parseOne(alternative: string): Location | undefined {
  let value = alternative;
  const inParentheses = [...value.matchAll(/\(([^)]*)\)/g)].map((match) => match[1] ?? '');
  value = value.replace(/\([^)]*\)/g, ' ');
  const outside = clean(value);
  const source = outside !== '' ? outside : clean(inParentheses.find((part) => clean(part) !== '') ?? '');
  if (source === '') return undefined;
  const parts = source.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0 || parts.length > 3 || parts.some((part) => part.split(/\s+/).length > 4 || part.length > 100 || !/^\p{Lu}/u.test(part))) {
    return undefined;
  }
  const [first, second, third] = parts as [string, string?, string?];
  if (third !== undefined) return { city: first, region: second, country: third };
  if (second !== undefined) return isCountry(second) ? { city: first, country: second } : { city: first, region: second };
  if (isCountry(first)) return { country: first };
  if (AREAS.has(first.toLowerCase())) return { region: first };
  return { city: first };
}

function clean(value: string): string {
  return value
    .replace(WORKPLACE_WORDS, ' ')
    .replace(/\b(?:only|based|within|in|or|and)\b/gi, ' ')
    .replace(/[/&+]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .replace(/^[\s,:–—-]+|[\s,:–—-]+$/g, '');
}

function isCountry(name: string): boolean {
  return COUNTRIES.has(name.toLowerCase());
}

/** Phrases that state a place outside a "Location:" label. */
const PLACE_PHRASES = [
  /\bremote\s*\(([^)]{2,60})\)/i,
  /\bremote\s+(?:within|in|from|across)\s+(?:the\s+)?([^.;|\n]{2,60})/i,
  /\b(?:based|located|office)\s+in\s+([^.;|\n(]{2,60})/i,
];

const countryAlternation = [...COUNTRY_NAMES].sort((a, b) => b.length - a.length).map((name) => name.replace(/ /g, '\\s+')).join('|');
/** "Amsterdam, Netherlands" in the posting's opening lines, where a city is named with its country. */
const CITY_AND_COUNTRY = new RegExp(String.raw`(?<![\p{L}])(\p{Lu}[\p{L}'’.-]+(?:[ -]\p{Lu}[\p{L}'’.-]+)?),\s+(${countryAlternation})(?![\p{L}])`, 'u');

/**
 * The place of work: the location labels first, then "Remote (EU)", "based in Berlin", then a
 * "City, Country" in the opening (the text before the first heading).
 */
export function extractLocation(labelValues: readonly string[], text: string, opening: string): Location | undefined {
  for (const value of labelValues) {
    const location = parseLocationValue(value);
    if (location) return location;
  }
  for (const phrase of PLACE_PHRASES) {
    const match = phrase.exec(text);
    const location = match?.[1] === undefined ? undefined : parseLocationValue(match[1]);
    if (location) return location;
  }
  const cityAndCountry = CITY_AND_COUNTRY.exec(opening);
  if (cityAndCountry?.[1] && cityAndCountry[2]) {
    return { city: cityAndCountry[1], country: cityAndCountry[2] };
  }
  return undefined;
}
