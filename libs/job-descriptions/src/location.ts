import type { ApplicantLocation, Location } from '@talent/contracts';
import { countryName, dominantCity, isCountry, normalisePlace, regionOf, sameMetro } from '@talent/places';

/** Areas larger than a country, given as "Remote (EU)". */
const AREAS = new Set(
  ['EU', 'European Union', 'Europe', 'EMEA', 'APAC', 'LATAM', 'Americas', 'North America', 'South America', 'Nordics', 'DACH', 'Benelux', 'Asia', 'CET', 'Worldwide', 'Anywhere'].map(
    (name) => name.toLowerCase(),
  ),
);

const WORKPLACE_WORDS = /\b(?:fully\s+|100%\s+)?(?:remote(?:[- ]first|[- ]friendly)?|hybrid|on[- ]?site|in[- ]office|in[- ]person|work from home)\b/gi;

/**
 * Stops a value: a sentence end (the dot of an initial, as in "U.S.", only before a capital), a
 * semicolon, a bar, a line end, a dash between words.
 */
const VALUE_END = /(?<!(?:^|[\s.])\p{Lu})\.(?=\s|$)|(?<=(?:^|[\s.])\p{Lu})\.(?=\s+\p{Lu})|[;|!?](?=\s|$)|\r?\n|\s[-–—]\s|\s{3,}/u;

/**
 * A place from a written value: "Berlin, Germany" → city, country; "Austin, TX, USA" → city,
 * region, country; "Remote (EU)" → region EU; "Germany" → country; "Munich" → city.
 */
export function parseLocationValue(raw: string): Location | undefined {
  // "Lisbon, Portugal or fully remote within Europe": the first place that reads as one.
  // A place is named in the first words of a value: a long value is cut first, so every pattern below runs on at most 200 characters.
  for (const alternative of (raw.slice(0, 200).split(VALUE_END)[0] ?? '').split(/\s+[Oo]r\s+|\s*\/\s*/)) {
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
  // An applicant-tracking location code: "IND-Karnataka-Bengaluru", "USA-CA-San Francisco", "GBR-London".
  // "IND-KA-Bengaluru-Whitefield": the first part the places data knows in that country is the city.
  const coded = /^(\p{Lu}{2,3}) ?[-–] ?([^,]+)$/u.exec(source);
  if (coded?.[1] !== undefined && coded[2] !== undefined && isCountry(coded[1])) {
    const country = coded[1];
    const rest = coded[2].split(/ ?[-–] ?/).map((part) => part.trim()).filter((part) => part !== '');
    const at = rest.findIndex((part) => normalisePlace({ city: part, country }).position !== undefined);
    const cityAt = at === -1 ? rest.length - 1 : at;
    const region = rest.slice(0, cityAt).join(' ');
    return { city: rest[cityAt] as string, ...(region !== '' && { region }), country };
  }
  const parts = source.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0 || parts.length > 3 || parts.some((part) => part.split(/\s+/).length > 4 || part.length > 100 || !/^\p{Lu}/u.test(part))) {
    return undefined;
  }
  const [first, second, third] = parts as [string, string?, string?];
  // "Kingston Data Centre, Kingston, ON": a site, then the city and its region.
  if (third !== undefined && !isCountry(third) && second !== undefined && namesRegionOf(third, second)) return { city: second, region: third };
  // "Business Bay, Dubai, UAE", "Surry Hills, Sydney NSW 2010, Australia": a district or suburb, then
  // the city the gazetteer knows (a state code and a postcode after it are read past).
  if (third !== undefined && second !== undefined) {
    const city = second.replace(/(?:\s+\p{Lu}{2,3})?(?:\s+\d{3,6})?$/u, '');
    const district = normalisePlace({ city: first, country: third });
    const named = normalisePlace({ city, country: third });
    if (named.position !== undefined && (district.position === undefined || sameMetro(district, named) === true)) return { city, country: third };
  }
  if (third !== undefined) return { city: first, region: second, country: third };
  if (second !== undefined) return namesCountry(second, first) ? { city: first, country: second } : { city: first, region: second };
  if (isCountry(first)) return { country: first };
  if (AREAS.has(first.toLowerCase())) return { region: first };
  return { city: first };
}

