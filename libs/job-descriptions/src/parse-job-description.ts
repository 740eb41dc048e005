import type { Taxonomy } from '@talent/skills';
import { extractEmploymentType } from './employment-type';
import { extractExperience } from './experience';
import { findHeadings, LABEL_KINDS } from './headings';
import type { ParsedJobDescription, RecognisedSection } from './job-description.types';
import { extractApplicantLocation, extractLocation, unionOf } from './location';
import { normaliseText } from './normalise-text';
import { extractSkills, type SkillExtraction } from './skill-requirements';
import { regionsOf } from './text-regions';
import { extractTitle } from './title';
import { extractWorkplace } from './workplace';

export const NO_REQUIREMENTS_SECTION_WARNING = 'no requirements section: skills taken from the whole text as required';
export const NO_TITLE_WARNING = 'no title found: no "Job title:" label, title line or "we are looking for a …" sentence';
export const NO_REQUIRED_SKILLS_WARNING = 'no required skill recognised';
export const PLACE_ONLY_WARNING = 'no skill named: candidates are matched on the place alone';

/** Sections that end a posting's header (its title, company and place lines). */
const HEADER_ENDS: ReadonlySet<RecognisedSection['kind']> = new Set(['required', 'preferred', 'responsibilities', 'about']);

/** More gating requirements than this reads as a text whose sections were not found. */
const MANY_REQUIREMENTS = 15;

/** An equal-opportunity or legal paragraph ends the posting's requirements even without a heading. */
const LEGAL_SENTENCE = /(?:^|[.!?]\s|\n)([^.!?\n]{0,80}\b(?:an equal (?:employment )?opportunity|equal opportunity employer|EEO\b|affirmative action employer)[^\n]*)/i;

/**
 * Reads a free-text job posting: its title, requirements with their evidence (the clause and
 * section each was read from, the cue that decided it, a confidence), the gating required skills
 * (with any-of groups), preferred skills, experience range, workplace, location and employment
 * type, and which headings it recognised. Works on Markdown, bullet lists, pasted HTML, ALL-CAPS
 * headings and postings run together in one paragraph. Linear in the length of the text. Pure:
 * the same text and taxonomy always give the same result.
 */
export function parseJobDescription(raw: string, taxonomy: Taxonomy): ParsedJobDescription {
  const text = normaliseText(raw, (word) => taxonomy.resolve(word) !== undefined);
  const sections = withWishListsRead(sectionsOf(text));
  const regions = regionsOf(text, sections);
  const warnings: string[] = [];

  const { title } = extractTitle(text, sections);
  if (title === undefined) warnings.push(NO_TITLE_WARNING);

  const skills = withTitleSkills(title, extractSkills(text, regions, taxonomy), taxonomy);
  if (skills.fromWholeText) warnings.push(NO_REQUIREMENTS_SECTION_WARNING);
  if (skills.requiredSkills.length === 0) warnings.push(NO_REQUIRED_SKILLS_WARNING);

  const required = skills.requiredSkills.length;
  let allowMissingRequired = 0;
  if (skills.fallback === 'uncertain' && required > 0) {
    allowMissingRequired = Math.min(20, required - 1, Math.max(1, Math.floor(required / 3)));
    warnings.push(
      `no confident requirement: the ${required} uncertain ones are used, with up to ${allowMissingRequired} of them missing allowed`,
    );
  } else if (skills.fallback === 'preferred' && required > 0) {
    allowMissingRequired = Math.min(20, required - 1);
    warnings.push(`no requirement found: the ${required} preferred skills are used, and a candidate needs only one of them`);
  } else if (required > 0 && (skills.fromWholeText || required > MANY_REQUIREMENTS)) {
    allowMissingRequired = Math.min(20, Math.max(1, Math.floor(required / 3)));
    const why = skills.fromWholeText ? 'no requirements section was found' : `${required} requirements were read, more than a posting usually gates on`;
    warnings.push(`extraction doubtful (${why}): matched with up to ${allowMissingRequired} required skill${allowMissingRequired === 1 ? '' : 's'} missing`);
  }

  const labelValues = sections
    .filter((section) => section.kind === 'location')
    .map((section) => text.slice(section.contentStart, section.end));
  const experienceYears = extractExperience(text, regions);
  const workplace = extractWorkplace(labelValues.join('\n'), text);
  const applicantLocation = extractApplicantLocation(text);
  // A remote role open in one country only ("Remote - Canada") is placed in that country.
  const onlyCountry = applicantLocation?.countries?.length === 1 ? applicantLocation.countries[0] : undefined;
  const union = applicantLocation?.countries ? unionOf(applicantLocation.countries) : undefined;
  // The opening: the text before the first section that is not a label ("Subject: …", "Job title: …" come first in e-mails and exports).
  const openingEnd = sections.find((section) => !LABEL_KINDS.has(section.kind))?.start ?? text.length;
  // The header: the lines before the requirements, duties or company blurb (job boards put buttons such as "Apply now" among its fields).
  const headerEnd = sections.find((section) => HEADER_ENDS.has(section.kind))?.start ?? text.length;
  const location = extractLocation(labelValues, text, text.slice(0, openingEnd), text.slice(0, Math.max(openingEnd, headerEnd))) ?? (onlyCountry !== undefined ? { country: onlyCountry } : union !== undefined ? { region: union } : undefined);
  const employmentType = extractEmploymentType(text);
  if (required === 0 && location) warnings.push(PLACE_ONLY_WARNING);

  return {
    ...(title !== undefined && { title }),
    requiredSkills: skills.requiredSkills,
    preferredSkills: skills.preferredSkills,
    contextSkills: skills.contextSkills,
    requirements: skills.requirements,
    ...(experienceYears && { experienceYears }),
    ...(workplace && { workplace }),
    ...(location && { location }),
    ...(applicantLocation && { applicantLocation }),
    ...(employmentType && { employmentType }),
    sections,
    doubtful: allowMissingRequired > 0,
    allowMissingRequired,
    warnings,
  };
}

