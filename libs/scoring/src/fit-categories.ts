import { compareAt, inCountries, offsetsWithin, sameMetro, type NormalisedPlace, type PlaceLevel } from '@talent/places';
import type { CandidatePlaceProfile, PostingPlaceProfile } from './place-profile';
import { OVER_EXPERIENCE_FLOOR, OVER_EXPERIENCE_STEP, UNKNOWN_CREDIT, UNKNOWN_PLACE_CREDIT } from './scoring-options';
import type { ExperienceVerdict, PlaceVerdict, ScoringLocation, Workplace, WorkplaceVerdict } from './scoring.types';

/** A category's credit (0..1) and what to tell the recruiter about it. */
export interface Fit<Verdict> {
  readonly applicable: boolean;
  readonly credit: number;
  readonly verdict: Verdict;
  readonly detail: string;
}

function years(value: number): string {
  return `${value} ${value === 1 ? 'year' : 'years'}`;
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? years(min) : `${min}–${years(max)}`;
  if (min !== undefined) return `at least ${years(min)}`;
  return `at most ${years(max ?? 0)}`;
}

/**
 * Experience against the posting's range: inside → 1; below → years / min (linear down to 0);
 * above → 1 − 0.1 per year over the maximum, never below 0.5 (over-qualified is a mild concern);
 * not stated → 0, as little as the least stated (so not saying never beats saying "1 year").
 */
export function experienceFit(
  range: { readonly min?: number; readonly max?: number } | undefined,
  total: number | null,
): Fit<ExperienceVerdict> & { readonly min: number | null; readonly max: number | null } {
  const min = range?.min;
  const max = range?.max;
  const bounds = { min: min ?? null, max: max ?? null };
  if (min === undefined && max === undefined) {
    return { ...bounds, applicable: false, credit: 1, verdict: 'not-asked', detail: 'no experience range asked' };
  }
  const asked = rangeText(min, max);
  if (total === null) {
    return { ...bounds, applicable: true, credit: UNKNOWN_CREDIT, verdict: 'unknown', detail: `experience not stated (asked ${asked})` };
  }
  if (min !== undefined && total < min) {
    return { ...bounds, applicable: true, credit: min > 0 ? total / min : 1, verdict: 'below', detail: `${years(total)} of experience, below the ${asked} asked` };
  }
  if (max !== undefined && total > max) {
    const credit = Math.max(OVER_EXPERIENCE_FLOOR, 1 - OVER_EXPERIENCE_STEP * (total - max));
    return { ...bounds, applicable: true, credit, verdict: 'above', detail: `${years(total)} of experience, above the ${asked} asked` };
  }
  return { ...bounds, applicable: true, credit: 1, verdict: 'within', detail: `${years(total)} of experience, within the ${asked} asked` };
}

const LEVELS: readonly PlaceLevel[] = ['country', 'region', 'city'];

/** Credit for a place that agrees with the posting's down to a broader level than it asked. */
const PLACE_CREDIT: Record<PlaceLevel, number> = { city: 1, region: 0.75, country: 0.5 };

function placeText(location: ScoringLocation | undefined): string {
  if (location === undefined) return '';
  return [location.city, location.region, location.country].filter((part) => part !== undefined && part.trim() !== '').join(', ');
}

function workplaceFit(workplace: Workplace, preference: Workplace | 'any' | undefined): { credit: number; verdict: WorkplaceVerdict } {
  if (preference === undefined || preference === 'any' || preference === workplace) return { credit: 1, verdict: 'match' };
  if (preference === 'hybrid' || workplace === 'hybrid') return { credit: 0.5, verdict: 'partial' };
  return { credit: 0, verdict: 'mismatch' };
}

function hasLevel(place: NormalisedPlace, level: PlaceLevel): boolean {
  if (level === 'country') return place.countryCode !== undefined;
  if (level === 'region') return place.regionCode !== undefined || place.region !== undefined;
  return place.city !== undefined;
}

/**
 * Place fit at the posting's own granularity: a posting that names only a country is fully met by
 * anyone in that country. Places are compared normalised (libs/places: "Portland, OR" is "Portland,
 * Oregon, USA"). Agreement down to a broader level than asked earns part of the credit (region
 * 0.75, country 0.5); a candidate whose location cannot be compared earns 0.5 (unknown); a different
 * place earns 0.
 */
