import usStates from 'us-state-codes/states.json';
import { fold } from './fold';

/**
 * Regions with codes: the US states, the District of Columbia and Puerto Rico (from
 * `us-state-codes`), and Canada's provinces and territories (below, in English and French).
 * Codes are ISO 3166-2: "US-OR", "CA-QC". Other countries' regions are compared by name.
 */
export interface Region {
  /** ISO 3166-2: "US-OR". */
  readonly code: string;
  /** ISO 3166-1 alpha-2 of the country: "US". */
  readonly countryCode: string;
  readonly name: string;
}

const CANADA: readonly (readonly [code: string, ...names: string[]])[] = [
  ['AB', 'Alberta'],
  ['BC', 'British Columbia', 'Colombie-Britannique'],
  ['MB', 'Manitoba'],
  ['NB', 'New Brunswick', 'Nouveau-Brunswick'],
  ['NL', 'Newfoundland and Labrador', 'Terre-Neuve-et-Labrador', 'Newfoundland'],
  ['NS', 'Nova Scotia', 'Nouvelle-Écosse'],
  ['NT', 'Northwest Territories', 'Territoires du Nord-Ouest'],
  ['NU', 'Nunavut'],
  ['ON', 'Ontario'],
  ['PE', 'Prince Edward Island', 'Île-du-Prince-Édouard', 'PEI'],
  ['QC', 'Quebec', 'Québec'],
  ['SK', 'Saskatchewan'],
  ['YT', 'Yukon', 'Yukon Territory'],
];

/** Other ways of writing a US region. */
const US_ALIASES: Readonly<Record<string, string>> = { 'Washington DC': 'DC', 'Washington D.C.': 'DC', 'D.C.': 'DC' };

function table(countryCode: string, entries: readonly (readonly [code: string, ...names: string[]])[]): ReadonlyMap<string, Region> {
  const byName = new Map<string, Region>();
  for (const [code, ...names] of entries) {
    const region: Region = { code: `${countryCode}-${code}`, countryCode, name: names[0] ?? code };
    for (const written of [code, ...names]) byName.set(fold(written), region);
  }
  return byName;
}

const US_TABLE = (() => {
  const entries = Object.entries(usStates as Record<string, string>).map(([code, name]) => [code, name] as const);
  const byName = new Map(table('US', entries));
  for (const [written, code] of Object.entries(US_ALIASES)) {
    const region = byName.get(fold(code));
    if (region) byName.set(fold(written), region);
  }
  return byName;
})();

const TABLES: ReadonlyMap<string, ReadonlyMap<string, Region>> = new Map([
  ['US', US_TABLE],
  ['CA', table('CA', CANADA)],
]);

/**
 * The coded region a text names ("Oregon", "OR", "or." → US-OR; "Québec", "QC" → CA-QC), within the
 * country when one is given; undefined when the text names none of the coded regions.
 */
export function regionOf(text: string, countryCode?: string): Region | undefined {
  const key = fold(text);
  if (countryCode !== undefined) return TABLES.get(countryCode)?.get(key);
  for (const byName of TABLES.values()) {
    const region = byName.get(key);
    if (region) return region;
  }
  return undefined;
}

/** The region of an ISO 3166-2 code ("US-OR"); undefined when not a coded region. */
export function regionByCode(code: string): Region | undefined {
  const [country, region] = code.toUpperCase().split('-');
  return country === undefined || region === undefined ? undefined : TABLES.get(country)?.get(fold(region));
}

/** Whether the country's regions have codes here (their names can then be told apart from other text). */
export function hasCodedRegions(countryCode: string): boolean {
  return TABLES.has(countryCode);
}