/**
 * "Senior Backend Engineer (Kotlin / PostgreSQL)": a technology the title names and the text asks
 * for nowhere else is required (a title names the job's core stack). One the text names anywhere
 * (as a requirement, a wish or context) keeps the text's reading; a concept in the title asks nothing.
 */
function withTitleSkills(title: string | undefined, skills: SkillExtraction, taxonomy: Taxonomy): SkillExtraction {
  if (title === undefined) return skills;
  // What the rest of the text names: not the title's own line, read as context.
  const onTitleLine = (evidence: { sectionKind: string; phrase: string }): boolean =>
    evidence.sectionKind === 'title' || (evidence.sectionKind === 'unsectioned' && (evidence.phrase.includes(title) || title.includes(evidence.phrase)));
  const elsewhere = skills.requirements.filter((requirement) => !onTitleLine(requirement.evidence));
  const named = new Set(elsewhere.flatMap((requirement) => requirement.skills).map((name) => taxonomy.keyOf(name)));
  const added = taxonomy
    .extract(title)
    .filter((mention) => mention.skill.kind === 'technology' && !named.has(taxonomy.keyOf(mention.skill.name)))
    .map((mention) => mention.skill.name);
  if (added.length === 0) return skills;
  return {
    ...skills,
    requiredSkills: [...added, ...skills.requiredSkills],
    contextSkills: skills.contextSkills.filter((name) => !added.includes(name)),
    requirements: [
      ...added.map((name) => ({
        skills: [name],
        anyOf: false,
        modality: 'required' as const,
        gating: true,
        confidence: TITLE_CONFIDENCE,
        evidence: { section: 'title', sectionKind: 'title' as const, phrase: title, cue: 'named in the title' },
      })),
      ...skills.requirements,
    ],
  };
}

/** How sure a requirement read from the title alone is (it gates: a title names the core stack). */
const TITLE_CONFIDENCE = 0.75;

/**
 * Each heading's section runs to the next heading; a label's ("Location: …") and a list item's
 * ("- Nice to have: Kafka") end with their line. An equal-opportunity paragraph under no heading
 * of its own starts a benefits section (it is never a requirement).
 */
function sectionsOf(text: string): RecognisedSection[] {
  const headings = findHeadings(text);
  const legal = LEGAL_SENTENCE.exec(text);
  if (legal?.[1]) {
    const start = legal.index + legal[0].indexOf(legal[1]);
    if (!headings.some((heading) => heading.kind === 'benefits' && heading.start <= start && start - heading.start < 400)) {
      const at = headings.findIndex((heading) => heading.start > start);
      const legalHeading = { kind: 'benefits' as const, heading: 'Equal opportunity', start, contentStart: start, confidence: 0.8 };
      if (at === -1) headings.push(legalHeading);
      else headings.splice(at, 0, legalHeading);
    }
  }
  return headings.map((heading, index) => {
    let end = headings[index + 1]?.start ?? text.length;
    let { contentStart } = heading;
    if (LABEL_KINDS.has(heading.kind) || heading.lineOnly) {
      const rest = text.slice(contentStart, end);
      // A label ends with its line, or in a run-together paragraph with its sentence. A label alone
      // on its line ("WORK ARRANGEMENTS", then "This is an on-site role. …") holds the line below.
      contentStart += /^[ \t]*\n\s*/.exec(rest)?.[0].length ?? 0;
      // "Location", "1 vacancy in the following location:", "Lakewood, CO": past a line that introduces the value.
      if (contentStart > heading.contentStart) contentStart += /^[^\n]{0,80}:[ \t]*\n\s*/.exec(text.slice(contentStart, end))?.[0].length ?? 0;
      const stop = /\n|[.!?] (?=\p{Lu})/u.exec(text.slice(contentStart, end));
      if (stop) end = contentStart + stop.index + (stop[0] === '\n' ? 0 : 1);
    }
    while (end > contentStart && /\s/.test(text.charAt(end - 1))) end -= 1;
    const { kind, heading: written, start, confidence } = heading;
    return { kind, heading: written, start, contentStart, end: Math.max(end, contentStart), confidence };
  });
}

/**
 * A posting with no requirements heading but two wish lists ("What we'd love to see", later
 * "Bonus points") lists what it needs before what it would welcome: the first list is read as its
 * requirements (a little less surely than under a requirements heading).
 */
function withWishListsRead(sections: RecognisedSection[]): RecognisedSection[] {
  const lists = sections.filter((section) => !LABEL_KINDS.has(section.kind) && section.end > section.contentStart);
  if (lists.some((section) => section.kind === 'required')) return sections;
  const wishes = lists.filter((section) => section.kind === 'preferred');
  if (wishes.length < 2) return sections;
  const first = wishes[0] as RecognisedSection;
  return sections.map((section) => (section === first ? { ...section, kind: 'required', confidence: Math.round(section.confidence * 0.9 * 100) / 100 } : section));
}