function placeFit(asked: NormalisedPlace, candidate: NormalisedPlace | undefined): { credit: number; verdict: PlaceVerdict } {
  const askedLevels = LEVELS.filter((level) => hasLevel(asked, level));
  const finest = askedLevels[askedLevels.length - 1];
  if (finest === undefined) return { credit: UNKNOWN_PLACE_CREDIT, verdict: 'unknown' };
  let agreed: PlaceLevel | undefined;
  let conflict = false;
  for (const level of askedLevels) {
    const same = candidate === undefined ? undefined : compareAt(asked, candidate, level);
    if (same === undefined) continue;
    if (!same) {
      conflict = true;
      break;
    }
    agreed = level;
  }
  if (agreed === finest) return { credit: 1, verdict: `same-${finest}` };
  if (agreed !== undefined) return { credit: PLACE_CREDIT[agreed], verdict: `same-${agreed}` };
  return conflict ? { credit: 0, verdict: 'elsewhere' } : { credit: UNKNOWN_PLACE_CREDIT, verdict: 'unknown' };
}

type Area = 'inside' | 'outside' | 'unknown';

/**
 * Whether the candidate is where the posting's applicants must be (`applicantLocation`): outside
 * only when known to be (a guessed country or time zone never rules anyone out).
 */
function areaFit(posting: PostingPlaceProfile, candidate: CandidatePlaceProfile): Area | undefined {
  if (posting.countries === undefined && posting.utcOffsets === undefined) return undefined;
  const place = candidate.place;
  const answers: (boolean | undefined)[] = [];
  if (posting.countries !== undefined) answers.push(place === undefined ? undefined : inCountries(place, posting.countries.codes));
  if (posting.utcOffsets !== undefined) {
    const within = place?.utcOffsets === undefined ? undefined : offsetsWithin(place.utcOffsets, posting.utcOffsets);
    const guessed = place !== undefined && place.inferred.length > 0;
    answers.push(within === 'inside' ? true : within === 'outside' && !guessed ? false : undefined);
  }
  if (answers.includes(false)) return 'outside';
  return answers.every((answer) => answer === true) ? 'inside' : 'unknown';
}

interface LocationGate {
  readonly workplace: Workplace | undefined;
  readonly area: Area | undefined;
  /** On-site or hybrid with a place: the candidate is known to be in another country. */
  readonly otherCountry: boolean;
  /** The posting asks its metro area, and the candidate is known to be in another. */
  readonly otherMetro: boolean;
  readonly eligible: boolean;
}

function gate(posting: PostingPlaceProfile, candidate: CandidatePlaceProfile): LocationGate {
  const workplace = posting.workplace ?? (posting.place !== undefined ? 'on-site' : undefined);
  const area = areaFit(posting, candidate);
  const atPlace = workplace !== 'remote' && workplace !== undefined && posting.place !== undefined && candidate.place !== undefined;
  // Applicant countries, where the posting names them, take the place of the workplace's own country.
  const otherCountry = atPlace && posting.countries === undefined && compareAt(posting.place, candidate.place, 'country') === false;
  const otherMetro = atPlace && !otherCountry && posting.sameMetro && posting.place.city !== undefined && sameMetro(posting.place, candidate.place) === false;
  const eligible = area !== 'outside' && (candidate.willingToRelocate || (!otherCountry && !otherMetro));
  return { workplace, area, otherCountry, otherMetro, eligible };
}

/**
 * The location gate alone: whether the candidate may match the posting as far as where they are
 * goes. Exactly `locationFit(...).eligible`, without the explanation.
 */
export function passesLocationGate(posting: PostingPlaceProfile, candidate: CandidatePlaceProfile): boolean {
  return gate(posting, candidate).eligible;
}

function hours(offset: number): string {
  const sign = offset < 0 ? '−' : '+';
  const whole = Math.trunc(Math.abs(offset));
  const minutes = Math.round((Math.abs(offset) - whole) * 60);
  return `UTC${sign}${whole}${minutes === 0 ? '' : `:${String(minutes).padStart(2, '0')}`}`;
}

