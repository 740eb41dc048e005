import isoCountries from 'i18n-iso-countries';
import cs from 'i18n-iso-countries/langs/cs.json';
import da from 'i18n-iso-countries/langs/da.json';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fi from 'i18n-iso-countries/langs/fi.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import it from 'i18n-iso-countries/langs/it.json';
import nb from 'i18n-iso-countries/langs/nb.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import pl from 'i18n-iso-countries/langs/pl.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import sv from 'i18n-iso-countries/langs/sv.json';
import { fold } from './fold';

/**
 * Country names in these languages are recognised, English first: each language names every
 * country, so "Deutschland", "Allemagne" and "Alemania" all read as DE, and so does a country's
 * own name in its language ("Nederland", "Polska", "Sverige").
 */
const LOCALES = [en, de, fr, es, it, nl, pt, pl, sv, da, nb, fi, cs];

/**
 * Names people write that no locale of the data lists: the United Kingdom's nations, old or
 * informal names.
 */
const ALIASES: Readonly<Record<string, string>> = {
  England: 'GB',
  Scotland: 'GB',
  Wales: 'GB',
  'Northern Ireland': 'GB',
  Britain: 'GB',
  Holland: 'NL',
  America: 'US',
  'United States of America': 'US',
  'U.S. of A.': 'US',
  Burma: 'MM',
  Macedonia: 'MK',
  'Viet Nam': 'VN',
  Eire: 'IE',
  Czechia: 'CZ',
};

for (const locale of LOCALES) isoCountries.registerLocale(locale);

/** Folded name or code → alpha-2 code. Names that mean two countries ("Congo") are left out. */
const BY_NAME: ReadonlyMap<string, string> = (() => {
  const byName = new Map<string, string>();
  const ambiguous = new Set<string>();
  const add = (written: string, code: string): void => {
    const key = fold(written);
    if (key === '' || ambiguous.has(key)) return;
    const known = byName.get(key);
    if (known === undefined) byName.set(key, code);
    else if (known !== code) {
      byName.delete(key);
      ambiguous.add(key);
    }
  };
  for (const locale of LOCALES) {
    for (const [code, names] of Object.entries(isoCountries.getNames(locale.locale, { select: 'all' }))) {
      for (const name of names) add(name, code);
    }
  }
  for (const [name, code] of Object.entries(ALIASES)) add(name, code);
  // Codes last: a name never gives way to a code.
  for (const code of Object.keys(isoCountries.getAlpha2Codes())) if (!byName.has(fold(code))) byName.set(fold(code), code);
  for (const [alpha3, code] of Object.entries(isoCountries.getAlpha3Codes())) if (!byName.has(fold(alpha3))) byName.set(fold(alpha3), code);
  return byName;
})();

/**
 * The ISO 3166-1 alpha-2 code of a country written as a name in one of the recognised languages,
 * an informal name ("USA", "U.S.", "UK", "England", "Holland") or a code ("DE", "DEU"); undefined
 * when the text is no country. Case, accents and dots do not matter.
 */
export function countryCode(text: string): string | undefined {
  return BY_NAME.get(fold(text));
}

/** Whether the text names a country (see {@link countryCode}). */
export function isCountry(text: string): boolean {
  return countryCode(text) !== undefined;
}

/** The English short name of a country code ("DE" → "Germany"); undefined for an unknown code. */
export function countryName(code: string): string | undefined {
  return isoCountries.getName(code.toUpperCase(), 'en');
}

