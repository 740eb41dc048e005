import { OVER_EXPERIENCE_FLOOR, OVER_EXPERIENCE_STEP, UNKNOWN_CREDIT } from './scoring-options';
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
 * not stated → 0.5.
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

const LEVELS = ['country', 'region', 'city'] as const;
type Level = (typeof LEVELS)[number];

/** Credit for a place that agrees with the posting's down to a broader level than it asked. */
const PLACE_CREDIT: Record<Level, number> = { city: 1, region: 0.75, country: 0.5 };

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function placeText(location: ScoringLocation): string {
  return [location.city, location.region, location.country].filter((part) => part !== undefined).join(', ');
}

function workplaceFit(workplace: Workplace, preference: Workplace | 'any' | undefined): { credit: number; verdict: WorkplaceVerdict } {
  if (preference === undefined || preference === 'any' || preference === workplace) return { credit: 1, verdict: 'match' };
  if (preference === 'hybrid' || workplace === 'hybrid') return { credit: 0.5, verdict: 'partial' };
  return { credit: 0, verdict: 'mismatch' };
}

/**
 * Place fit at the posting's own granularity: a posting that names only a country is fully met by
 * anyone in that country. Agreement down to a broader level than asked earns part of the credit
 * (region 0.75, country 0.5); a candidate whose location cannot be compared earns 0.5 (unknown); a
 * different place earns 0.
 */
function placeFit(asked: ScoringLocation, candidate: ScoringLocation | undefined): { credit: number; verdict: PlaceVerdict } {
  const askedLevels = LEVELS.filter((level) => asked[level] !== undefined);
  const finest = askedLevels[askedLevels.length - 1];
  if (finest === undefined) return { credit: 1, verdict: 'not-asked' };
  let agreed: Level | undefined;
  let conflict = false;
  for (const level of askedLevels) {
    const theirs = candidate?.[level];
    if (theirs === undefined) continue;
    if (!same(asked[level] as string, theirs)) {
      conflict = true;
      break;
    }
    agreed = level;
  }
  if (agreed === finest) return { credit: 1, verdict: `same-${finest}` };
  if (agreed !== undefined) return { credit: PLACE_CREDIT[agreed], verdict: `same-${agreed}` };
  return conflict ? { credit: 0, verdict: 'elsewhere' } : { credit: UNKNOWN_CREDIT, verdict: 'unknown' };
}

/**
 * Workplace and location: the workplace fit (preference equal or "any" → 1, one side hybrid → 0.5,
 * remote vs on-site → 0) times the place fit, which remote roles ignore. A posting with a location
 * and no workplace is treated as on-site.
 */
export function locationFit(
  posting: { readonly workplace?: Workplace; readonly location?: ScoringLocation },
  candidate: { readonly workplacePreference?: Workplace | 'any'; readonly location?: ScoringLocation },
): Fit<{ workplace: WorkplaceVerdict; place: PlaceVerdict }> {
  const asksPlace = posting.location !== undefined && LEVELS.some((level) => posting.location?.[level] !== undefined);
  if (posting.workplace === undefined && !asksPlace) {
    return { applicable: false, credit: 1, verdict: { workplace: 'not-asked', place: 'not-asked' }, detail: 'no workplace or location asked' };
  }
  const workplace = posting.workplace ?? 'on-site';
  const work = workplaceFit(workplace, candidate.workplacePreference);
  const preference = work.verdict === 'match' ? '' : `; candidate prefers ${candidate.workplacePreference}`;
  if (workplace === 'remote') {
    return {
      applicable: true,
      credit: work.credit,
      verdict: { workplace: work.verdict, place: 'not-considered' },
      detail: `remote role: location not considered${preference}`,
    };
  }
  if (!asksPlace || posting.location === undefined) {
    return { applicable: true, credit: work.credit, verdict: { workplace: work.verdict, place: 'not-asked' }, detail: `${workplace} role${preference}` };
  }
  const place = placeFit(posting.location, candidate.location);
  const where = candidate.location && placeText(candidate.location) !== '' ? `candidate in ${placeText(candidate.location)}` : 'candidate location not stated';
  const verdictText = place.verdict === 'unknown' || place.verdict === 'not-asked' ? '' : ` (${place.verdict.replace('-', ' ')})`;
  return {
    applicable: true,
    credit: work.credit * place.credit,
    verdict: { workplace: work.verdict, place: place.verdict },
    detail: `${workplace} in ${placeText(posting.location)}; ${where}${verdictText}${preference}`,
  };
}
