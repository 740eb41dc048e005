import { normalisePlace } from '@talent/places';
import type { PostingLabel } from './corpus';

// Places compared as a recruiter would: the same country (any spelling, or implied by a US state
// or a well-known city) and, when the label names one, the same city. Regions are compared only
// when the label names nothing finer or coarser ("Remote (EU)").

/** Areas larger than a country, by the names people give them. */
const AREA_NAMES: Record<string, string> = { eu: 'europe', 'european union': 'europe', europe: 'europe', emea: 'emea', americas: 'americas', 'north america': 'north america' };

const area = (region: string): string => AREA_NAMES[region.trim().toLowerCase()] ?? region.trim().toLowerCase();

export function sameLocation(found: { city?: string; region?: string; country?: string } | undefined, labelled: PostingLabel['location']): boolean {
  if (labelled === null) return found === undefined;
  if (found === undefined) return false;
  const want = normalisePlace(labelled);
  const have = normalisePlace(found);
  if (labelled.country !== undefined || (labelled.city === undefined && want.countryCode !== undefined)) {
    if (have.countryCode !== want.countryCode) return false;
  }
  // "San Francisco" for "San Francisco Bay Area": the city the area is named after.
  if (labelled.city !== undefined && (have.city === undefined || !(want.city ?? '').startsWith(have.city))) return false;
  if (labelled.country === undefined && labelled.city === undefined && labelled.region !== undefined && want.countryCode === undefined) {
    return found.region !== undefined && area(found.region) === area(labelled.region);
  }
  return true;
}