function areaText(posting: PostingPlaceProfile): string {
  const parts = [
    posting.countries?.written.join(', '),
    posting.utcOffsets === undefined
      ? undefined
      : posting.utcOffsets.min === posting.utcOffsets.max
        ? hours(posting.utcOffsets.min)
        : `${hours(posting.utcOffsets.min)} to ${hours(posting.utcOffsets.max)}`,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? '' : ` open to ${parts.join(' and ')}`;
}

/**
 * Workplace and location: the workplace fit (preference equal or "any" → 1, one side hybrid → 0.5,
 * remote vs on-site → 0) times the place fit. A posting with a location and no workplace is treated
 * as on-site. Remote roles ignore the location, unless the posting restricts where applicants must
 * be (inside 1, unknown 0.5).
 *
 * The location gate (`eligible`): a candidate known to be outside the posting's applicant countries
 * or time zones never matches; for an on-site or hybrid role with a place, neither does one known to
 * be in another country (than the applicant countries, where the posting names them, else the
 * workplace's), or (when the posting asks `sameMetro`) in another metro area, unless the candidate
 * is willing to relocate. A location not stated, or only guessed, rules nobody out.
 */
export function locationFit(posting: PostingPlaceProfile, candidate: CandidatePlaceProfile): Fit<{ workplace: WorkplaceVerdict; place: PlaceVerdict }> & { readonly eligible: boolean } {
  const { workplace, area, otherCountry, otherMetro, eligible } = gate(posting, candidate);
  if (workplace === undefined && area === undefined) {
    return { applicable: false, credit: 1, eligible, verdict: { workplace: 'not-asked', place: 'not-asked' }, detail: 'no workplace or location asked' };
  }
  const work = workplace === undefined ? { credit: 1, verdict: 'not-asked' as const } : workplaceFit(workplace, candidate.workplacePreference);
  const preference = work.verdict === 'match' || work.verdict === 'not-asked' ? '' : `; candidate prefers ${candidate.workplacePreference}`;
  const where = placeText(candidate.location) !== '' ? `candidate in ${placeText(candidate.location)}` : 'candidate location not stated';
  const open = areaText(posting);

  if (workplace === 'remote' || workplace === undefined || posting.place === undefined) {
    const role = workplace === 'remote' ? 'remote role' : workplace === undefined ? 'role' : `${workplace} role`;
    if (area === undefined) {
      return workplace === 'remote'
        ? { applicable: true, credit: work.credit, eligible, verdict: { workplace: work.verdict, place: 'not-considered' }, detail: `remote role: location not considered${preference}` }
        : { applicable: true, credit: work.credit, eligible, verdict: { workplace: work.verdict, place: 'not-asked' }, detail: `${role}${preference}` };
    }
    const place: PlaceVerdict = area === 'inside' ? 'inside-area' : area === 'outside' ? 'outside-area' : 'unknown';
    const credit = area === 'inside' ? 1 : area === 'outside' ? 0 : UNKNOWN_PLACE_CREDIT;
    const verdictText = area === 'inside' ? ' (inside the area)' : area === 'outside' ? ' (outside the area): not eligible' : '';
    return {
      applicable: true,
      credit: work.credit * credit,
      eligible,
      verdict: { workplace: work.verdict, place },
      detail: `${role}${open}; ${where}${verdictText}${preference}`,
    };
  }

  const fit = placeFit(posting.place, candidate.place);
  const asked = `${workplace} in ${placeText(posting.location)}${posting.sameMetro ? ' (its metro area)' : ''}${open}`;
  let verdict: PlaceVerdict = fit.verdict;
  let credit = fit.credit;
  let verdictText = fit.verdict === 'unknown' ? '' : ` (${fit.verdict.replace('-', ' ')})`;
  if (area === 'outside') {
    verdict = 'outside-area';
    credit = 0;
    verdictText = ' (outside the area): not eligible';
  } else if ((otherCountry || otherMetro) && !candidate.willingToRelocate) {
    verdict = otherCountry ? 'other-country' : 'other-metro';
    credit = otherCountry ? 0 : fit.credit;
    verdictText = ` (${otherCountry ? 'another country' : 'another metro area'}, not willing to relocate): not eligible`;
  } else if (otherCountry || otherMetro) {
    verdictText += '; willing to relocate';
  }
  return {
    applicable: true,
    credit: work.credit * credit,
    eligible,
    verdict: { workplace: work.verdict, place: verdict },
    detail: `${asked}; ${where}${verdictText}${preference}`,
  };
}
