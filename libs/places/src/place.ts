import { cityKey, citiesNamed, type GazetteerCity } from './cities';
import { countryCode } from './countries';
import { fold } from './fold';
import { regionByCode, regionOf, type Region } from './regions';
import { countryOffsets, regionOffsets, zoneOffset, type UtcOffsets } from './time-zones';

/** A place as people write it (the contracts' `location`). */
export interface PlaceInput {
  readonly city?: string;
  readonly region?: string;
  readonly country?: string;
}

/** What was not written but taken from the gazetteer by population: it may agree, never disagree. */
export type InferredPart = 'country' | 'region' | 'city';

/**
 * A place normalised for comparison. Every field is optional: a place is known as far as it was
 * written (and, for a well-known city, a little further: see `inferred`).
 */
export interface NormalisedPlace {
  /** Folded city name, aliases applied: "München" → "munich", "NYC" → "new york". */
  readonly city?: string;
  /** ISO 3166-2 of a US state or Canadian province: "US-OR". */
  readonly regionCode?: string;
  /** Folded region name where the country's regions have no code here: "bayern". */
  readonly region?: string;
  /** ISO 3166-1 alpha-2: "US". */
  readonly countryCode?: string;
  /**
   * Parts not written but inferred: `country`/`region` from a well-known city ("Portland" →
   * Oregon, US) or from a region code that is also a country code; `city` when the gazetteer entry
   * (its position and time zone) was chosen by population among several of that name.
   */
  readonly inferred: readonly InferredPart[];
  /** Position of the gazetteer's city, when known. */
  readonly position?: { readonly lat: number; readonly lng: number };
  /** IANA time zone of the gazetteer's city, when known. */
  readonly timeZone?: string;
  /** Standard UTC offsets of the place (the city's zone, else the region's, else the country's). */
  readonly utcOffsets?: UtcOffsets;
}

export type PlaceLevel = 'country' | 'region' | 'city';

/** A city chosen by population only when it has at least this many times the people of the next of its name. */
export const DOMINANCE = 5;
/** A city names its country unasked only when it is this populous ("Berlin", not "Cambridge"). */
export const WELL_KNOWN_POPULATION = 500_000;
/** City centres at most this far apart are one metro area. */
export const METRO_RADIUS_KM = 80;

/** The most populous of the entries when it dominates them; the entries are sorted by population. */
function dominant(entries: readonly GazetteerCity[]): GazetteerCity | undefined {
  const [first, second] = entries;
  if (first === undefined) return undefined;
  if (second === undefined || first.population >= DOMINANCE * second.population) return first;
  return undefined;
}

/**
 * The city a name alone most likely means: the most populous of the gazetteer's cities of that
 * name when it dominates them (never a name that is also a word, such as "Surprise"). For a reader
 * that has other evidence than the name (it stands where a posting names its place).
 */
export function dominantCity(written: string): { readonly countryCode: string; readonly population: number } | undefined {
  const city = dominant(citiesNamed(cityKey(written)).filter((entry) => !entry.confirmedOnly));
  return city && { countryCode: city.countryCode, population: city.population };
}

/** Two-letter texts that are both a region code and a country code ("DE": Delaware or Germany). */
function ambiguousCode(text: string): boolean {
  return /^[a-z]{2}$/i.test(text.trim()) && countryCode(text) !== undefined;
}

interface Parts {
  countryCode?: string;
  region?: Region;
  regionText?: string;
  inferred: Set<InferredPart>;
}

/** Country and region from what was written, before the city is looked up. */
function readCountryAndRegion(input: PlaceInput, cityEntries: readonly GazetteerCity[]): Parts {
  const parts: Parts = { inferred: new Set() };
  const country = input.country?.trim();
  const region = input.region?.trim();
  if (country) {
    parts.countryCode = countryCode(country);
    // "Austin, Texas" written as city and country: a region in the country's place.
    if (parts.countryCode === undefined && !region) {
      const asRegion = regionOf(country);
      if (asRegion) {
        parts.region = asRegion;
        parts.countryCode = asRegion.countryCode;
      }
    }
  }
  if (!region) return parts;
  const coded = regionOf(region, parts.countryCode);
  if (coded && parts.countryCode === undefined && ambiguousCode(region)) {
    // "Berlin, DE": Delaware or Germany? The city decides; without one, the region reading stands but is not certain.
    const asCountry = countryCode(region) as string;
    const inCountry = cityEntries.find((city) => city.countryCode === asCountry);
    const inRegion = cityEntries.find((city) => city.regionCode === coded.code);
    if (inCountry && (!inRegion || inCountry.population > inRegion.population)) {
      parts.countryCode = asCountry;
      return parts;
    }
    parts.region = coded;
    parts.countryCode = coded.countryCode;
    if (!inRegion) parts.inferred.add('country').add('region');
    return parts;
  }
  if (coded) {
    parts.region = coded;
    parts.countryCode ??= coded.countryCode;
    return parts;
  }
  // "Berlin, Germany" written as city and region.
  const asCountry = parts.countryCode === undefined ? countryCode(region) : undefined;
  if (asCountry !== undefined) parts.countryCode = asCountry;
  else parts.regionText = fold(region);
  return parts;
}

