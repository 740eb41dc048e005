/**
 * Inputs and outputs of the scoring model. The inputs are plain structural types: the services pass
 * their read models (the contracts' posting and candidate states) as they are.
 */

export type Workplace = 'on-site' | 'hybrid' | 'remote';

export interface ScoringLocation {
  readonly city?: string;
  readonly region?: string;
  readonly country?: string;
}

/**
 * Where applicants must be (the posting's `applicantLocation`): countries (names or codes),
 * standard UTC offsets in hours, and for on-site or hybrid roles the posting's metro area.
 */
export interface ApplicantLocation {
  readonly countries?: readonly string[];
  readonly utcOffsets?: { readonly min: number; readonly max: number };
  readonly sameMetro?: boolean;
}

/** A required skill, or a group of which one member is enough. */
export type SkillRequirement = string | { readonly anyOf: readonly string[] };

/** The score categories, in the order they are shown. */
export const CATEGORIES = ['required', 'preferred', 'experience', 'location', 'depth'] as const;

export type Category = (typeof CATEGORIES)[number];

export type Weights = Readonly<Record<Category, number>>;

/** Per-posting options (the posting's `matching` field). */
export interface MatchingOptions {
  /** Required skills (or groups) a candidate may miss and still match: 0 (default) means all are needed. */
  readonly allowMissingRequired?: number;
  /** Points taken off the final score for each missing required skill (default 10). */
  readonly missingRequiredPenalty?: number;
  /** Category weights; missing ones keep their default. */
  readonly weights?: Partial<Weights>;
}

export interface ScoringPosting {
  readonly requiredSkills: readonly SkillRequirement[];
  readonly preferredSkills?: readonly string[];
  readonly experienceYears?: { readonly min?: number; readonly max?: number };
  readonly workplace?: Workplace;
  readonly location?: ScoringLocation;
  readonly applicantLocation?: ApplicantLocation;
  readonly matching?: MatchingOptions;
  /** For a posting read from free text: where each requirement was read (the explanation quotes it). */
  readonly extraction?: { readonly requirements: readonly ExtractedRequirementEvidence[] };
}

/** What the scorer needs of a requirement read from text: its skills and where it was read. */
export interface ExtractedRequirementEvidence {
  readonly skills: readonly string[];
  readonly gating: boolean;
  readonly evidence: { readonly section?: string; readonly phrase: string };
}

export interface ScoringCandidateSkill {
  readonly name: string;
  readonly years?: number;
  readonly lastUsed?: number;
}

export interface ScoringCandidate {
  readonly skills: readonly ScoringCandidateSkill[];
  readonly totalYearsExperience?: number;
  readonly workplacePreference?: Workplace | 'any';
  readonly location?: ScoringLocation;
  /** Will move for an on-site or hybrid role: another country or metro area does not rule them out. */
  readonly willingToRelocate?: boolean;
}

/** How a posting's skill was found among the candidate's. */
export type SkillMatchVia = 'exact' | 'alias' | 'implication';

export interface SkillMatch {
  /** The requirement as the posting wrote it ("Postgres", or "one of Django, Flask"). */
  readonly requirement: string;
  /** Display name of the skill that met it ("PostgreSQL"). */
  readonly skill: string;
  readonly via: SkillMatchVia;
  /** The candidate's skill, as the candidate wrote it, that met it ("postgres", or "FastAPI" for Python). */
  readonly candidateSkill: string;
  /** For a posting read from free text: where the requirement was read, `Section: "clause"`. */
  readonly evidence?: string;
}

export interface PartialCredit {
  /** The preferred skill as the posting wrote it. */
  readonly requirement: string;
  /** The candidate's related skill, as written. */
  readonly candidateSkill: string;
  /** Share of the skill's credit given, 0..1. */
  readonly credit: number;
}

export type ExperienceVerdict = 'within' | 'below' | 'above' | 'unknown' | 'not-asked';

/** How the candidate's workplace preference fits the posting's workplace. */
export type WorkplaceVerdict = 'match' | 'partial' | 'mismatch' | 'not-asked';

/**
 * How the candidate's location fits the posting's ("not-considered" for remote roles without
 * applicant restrictions). `other-country`, `other-metro` and `outside-area` rule the pair out:
 * another country than an on-site or hybrid role's, another metro area where the posting asks its
 * own, outside the posting's applicant countries or time zones. `inside-area`: within them.
 */
export type PlaceVerdict =
  | 'same-city'
  | 'same-region'
  | 'same-country'
  | 'elsewhere'
  | 'unknown'
  | 'not-considered'
  | 'not-asked'
  | 'other-country'
  | 'other-metro'
  | 'inside-area'
  | 'outside-area';

export interface CategoryScore {
  /** Whether the posting asks anything of this category; if not, its weight goes to the others. */
  readonly applicable: boolean;
  /** Sub-score 0..100, one decimal. */
  readonly score: number;
  /** The configured weight. */
  readonly weight: number;
  /** Points this category adds to the final score (before any near-miss penalty), one decimal. */
  readonly points: number;
  /** One line a recruiter can read. */
  readonly detail: string;
}

export type CategoryScores = Readonly<Record<Category, CategoryScore>>;

/**
 * Why a pair scored what it did. JSON-safe: no `undefined` values, so a stored copy compares equal
 * to a freshly computed one.
 */
export interface ScoreExplanation {
  /** "7 of 8 required skills; missing AWS; 2 of 3 preferred skills; …" */
  readonly summary: string;
  readonly matchedRequired: SkillMatch[];
  readonly missingRequired: string[];
  readonly matchedPreferred: SkillMatch[];
  readonly missingPreferred: string[];
  readonly partialCredits: PartialCredit[];
  readonly experience: {
    readonly verdict: ExperienceVerdict;
    readonly years: number | null;
    readonly min: number | null;
    readonly max: number | null;
    readonly detail: string;
  };
  readonly location: { readonly workplace: WorkplaceVerdict; readonly place: PlaceVerdict; readonly detail: string };
  /** Near-miss accounting: how many required skills may be missing, are missing, and the points taken off. */
  readonly nearMiss: { readonly allowed: number; readonly missing: number; readonly penalty: number };
  readonly categories: CategoryScores;
}

export interface MatchScore {
  /**
   * A match: passes the required-skills gate (all required skills met, or at most the allowed
   * number missing) and the location gate (see `explanation.location`).
   */
  readonly eligible: boolean;
  /** 0..100, rounded to one decimal. */
  readonly score: number;
  readonly categories: CategoryScores;
  readonly explanation: ScoreExplanation;
}
