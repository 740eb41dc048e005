import type { Taxonomy } from '@talent/skills';
import { extractEmploymentType } from './employment-type';
import { extractExperience } from './experience';
import { findHeadings, LABEL_KINDS } from './headings';
import type { ParsedJobDescription, RecognisedSection } from './job-description.types';
import { extractLocation } from './location';
import { extractSkills } from './skill-requirements';
import { regionsOf } from './text-regions';
import { extractTitle } from './title';
import { extractWorkplace } from './workplace';

export const NO_REQUIREMENTS_SECTION_WARNING = 'no requirements section: skills taken from the whole text as required';
export const NO_TITLE_WARNING = 'no title found: no "Job title:" label, title line or "we are looking for a …" sentence';
export const NO_REQUIRED_SKILLS_WARNING = 'no required skill recognised';

/**
 * Reads a free-text job posting: its title, required skills (with "at least one of …" groups),
 * preferred skills, experience range, workplace, location and employment type, and which
 * headings it recognised. Works on Markdown, bullet lists, ALL-CAPS headings and postings run
 * together on one line. Pure: the same text and taxonomy always give the same result.
 */
export function parseJobDescription(text: string, taxonomy: Taxonomy): ParsedJobDescription {
  const sections = sectionsOf(text);
  const regions = regionsOf(text, sections);
  const warnings: string[] = [];

  const { title } = extractTitle(text, sections);
  if (title === undefined) warnings.push(NO_TITLE_WARNING);

  const skills = extractSkills(text, regions, taxonomy);
  if (skills.fromWholeText) warnings.push(NO_REQUIREMENTS_SECTION_WARNING);
  if (skills.requiredSkills.length === 0) warnings.push(NO_REQUIRED_SKILLS_WARNING);

  const labelValues = sections
    .filter((section) => section.kind === 'location')
    .map((section) => text.slice(section.contentStart, section.end));
  const experienceYears = extractExperience(text, regions);
  const workplace = extractWorkplace(labelValues.join('\n'), text);
  const location = extractLocation(labelValues, text, text.slice(0, sections[0]?.start ?? text.length));
  const employmentType = extractEmploymentType(text);

  return {
    ...(title !== undefined && { title }),
    requiredSkills: skills.requiredSkills,
    preferredSkills: skills.preferredSkills,
    ...(experienceYears && { experienceYears }),
    ...(workplace && { workplace }),
    ...(location && { location }),
    ...(employmentType && { employmentType }),
    sections,
    warnings,
  };
}

/** Each heading's section runs to the next heading; a label's ("Location: …") ends with its line. */
function sectionsOf(text: string): RecognisedSection[] {
  const headings = findHeadings(text);
  return headings.map((heading, index) => {
    let end = headings[index + 1]?.start ?? text.length;
    if (LABEL_KINDS.has(heading.kind)) {
      const lineEnd = text.indexOf('\n', heading.contentStart);
      if (lineEnd !== -1 && lineEnd < end) end = lineEnd;
    }
    while (end > heading.contentStart && /\s/.test(text.charAt(end - 1))) end -= 1;
    return { ...heading, end };
  });
}