function uncached(input: PlaceInput): NormalisedPlace {
  const writtenCity = input.city?.trim() ? input.city.trim() : undefined;
  let key = writtenCity === undefined ? undefined : cityKey(writtenCity);
  let entries = key === undefined ? [] : citiesNamed(key);
  const parts = readCountryAndRegion(input, entries);

  // A "city" that is no city of the gazetteer but a country or a coded region ("Texas", "Germany").
  if (writtenCity !== undefined && entries.length === 0 && !input.country?.trim() && !input.region?.trim()) {
    const asCountry = countryCode(writtenCity);
    const asRegion = asCountry === undefined ? regionOf(writtenCity) : undefined;
    if (asCountry !== undefined || asRegion !== undefined) {
      key = undefined;
      entries = [];
      parts.countryCode = asCountry ?? asRegion?.countryCode;
      parts.region = asRegion;
    }
  }

  // The gazetteer's city: among those in the written country and region, the only one or the dominant one.
  let city: GazetteerCity | undefined;
  if (entries.length > 0) {
    // A name that is also a word ("Surprise") names a city only where a country or region says which.
    const inCountry = parts.countryCode === undefined ? entries.filter((entry) => !entry.confirmedOnly) : entries.filter((entry) => entry.countryCode === parts.countryCode);
    const inRegion = parts.region
      ? inCountry.filter((entry) => entry.regionCode === parts.region?.code)
      : parts.regionText !== undefined
        ? inCountry.filter((entry) => entry.regionKey === parts.regionText)
        : inCountry;
    // A region written in words the data spells otherwise ("Bavaria" for "Bayern") narrows nothing.
    const candidates = parts.region || inRegion.length > 0 ? inRegion : inCountry;
    city = dominant(candidates);
    // Namesakes known only with a country ("Portland", Maine) still make a bare name a guess.
    const namesakes = parts.countryCode === undefined ? entries.length : candidates.length;
    if (city && Math.max(candidates.length, namesakes) > 1) parts.inferred.add('city');
    if (city && parts.countryCode === undefined) {
      if (city.population >= WELL_KNOWN_POPULATION) {
        parts.countryCode = city.countryCode;
        parts.inferred.add('country');
      } else {
        city = undefined; // "Cambridge" alone: too little known to place
      }
    }
    if (city && !parts.region && parts.regionText === undefined) {
      if (city.regionCode !== undefined) {
        parts.region = regionByCode(city.regionCode);
        if (candidates.length > 1 || parts.inferred.has('country')) parts.inferred.add('region');
      } else if (city.regionKey !== undefined) {
        parts.regionText = city.regionKey;
      }
    }
    if (city?.regionKey !== undefined && parts.regionText !== undefined && parts.regionText !== city.regionKey && inRegion.length === 0) {
      parts.regionText = city.regionKey; // the data's spelling, so that cities of one region compare equal
    }
  }

  const utcOffsets = cityOffsets(city) ?? (parts.region ? regionOffsets(parts.region.code) : undefined) ?? (parts.countryCode ? countryOffsets(parts.countryCode) : undefined);
  return {
    ...(key !== undefined && { city: city?.key ?? key }),
    ...(parts.region && { regionCode: parts.region.code }),
    ...(!parts.region && parts.regionText !== undefined && parts.regionText !== '' && { region: parts.regionText }),
    ...(parts.countryCode !== undefined && { countryCode: parts.countryCode }),
    inferred: (['country', 'region', 'city'] as const).filter((part) => parts.inferred.has(part)),
    ...(city && { position: { lat: city.lat, lng: city.lng } }),
    ...(city?.timeZone !== undefined && { timeZone: city.timeZone }),
    ...(utcOffsets && { utcOffsets }),
  };
}

