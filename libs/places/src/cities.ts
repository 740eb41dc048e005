import { createRequire } from 'node:module';
import { fold } from './fold';
import { regionOf } from './regions';

/**
 * The city gazetteer: the 7,300 cities of `city-timezones` (name, country, province or US state,
 * population, position, IANA time zone). Loaded on first use (with its index about 85 ms), so a
 * service that never looks a city up does not hold it.
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
};

const ALIAS_KEYS: ReadonlyMap<string, string> = new Map(Object.entries(CITY_ALIASES).map(([written, key]) => [fold(written), key]));

/** The folded name a written city is looked up and compared by (aliases applied). */
export function cityKey(written: string): string {
  const key = fold(written);
  return ALIAS_KEYS.get(key) ?? key;
}

let byKey: ReadonlyMap<string, readonly GazetteerCity[]> | undefined;

function load(): ReadonlyMap<string, readonly GazetteerCity[]> {
  const { cityMapping } = createRequire(__filename)('city-timezones') as { cityMapping: readonly RawCity[] };
  const index = new Map<string, GazetteerCity[]>();
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
    };
    for (const name of new Set([key, fold(raw.city_ascii)])) {
      let list = index.get(name);
      if (!list) index.set(name, (list = []));
      list.push(city);
    }
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
