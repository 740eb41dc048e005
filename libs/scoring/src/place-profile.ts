import { countryCode, normalisePlace, type NormalisedPlace } from '@talent/places';
import type { ScoringCandidate, ScoringLocation, ScoringPosting, Workplace } from './scoring.types';

/** A posting's workplace and places, normalised once (libs/places) for scoring many candidates. */
export interface PostingPlaceProfile {
  readonly workplace: Workplace | undefined;
  /** As written, for the explanation. */
  readonly location: ScoringLocation | undefined;
  /** The location normalised; undefined when the posting names no place. */
  readonly place: NormalisedPlace | undefined;
  /** `applicantLocation.countries`: the codes recognised, and the list as written. */
  readonly countries: { readonly codes: ReadonlySet<string>; readonly written: readonly string[] } | undefined;
  readonly utcOffsets: { readonly min: number; readonly max: number } | undefined;
  readonly sameMetro: boolean;
}

export interface CandidatePlaceProfile {
  readonly workplacePreference: ScoringCandidate['workplacePreference'];
  readonly location: ScoringLocation | undefined;
  readonly place: NormalisedPlace | undefined;
  readonly willingToRelocate: boolean;
}

function names(location: ScoringLocation | undefined): boolean {
  return location !== undefined && [location.city, location.region, location.country].some((part) => part !== undefined && part.trim() !== '');
}

export function preparePostingPlace(posting: ScoringPosting): PostingPlaceProfile {
  const applicant = posting.applicantLocation;
  const written = applicant?.countries?.map((country) => country.trim()).filter((country) => country !== '') ?? [];
  const codes = new Set(written.map((country) => countryCode(country)).filter((code) => code !== undefined));
  return {
    workplace: posting.workplace,
    location: posting.location,
    place: names(posting.location) ? normalisePlace(posting.location as ScoringLocation) : undefined,
    // A name libs/places does not recognise is left out; a list of which none is recognised restricts nothing.
    countries: codes.size > 0 ? { codes, written } : undefined,
    utcOffsets: applicant?.utcOffsets,
    sameMetro: applicant?.sameMetro === true,
  };
}

export function prepareCandidatePlace(candidate: ScoringCandidate): CandidatePlaceProfile {
  return {
    workplacePreference: candidate.workplacePreference,
    location: candidate.location,
    place: names(candidate.location) ? normalisePlace(candidate.location as ScoringLocation) : undefined,
    willingToRelocate: candidate.willingToRelocate === true,
  };
}
