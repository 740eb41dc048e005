import type { PostingFields } from '@talent/contracts';
import type { ParsedJobDescription } from './job-description.types';

/**
 * The posting fields a description gives, as the postings service stores them: the gating
 * requirements as `requiredSkills`, everything wanted but not gating as `preferredSkills`, and
 * for a doubtful extraction the near misses to allow (`matching.allowMissingRequired`). Fields the
 * text does not state are absent, so a publisher's own values can fill them.
 */
export function postingFieldsFromDescription(parsed: ParsedJobDescription): Partial<PostingFields> {
  return {
    ...(parsed.title !== undefined && { title: parsed.title }),
    ...(parsed.location && { location: parsed.location }),
    ...(parsed.workplace && { workplace: parsed.workplace }),
    ...(parsed.applicantLocation && { applicantLocation: parsed.applicantLocation }),
    ...(parsed.employmentType && { employmentType: parsed.employmentType }),
    ...(parsed.experienceYears && { experienceYears: parsed.experienceYears }),
    requiredSkills: parsed.requiredSkills,
    preferredSkills: parsed.preferredSkills,
    ...(parsed.allowMissingRequired > 0 && { matching: { allowMissingRequired: parsed.allowMissingRequired } }),
  };
}
