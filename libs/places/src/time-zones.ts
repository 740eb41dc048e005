import { getTimezone, getTimezonesForCountry } from 'countries-and-timezones';
import { citiesIn } from './cities';

/**
 * UTC offsets in hours, standard time (outside daylight saving time), from the IANA data of
 * `countries-and-timezones`: fixed data, so an answer never depends on the date it is asked.
 */
export interface UtcOffsets {
  readonly min: number;
  readonly max: number;
}

function hours(minutes: number): number {
  return minutes / 60;
}

function range(offsets: readonly number[]): UtcOffsets | undefined {
  if (offsets.length === 0) return undefined;
  return { min: Math.min(...offsets), max: Math.max(...offsets) };
}

/** The standard offset of an IANA time zone ("Europe/Berlin" → 1); undefined when unknown. */
export function zoneOffset(timeZone: string): number | undefined {
  const zone = getTimezone(timeZone);
  return zone ? hours(zone.utcOffset) : undefined;
}

const byCountry = new Map<string, UtcOffsets | undefined>();

/** The standard offsets of a country's time zones ("US" → −10..−5, "DE" → 1..1). */
export function countryOffsets(countryCode: string): UtcOffsets | undefined {
  if (!byCountry.has(countryCode)) {
    byCountry.set(countryCode, range((getTimezonesForCountry(countryCode) ?? []).map((zone) => hours(zone.utcOffset))));
  }
  return byCountry.get(countryCode);
}

const byRegion = new Map<string, UtcOffsets | undefined>();

/**
 * The standard offsets of a coded region, from the time zones of its cities in the gazetteer
 * ("US-OR" → −8..−8, "US-FL" → −6..−5); undefined when the gazetteer has no city there.
 */
export function regionOffsets(regionCode: string): UtcOffsets | undefined {
  if (!byRegion.has(regionCode)) {
    const offsets = citiesIn(regionCode).flatMap((city) => {
      const offset = city.timeZone === undefined ? undefined : zoneOffset(city.timeZone);
      return offset === undefined ? [] : [offset];
    });
    byRegion.set(regionCode, range(offsets));
  }
  return byRegion.get(regionCode);
}

/** How offsets relate to a window: all inside, none inside, or some. */
export function offsetsWithin(offsets: UtcOffsets, window: UtcOffsets): 'inside' | 'outside' | 'partly' {
  if (offsets.min >= window.min && offsets.max <= window.max) return 'inside';
  if (offsets.max < window.min || offsets.min > window.max) return 'outside';
  return 'partly';
}
