import type { ExperienceRange, Location, PostingFields, SkillRequirement, Workplace } from '@talent/contracts';

/** What a recognised heading introduces. */
export type SectionKind =
  | 'required'
  | 'preferred'
  | 'responsibilities'
  | 'about'
  | 'benefits'
  | 'title'
  | 'location'
  | 'details';

/** A recognised heading and the span of its section (`start` at the heading, `end` exclusive). */
export interface RecognisedSection {
  kind: SectionKind;
  /** The heading as written ("Nice to have"). */
  heading: string;
  start: number;
  /** Where the content after the heading starts. */
  contentStart: number;
  end: number;
}

export type EmploymentType = NonNullable<PostingFields['employmentType']>;

/** What a free-text posting says, in the shape of the posting fields, plus how it was found. */
export interface ParsedJobDescription {
  /** Absent when no line, label or sentence names the job (a warning says so). */
  title?: string;
  /** Display names, and `{ anyOf }` groups where the text offers alternatives. */
  requiredSkills: SkillRequirement[];
  preferredSkills: string[];
  experienceYears?: ExperienceRange;
  workplace?: Workplace;
  location?: Location;
  employmentType?: EmploymentType;
  sections: RecognisedSection[];
  warnings: string[];
}