function cityOffsets(city: GazetteerCity | undefined): UtcOffsets | undefined {
  const offset = city?.timeZone === undefined ? undefined : zoneOffset(city.timeZone);
  return offset === undefined ? undefined : { min: offset, max: offset };
}

const cache = new Map<string, NormalisedPlace>();
const CACHE_SIZE = 10_000;

/**
 * Normalises a written place: the country to its ISO code (from its name in several languages, a
 * code, or a US state / Canadian province), the region to its ISO 3166-2 code where it has one, the
 * city to its folded name. A well-known city alone names its country ("Berlin" → DE), marked as
 * inferred. "Portland, OR", "Portland, Oregon" and "Portland, Oregon, USA" give the same place.
 */
export function normalisePlace(input: PlaceInput): NormalisedPlace {
  const id = `${input.city ?? ''}\u0000${input.region ?? ''}\u0000${input.country ?? ''}`;
  let place = cache.get(id);
  if (!place) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    place = uncached(input);
    cache.set(id, place);
  }
  return place;
}

/** Whether a part of the place was inferred rather than written. */
function isInferred(place: NormalisedPlace, part: InferredPart): boolean {
  return place.inferred.includes(part);
}

/**
 * Whether two places agree at a level: `true` the same, `false` known to differ (both written, or
 * implied by what was written), `undefined` not comparable (a side does not say, or only a guess
 * disagrees). A coarser level that differs makes the finer ones differ too.
 */
export function compareAt(a: NormalisedPlace, b: NormalisedPlace, level: PlaceLevel): boolean | undefined {
  const country = compareCountries(a, b);
  if (level === 'country' || country === false) return country;
  const region = compareRegions(a, b);
  if (level === 'region' || region === false) return region;
  if (a.city === undefined || b.city === undefined) return undefined;
  return a.city === b.city;
}

function compareCountries(a: NormalisedPlace, b: NormalisedPlace): boolean | undefined {
  if (a.countryCode === undefined || b.countryCode === undefined) return undefined;
  if (a.countryCode === b.countryCode) return true;
  return isInferred(a, 'country') || isInferred(b, 'country') ? undefined : false;
}

function compareRegions(a: NormalisedPlace, b: NormalisedPlace): boolean | undefined {
  if (a.regionCode !== undefined && b.regionCode !== undefined) {
    if (a.regionCode === b.regionCode) return true;
    return isInferred(a, 'region') || isInferred(b, 'region') ? undefined : false;
  }
  // Region names without codes are compared only when they agree ("Bavaria" and "Bayern" may be one).
  if (a.region !== undefined && a.region === b.region) return true;
  return undefined;
}

/**
 * Whether two written places are the same at a level ("Portland, OR" and "Portland, Oregon, USA"
 * are the same city; "USA" and "United States" the same country): see {@link compareAt}.
 */
export function samePlace(a: PlaceInput, b: PlaceInput, level: PlaceLevel = 'city'): boolean | undefined {
  return compareAt(normalisePlace(a), normalisePlace(b), level);
}

/** Whether a place is known to be in a country: `undefined` when it names none, or only a guessed other one. */
export function inCountries(place: NormalisedPlace, countryCodes: ReadonlySet<string>): boolean | undefined {
  if (place.countryCode === undefined) return undefined;
  if (countryCodes.has(place.countryCode)) return true;
  return isInferred(place, 'country') ? undefined : false;
}

/** Great-circle distance between two positions, in kilometres. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const radians = (degrees: number): number => (degrees * Math.PI) / 180;
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Whether two places are one metro area: the same city, or gazetteer cities whose centres are at
 * most {@link METRO_RADIUS_KM} apart (San Francisco and San José, about 70 km: a daily commute). `false` only when both cities are
 * known and far apart (or in different countries); `undefined` when it cannot be told.
 */
export function sameMetro(a: NormalisedPlace, b: NormalisedPlace): boolean | undefined {
  const country = compareCountries(a, b);
  if (country === false) return false;
  const city = compareAt(a, b, 'city');
  if (city === true) return true;
  if (!a.position || !b.position || isInferred(a, 'city') || isInferred(b, 'city')) return undefined;
  return distanceKm(a.position, b.position) <= METRO_RADIUS_KM;
}

/**
 * The standard UTC offsets (hours) of a place: its city's time zone when the gazetteer has the city,
 * else the zones of its region or country ("Portland, OR" → −8..−8, "USA" → −10..−5, "Germany" → 1..1);
 * undefined when unknown.
 */
export function utcOffsetsOf(place: PlaceInput): UtcOffsets | undefined {
  return normalisePlace(place).utcOffsets;
}
