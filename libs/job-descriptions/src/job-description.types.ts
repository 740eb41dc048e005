import type { ApplicantLocation, ExperienceRange, Location, PostingFields, SkillRequirement, Workplace } from '@talent/contracts';

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

/**
 * A recognised heading and the span of its section (`start` at the heading, `end` exclusive).
 * Offsets are into the normalised text (HTML turned into lines, whitespace runs made single).
 */
export interface RecognisedSection {
  kind: SectionKind;
  /** The heading as written ("Nice to have"). */
  heading: string;
  start: number;
  /** Where the content after the heading starts. */
  contentStart: number;
  end: number;
  /** How sure the parser is that this is a heading (0..1). */
  confidence: number;
}

export type EmploymentType = NonNullable<PostingFields['employmentType']>;

/** What a skill mention asks of a candidate. */
export type Modality = 'required' | 'preferred' | 'context';

/** Where a requirement was read: the section, the clause, and the cue that decided it. */
export interface RequirementEvidence {
  /** The heading of the section it sits in, as written; absent for text under no heading. */
  section?: string;
  sectionKind: SectionKind | 'unsectioned';
  /** The clause (bullet, line or sentence) that names it, shortened to 200 characters. */
  phrase: string;
  /** The cue that decided its modality or grouping: "is a plus", "at least one of", "e.g.", "or similar". */
  cue?: string;
}

/** One requirement as read: a skill, or a group of alternatives, with its evidence. */
export interface ExtractedRequirement {
  /** Display names; several for an any-of group. */
  skills: string[];
  /** One member is enough ("Python or Go", "at least one of", examples after a category). */
  anyOf: boolean;
  modality: Modality;
  /**
   * Whether it gates the match: only confident required concrete technologies do. A required
   * concept ("distributed systems") or an uncertain requirement is weighted as preferred instead.
   */
  gating: boolean;
  /** 0..1: the section's, the cue's and the mention's certainty combined. */
  confidence: number;
  /** Why a required mention does not gate, when it does not. */
  reason?: 'concept' | 'uncertain';
  evidence: RequirementEvidence;
}

/** What a free-text posting says, in the shape of the posting fields, plus how it was found. */
export interface ParsedJobDescription {
  /** Absent when no line, label or sentence names the job (a warning says so). */
  title?: string;
  /** Display names, and `{ anyOf }` groups where the text offers alternatives: the gating requirements. */
  requiredSkills: SkillRequirement[];
  /** Wanted but not gating: preferred skills, required concepts, uncertain requirements. */
  preferredSkills: string[];
  /** Technologies named only as context (responsibilities, the company's stack, benefits). */
  contextSkills: string[];
  /** Every requirement read, with its modality, confidence and evidence. */
  requirements: ExtractedRequirement[];
  experienceYears?: ExperienceRange;
  workplace?: Workplace;
  location?: Location;
  /** Where applicants must be ("Remote (US only)", "UTC−5 to UTC+1"). */
  applicantLocation?: ApplicantLocation;
  employmentType?: EmploymentType;
  sections: RecognisedSection[];
  /**
   * The extraction is doubtful (no requirements section, or very many requirements): the posting
   * should be matched with near misses allowed, as `allowMissingRequired` says.
   */
  doubtful: boolean;
  /** Near misses to allow when the extraction is doubtful (0 when it is not). */
  allowMissingRequired: number;
  warnings: string[];
}