function clean(value: string): string {
  return value
    .replace(WORKPLACE_WORDS, ' ')
    .replace(/\b(?:time ?zones?|timezones?|hours|only)\b/gi, ' ')
    // "Sydney CBD", "Greater London", "Toronto Metro": the city is what is left.
    .replace(/\b(?:CBD|[Gg]reater|[Mm]etro(?:politan)? [Aa]rea|[Dd]owntown|[Cc]ity [Cc]entre|[Cc]ity [Cc]enter)\b/g, ' ')
    // Lower-case or capitalised words only: "IN" and "OR" are codes (India, Indiana; Oregon).
    .replace(/\b(?:[Oo]nly|[Bb]ased|[Ww]ithin|[Ii]n|[Oo]r|[Aa]nd)\b/g, ' ')
    .replace(/[/&+]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .replace(/^[\s,:–—-]+|[\s,:–—-]+$/g, '');
}

/**
 * Whether the last part of "City, X" names the country (libs/places: names in several languages,
 * codes, "USA", "UK"), not a US state or Canadian province that is also a country's name or code:
 * "Berlin, DE" and "Tbilisi, Georgia" are countries, "Boston, MA" and "Atlanta, Georgia" states.
 * The city decides, by where the gazetteer has it.
 */
function namesCountry(part: string, city: string): boolean {
  if (!isCountry(part)) return false;
  if (regionOf(part) === undefined) return true;
  const asRegion = normalisePlace({ city, region: part });
  if (asRegion.regionCode === undefined) return true;
  return normalisePlace({ city, country: part }).position !== undefined && asRegion.position === undefined;
}

/** Whether "City, X" names a region the gazetteer places that city in ("Kingston, ON"). */
function namesRegionOf(region: string, city: string): boolean {
  const place = normalisePlace({ city, region });
  return place.regionCode !== undefined && place.position !== undefined;
}

/** Phrases that state a place outside a "Location:" label. */
const PLACE_PHRASES = [
  /\bremote\s*\(([^)]{2,60})\)/i,
  /\bremote\s+(?:within|in|from|across)\s+(?:the\s+)?([^.;|\n(]{2,60})/i,
  /\b(?:must|should|need to)\s+(?:reside|live|be based|be located)\s+in\s+(?:the\s+)?([^.;|\n(]{2,60})/i,
  /\b(?:based|located|office|offices|headquartered|hub)\s+in\s+([^.;|\n(]{2,60})/i,
  // "based at our Gilmorehill campus in Glasgow", "located at the Harbour site in Leith".
  /\b(?:based|located|work)\s+(?:at|from)\s+(?:our|the)\s+[^.;|\n(]{1,40}?\s+in\s+(\p{Lu}[^.;|\n(]{1,60})/u,
];

/** "in our Oslo office", "at our Berlin office": a city the gazetteer knows. */
const OUR_OFFICE = /\b(?:in|at|from)\s+our\s+(\p{Lu}[\p{L}'.-]{0,40}(?:[ -]\p{Lu}[\p{L}'.-]{0,40}){0,2})\s+(?:office|offices|hub|studio|headquarters|HQ|site|campus)\b/u;

/** Whether a parsed place names something the places data knows (a country, a region, a gazetteer city). */
function known(location: Location): boolean {
  const place = normalisePlace(location);
  return place.countryCode !== undefined || place.regionCode !== undefined || place.position !== undefined || (location.region !== undefined && AREAS.has(location.region.toLowerCase()));
}

/** "Amsterdam, The Netherlands": a city, a comma, then up to five capitalised words that may name a country (whole words: "BS10" is a postcode, not the Bahamas). */
// Every word is bounded (at most 40 letters): an unbounded one backtracks over a long run of letters and dots.
const CITY_THEN_WORDS = /(?<![\p{L}'’.-])(\p{Lu}[\p{L}'’.-]{1,40}(?:[ -]\p{Lu}[\p{L}'’.-]{1,40})?),\s+(\p{Lu}[\p{L}.]{0,40}(?:\s+(?:of\s+(?:the\s+)?|and\s+)?\p{Lu}[\p{L}.]{0,40}){0,4})(?![\p{L}\d])/gu;

/** The longest run of the words, from the first, that names the city's country ("Germany We are…" → "Germany"). */
function countryAtStart(words: string, city: string): string | undefined {
  const tokens = words.split(/\s+/);
  for (let count = tokens.length; count >= 1; count -= 1) {
    const candidate = tokens.slice(0, count).join(' ').replace(/^([^.]+)\.$/, '$1');
    if (namesCountry(candidate, city)) return candidate;
  }
  return undefined;
}

const MAX_PAIRS = 200;

/** The first "City, Country" or "City, State" (a US state or Canadian province, by name or code) in the text. */
function cityAndCountry(text: string, gazetteerOnly = false): Location | undefined {
  const pattern = new RegExp(CITY_THEN_WORDS.source, CITY_THEN_WORDS.flags);
  let tried = 0;
  // A posting names its place among its first few "Word, Word" pairs; more are a list of something else.
  for (let match = pattern.exec(text); match !== null && tried < MAX_PAIRS; match = pattern.exec(text), tried += 1) {
    const [, city, words] = match;
    // "Germany, Austria and the Netherlands" lists countries, not a city in one ("Holland, MI" is a city in Michigan).
    const isPlace = city !== undefined && !/^(?:remote|hybrid|on-?site|onsite|anywhere|worldwide|global)$/i.test(city);
    const namesCountry = city !== undefined && isCountry(city);
    const country = !isPlace || namesCountry || words === undefined ? undefined : countryAtStart(words, city);
    if (isPlace && country !== undefined && (!gazetteerOnly || normalisePlace({ city, country }).position !== undefined)) return { city, country };
    const region = !isPlace || words === undefined ? undefined : regionAtStart(words, city);
    if (isPlace && region !== undefined && ((!gazetteerOnly && !namesCountry) || normalisePlace({ city, region }).position !== undefined)) return { city, region };
    pattern.lastIndex = match.index + 1; // "Acme GmbH, Berlin, Germany": the next city may start inside this match
  }
  return undefined;
}

/** The first one or two words name a US state or Canadian province ("OR", "Oregon", "New York") that the city is in. */
function regionAtStart(words: string, city: string): string | undefined {
  const tokens = words.split(/\s+/).slice(0, 2);
  for (let count = tokens.length; count >= 1; count -= 1) {
    const candidate = tokens.slice(0, count).join(' ').replace(/[.,)]+$/, '');
    const region = regionOf(candidate);
    if (region === undefined) continue;
    const place = normalisePlace({ city, region: candidate });
    if (place.position !== undefined || /^[A-Z]{2}$/.test(candidate) || candidate.length > 3) return candidate;
  }
  return undefined;
}

/**
 * The place of work: the location labels first, then a "City, Country" or "City, State" in the
 * opening (the text before the first heading), then "Remote (EU)", "must reside in Canada",
 * "based in Berlin", then a "City, Country" anywhere, then "in our Oslo office". Only places the
 * places data knows count (a country, a region, a gazetteer city).
 */
export function extractLocation(labelValues: readonly string[], text: string, opening: string, header = opening): Location | undefined {
  const found = findLocation(labelValues, text, opening, header);
  return found && withCountry(found, text);
}

/** How postings name a country besides its name ("authorized to work in the U.S."). */
const COUNTRY_SPELLINGS: Record<string, RegExp> = { US: /\b(?:U\.S\.A?\.?|USA|United States)(?![\p{L}])/u, GB: /\b(?:UK|U\.K\.|United Kingdom|Great Britain)\b/ };

/**
 * "London" alone: a city that dominates its name (by population, see @talent/places) names its
 * country, and the posting says so, so that the workplace gate can rule on it.
 */
function withCountry(location: Location, text: string): Location {
  if (location.country !== undefined || location.city === undefined) return location;
  const place = normalisePlace(location);
  const country = place.countryCode === undefined ? undefined : countryName(place.countryCode);
  if (country === undefined) return location;
  if (place.position !== undefined) return { ...location, country };
  // "Greer, SC" (South Carolina or the Seychelles?): the country the text names elsewhere decides.
  const named = COUNTRY_SPELLINGS[place.countryCode as string] ?? new RegExp(`\\b${country.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
  return named.test(text) ? { ...location, country } : location;
}

/** "Thistle & Pine — San Francisco Bay Area", "Acme · Berlin · Hybrid": a part of the opening line that is a known city. */
const OPENING_PART = /\s[·|—–-]\s|\s[·|]|[·|]\s/;
const METRO_WORDS = /\b(?:greater|metro(?:politan)?|bay area|area|region|city)\b/gi;
/** The same, to test a part (no global state). */
const METRO_WORD = new RegExp(METRO_WORDS.source, 'i');

/** A word after a city that names a part of it: "Wellington Central", "Leeds City". */
const DISTRICT_WORDS = /^(?:Central|Centre|Center|City|CBD|Downtown|North|South|East|West)$/;

/** How many of the opening's first lines may name the place ("Paris" under the company, the title and "CDI"). */
const OPENING_LINES = 8;
/** A city named alone in the opening, with no country written or hinted, is trusted from this size. */
const OPENING_CITY_POPULATION = 100_000;

/**
 * A city named alone as a part of one of the opening's first lines ("Paris", "Canberra ACT · Hybrid",
 * "Utrecht (Leidsche Rijn)"): a well-known city; a city of the country the text names or hints at
 * (by its currency, a postcode); or the dominant city of that name, if it is large.
 */
function openingCity(opening: string, hinted: string | undefined): Location | undefined {
  const lines = opening.split('\n').map((line) => line.trim()).filter((line) => line !== '').slice(0, OPENING_LINES);
  for (const [index, line] of lines.entries()) {
    // The first part of the first line is the title; a later line may start with the place.
    const parts = line.split(OPENING_PART).slice(index === 0 ? 1 : 0).flatMap((piece) => piece.split(/[,/]/));
    for (const [at, part] of parts.entries()) {
      const found = cityOfPart(part, hinted);
      if (!found) continue;
      // "Surry Hills, Sydney NSW": a suburb, then the city of its metro area.
      // ("Taguig City, Metro Manila": a city, then its metro region, keeps the city.)
      const following = parts[at + 1];
      const next = following === undefined || METRO_WORD.test(following) ? undefined : cityOfPart(following, hinted);
      const nextInCountry = next && { ...next, ...(next.country === undefined && found.country !== undefined && { country: found.country }) };
      return nextInCountry && sameMetro(normalisePlace(nextInCountry), normalisePlace(found)) === true ? nextInCountry : found;
    }
  }
  return undefined;
}

/** The city a part of a header line names, if it names one (see openingCity). */
function cityOfPart(part: string, hinted: string | undefined): Location | undefined {
  // "70469 Stuttgart", "1210 Wien": a postcode before the city.
  const words = part.replace(/\([^)]*\)/g, ' ').replace(METRO_WORDS, ' ').replace(/[*_]/g, ' ').replace(/^\s*\d{4,6}\s+/, '').replace(/\s+/g, ' ').trim().split(' ');
  // "Leeds Trinity" (a shopping centre in Leeds): the longest start of the part that is a city.
  for (let count = Math.min(3, words.length); count >= 1; count -= 1) {
    const written = words.slice(0, count).join(' ');
    if (!/^\p{Lu}/u.test(written)) break;
    // "Stuttgart-Feuerbach", "Zürich-Oerlikon": a city and its district.
    const district = /^(\p{Lu}[\p{L}.]+)-\p{Lu}[\p{L}-]+$/u.exec(written);
    const city = district?.[1] !== undefined && normalisePlace({ city: written }).position === undefined ? district[1] : written;
    // Only a part that is the city alone (or with a state's code: "Canberra ACT") is a place named alone.
    const rest = words.slice(count);
    const alone = rest.length <= 1 && rest.every((word) => /^\p{Lu}{2,3}$/u.test(word) || DISTRICT_WORDS.test(word));
    const found = cityNamed(city, hinted, alone);
    if (found) return found;
  }
  return undefined;
}

/**
 * A city written where a posting names its place: one the gazetteer knows well; one of the country
 * the text names or hints at; or, written alone, the dominant city of its name if it is large.
 */
function cityNamed(city: string, hinted: string | undefined, alone: boolean): Location | undefined {
  if (normalisePlace({ city }).position !== undefined) return { city };
  if (hinted !== undefined && normalisePlace({ city, country: hinted }).position !== undefined) return { city, country: countryName(hinted) ?? hinted };
  const likely = alone && !isCountry(city) ? dominantCity(city) : undefined;
  return likely !== undefined && likely.population >= OPENING_CITY_POPULATION ? { city, country: countryName(likely.countryCode) ?? likely.countryCode } : undefined;
}

/** "on site at the Centennial Office Building in Saint Paul", "our office of Madrid": a workplace, then its city. */
const WORKPLACE_IN_CITY =
  /\b(?:[Oo]ffices?|[Bb]uilding|[Ss]ite|[Cc]ampus|[Ss]tudio|[Ll]ab|[Pp]lant|[Hh]eadquarters|HQ|[Hh]ub|[Ww]orkshop|[Ff]actory)\b[^.;\n]{0,60}?\b(?:in|of)\s+(\p{Lu}[\p{L}'’.-]{1,30}(?:\s\p{Lu}[\p{L}'’.-]{1,30}){0,2})/gu;

function workplaceCity(text: string, hinted: string | undefined): Location | undefined {
  let tried = 0;
  for (const match of text.slice(0, 20_000).matchAll(WORKPLACE_IN_CITY)) {
    if ((tried += 1) > 50) break;
    const words = (match[1] ?? '').replace(/[.'’-]+$/, '').split(/\s+/);
    for (let count = words.length; count >= 1; count -= 1) {
      const found = cityNamed(words.slice(0, count).join(' '), hinted, count === words.length);
      if (found) return found;
    }
  }
  return undefined;
}

/** "Southmead Hospital, Bristol, BS10 5NB", "121 Exhibition Street, Melbourne VIC 3000": the first city the gazetteer knows among a label's parts. */
function knownCityAmong(value: string, text: string): Location | undefined {
  const country = countryHint(value, text);
  for (const part of value.slice(0, 200).split(/[,;(|]/)) {
    const words = part.replace(/[^\p{L}' .-]/gu, ' ').trim().split(/\s+/).filter((word) => /^\p{Lu}/u.test(word));
    for (let start = 0; start < words.length; start += 1) {
      for (let count = Math.min(3, words.length - start); count >= 1; count -= 1) {
        const city = words.slice(start, start + count).join(' ');
        if (normalisePlace({ city }).position !== undefined) return { city };
        // "Bristol" alone is several cities; a UK postcode or a salary in pounds says which.
        if (country !== undefined && normalisePlace({ city, country }).position !== undefined) return { city, country: countryName(country) ?? country };
      }
    }
  }
  return undefined;
}

/** Hints at the country a posting is in: a postcode in the value, the currency of the pay. */
const COUNTRY_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b/, 'GB'],
  [/£|\bGBP\b|\bNHS\b/, 'GB'],
  [/\bA\$|\bAUD\b/, 'AU'],
  [/\bC\$|\bCA\$|\bCAD\b/, 'CA'],
  [/₹|\bINR\b|\blakhs?\b|\bLPA\b/, 'IN'],
  [/\bR\$|\bBRL\b/, 'BR'],
  [/\bS\$|\bSGD\b/, 'SG'],
  [/\bPLN\b|\bzł/, 'PL'],
];

/** A capitalised run of one to three words: where a country's name may be ("New Zealand", "Vietnam"). */
const CAPITALISED_RUN = /(?<![\p{L}])\p{Lu}[\p{L}'’-]{2,30}(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}'’-]{2,30}){0,2}/gu;
const NAMED_COUNTRY_SCAN = 20_000;

/** The country the text names most often by its name ("the right to work in New Zealand") or by a state's ("Minnesota"); not by a code. */
function namedCountry(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const match of text.slice(0, NAMED_COUNTRY_SCAN).matchAll(CAPITALISED_RUN)) {
    const words = match[0].split(/\s+/);
    // The longest start of the run that names a country ("New Zealand driver" → "New Zealand").
    for (let count = words.length; count >= 1; count -= 1) {
      const name = words.slice(0, count).join(' ');
      if (name.length < 4) continue;
      // A country by its name, or a US state or Canadian province by its ("Minnesota", "Ontario").
      const code = isCountry(name) ? normalisePlace({ country: name }).countryCode : name.length >= 5 ? regionOf(name)?.countryCode : undefined;
      if (code === undefined) continue;
      counts.set(code, (counts.get(code) ?? 0) + 1);
      break;
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function countryHint(value: string, text: string): string | undefined {
  for (const source of [value, text.slice(0, 20_000)]) {
    for (const [pattern, country] of COUNTRY_HINTS) if (pattern.test(source)) return country;
  }
  return undefined;
}

function findLocation(labelValues: readonly string[], text: string, opening: string, header: string): Location | undefined {
  for (const value of labelValues) {
    // "Holland, MI (On-site) Shift: 1st": the value read whole names no place; its "City, State" does.
    const location = [parseLocationValue(value), cityAndCountry(value)].find((found) => found !== undefined && known(found));
    if (location) return location;
  }
  for (const value of labelValues) {
    const location = knownCityAmong(value, text);
    if (location) return location;
  }
  // The country the text hints at or names, read once for the readers below that need it.
  let hinted: string | undefined | null = null;
  const hint = (): string | undefined => (hinted === null ? (hinted = countryHint('', text) ?? namedCountry(text)) : hinted);
  const inOpening = cityAndCountry(opening) ?? openingCity(header, hint());
  if (inOpening) return inOpening;
  for (const phrase of PLACE_PHRASES) {
    const match = phrase.exec(text);
    const location = match?.[1] === undefined ? undefined : (cityAndCountry(match[1]) ?? parseLocationValue(match[1]));
    if (location && known(location)) return location;
  }
  // Anywhere else in the text only a city the gazetteer knows counts ("FedEx, Canada Post" is no place).
  const anywhere = cityAndCountry(text, true);
  if (anywhere) return anywhere;
  const office = OUR_OFFICE.exec(text)?.[1];
  if (office !== undefined && normalisePlace({ city: office }).position !== undefined) return { city: office };
  return workplaceCity(text, hint());
}

/** Areas larger than a country, as the time zones applicants must be in (standard UTC offsets, hours). */
const AREA_OFFSETS: Record<string, { min: number; max: number }> = {
  eu: { min: -1, max: 3 }, 'european union': { min: -1, max: 3 }, europe: { min: -1, max: 3 }, emea: { min: -1, max: 4 },
  cet: { min: 0, max: 2 }, 'central europe': { min: 0, max: 2 }, americas: { min: -10, max: -3 }, 'north america': { min: -10, max: -3 },
  'us time zones': { min: -10, max: -5 }, 'south america': { min: -5, max: -3 }, latam: { min: -6, max: -3 }, apac: { min: 5, max: 13 },
  asia: { min: 5, max: 9 },
};

const EU_COUNTRIES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
/** "EU" or "EEA" when the countries are exactly one of the unions, for a remote role's place. */
export function unionOf(countries: readonly string[]): string | undefined {
  const set = new Set(countries);
  if (set.size === EU_COUNTRIES.length && EU_COUNTRIES.every((code) => set.has(code))) return 'EU';
  if (set.size === EU_COUNTRIES.length + 3 && [...EU_COUNTRIES, 'IS', 'LI', 'NO'].every((code) => set.has(code))) return 'EEA';
  return undefined;
}

/** Unions of countries named as where applicants may live. */
const UNIONS: Record<string, readonly string[]> = {
  eu: EU_COUNTRIES, 'european union': EU_COUNTRIES,
  eea: [...EU_COUNTRIES, 'IS', 'LI', 'NO'], 'european economic area': [...EU_COUNTRIES, 'IS', 'LI', 'NO'],
};

/** "Remote (US only)", "must reside in Canada", "remote within EU time zones": where applicants must be. */
const RESTRICTION_PHRASES = [
  /\bremote(?:[- ]first)?\s*[(–—,-]\s*([^()\n.;,]{2,60}?)\s*(?:only)?\s*\)?(?=[.;,\n)]|\s\(|$| only)/i,
  /\bremote\s+(?:within|in|from|across)\s+(?:the\s+)?([^.;|\n(]{2,60})/i,
  // "must live in Canada", "must live and be legally able to work in Canada".
  /\b(?:must|should|need to)\s+(?:reside|live|be based|be located|work from)(?:\s+and\s+[^.;\n]{1,40}?)?\s+(?:in|within)\s+(?:the\s+)?([^.;|\n(]{2,60})/i,
  /\b(?:open to|hiring in|candidates in|applicants in)\s+(?:the\s+)?([^.;|\n(]{2,40})\s+only\b/i,
  // "open to candidates located anywhere in the United States", "we can't hire outside the US".
  /\bopen to (?:candidates|applicants|people|engineers)\s+(?:located|based|living|residing)\s+(?:anywhere\s+)?(?:in|within)\s+(?:the\s+)?([^.;|\n(]{2,60})/i,
  /\b(?:can't|cannot|can not|are unable to|aren't able to|do not|don't)\s+(?:currently\s+)?(?:hire|employ|consider candidates)\s+(?:anyone\s+)?outside\s+(?:of\s+)?(?:the\s+)?([^.;|\n(]{2,40})/i,
  // "we can only employ people who live in the United States".
  /\b(?:can|are able to|may)\s+only\s+(?:employ|hire|accept|consider)\s+(?:people|candidates|applicants|those|residents)\s+(?:who\s+(?:live|reside|are based|are located)|living|residing|based|located)\s+(?:in|within)\s+(?:the\s+)?([^.;|\n(]{2,60})/i,
];
/** The role asks applicants to live near the workplace. */
const COMMUTE = /\bmust\s+be\s+local\b|\blocals?\s+only\b|\blocal\s+candidates\s+only\b|\b(?:within|in)\s+(?:a\s+)?(?:reasonable\s+|easy\s+|daily\s+)?commut(?:e|ing)\s+(?:distance|range)\b|\bmust\s+(?:live|reside|be based)\s+(?:locally|nearby|near)\b|\bmust\s+be\s+able\s+to\s+commute\b|\bcommutable\s+distance\b|\bwithin\s+a\s+reasonable\s+commute\b|\bability\s+to\s+(?:reliably\s+)?commute\b[^\n]{0,8}\n?[^\n]{0,80}\(required\)/i;
/** "UTC−5 to UTC+1", "UTC-3 and UTC+2", "between UTC-5 and UTC+1". */
const UTC_RANGE = /\b(?:UTC|GMT)\s?([+−-]\s?\d{1,2})(?::?00)?\s*(?:to|and|-|–|through)\s*(?:UTC|GMT)?\s?([+−-]\s?\d{1,2})/i;

/** "the Eastern or Central US time zones": US time zones, as standard offsets ("11:00–15:00 Eastern time" are hours, not a zone). */
const US_ZONES = /\b(?:eastern|central|mountain|pacific)(?:\s*(?:,|or|and|\/|&|,\s*or)\s*(?:eastern|central|mountain|pacific)){0,3}\s+(?:(?:US|U\.S\.)\s+)?(?:time\s?zones?|timezones?)\b/i;
const US_ZONE_OFFSETS: Record<string, number> = { eastern: -5, central: -6, mountain: -7, pacific: -8 };

const offset = (written: string): number => Number(written.replace('−', '-').replace(/\s/g, ''));

/**
 * Where applicants must be, when the text restricts it: countries ("Remote (US only)", "must reside
 * in Canada"), time zones ("UTC−5 to UTC+1", "within EU time zones"). Only for what the places data
 * knows; a restriction the parser cannot read is left out (the posting then restricts nothing).
 */
export function extractApplicantLocation(text: string): ApplicantLocation | undefined {
  const zones = US_ZONES.exec(text);
  if (zones) {
    const offsets = [...zones[0].matchAll(/eastern|central|mountain|pacific/gi)].map((match) => US_ZONE_OFFSETS[match[0].toLowerCase()] as number);
    return { countries: ['US'], utcOffsets: { min: Math.min(...offsets), max: Math.max(...offsets) } };
  }
  const utc = UTC_RANGE.exec(text);
  if (utc?.[1] !== undefined && utc[2] !== undefined) {
    const [min, max] = [offset(utc[1]), offset(utc[2])].sort((a, b) => a - b) as [number, number];
    if (min >= -12 && max <= 14) return { utcOffsets: { min, max } };
  }
  if (COMMUTE.test(text)) return { sameMetro: true };
  for (const phrase of RESTRICTION_PHRASES) {
    const value = phrase.exec(text)?.[1];
    if (value === undefined) continue;
    // "You need to live in Germany or be willing to relocate to Berlin": relocating is welcome, so no
    // restriction beyond the workplace's own; "must live in the Lower Mainland or be willing to relocate
    // there": the workplace's metro area, which a candidate willing to relocate still meets.
    if (/\bor\b[^.;]{0,40}\b(?:relocat\w*|move|moving)\b/i.test(value)) {
      const place = (value.split(/\s+or\b/i)[0] ?? '').replace(/^the\s+/i, '').trim();
      if (place !== '' && !isCountry(place) && /^\p{Lu}/u.test(place)) return { sameMetro: true };
      continue;
    }
    if (/\b(?:area|metro|commut)/i.test(value)) return { sameMetro: true };
    // "Brazil: we hire only with a Brazilian address": the place ends at a colon too.
    const words = (value.split(VALUE_END)[0]?.split(/:(?=\s|$)/)[0] ?? '').replace(/[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}]/gu, ' ').replace(/\b(?:time ?zones?|only|based|the)\b/gi, ' ').replace(/\s+/g, ' ').trim();
    const countries = words
      .split(/\s*(?:,|\bor\b|\band\b|\/|&)\s*/)
      .map((part) => part.trim())
      .filter((part) => part !== '' && isCountry(part));
    if (countries.length > 0) return { countries };
    // "EU/EEA", "the European Union": a union of countries, not a band of time zones.
    const union = /time ?zones?|timezones?/i.test(value)
      ? []
      : words
          .replace(/[*_]/g, '')
          .split(/\s*(?:\/|\bor\b|\band\b|,)\s*/)
          .map((part) => part.replace(/^(?:anywhere in|any|an?|one of)\s+/i, '').replace(/\s+(?:country|countries|member states?|states?|nations?)$/i, ''))
          .flatMap((part) => UNIONS[part.toLowerCase()] ?? []);
    if (union.length > 0) return { countries: [...new Set(union)] };
    const area = AREA_OFFSETS[words.toLowerCase()];
    if (area) return { utcOffsets: area };
  }
  return undefined;
}
