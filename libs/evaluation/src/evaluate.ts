import type { PostingFields } from '@talent/contracts';
import { parseJobDescription, postingFieldsFromDescription, type ParsedJobDescription } from '@talent/job-descriptions';
import { scoreMatch, type ScoringCandidate, type ScoringPosting } from '@talent/scoring';
import type { Taxonomy } from '@talent/skills';
import type { CorpusPart, LabelledPosting, PostingLabel } from './corpus';
import { add, agreement, compareRequirements, compareSkills, emptyCounts, precision, recall, type Counts, type Unit } from './metrics';
import { sameLocation } from './places';

/** The figures of one corpus part. */
export interface PartReport {
  part: string;
  postings: number;
  required: { precision: number; recall: number; counts: Counts };
  preferred: { precision: number; recall: number; counts: Counts };
  title: number;
  experienceYears: number;
  workplace: number;
  location: number;
  match: { agreement: number; agreeing: number; pairs: number };
  ordering: { agreement: number; agreeing: number; pairs: number };
  /** What disagreed, per posting (for tuning; the held-back part is reported in figures only). */
  disagreements: PostingDisagreement[];
}

export interface PostingDisagreement {
  posting: string;
  missedRequired: string[];
  extraRequired: string[];
  missedPreferred: string[];
  extraPreferred: string[];
  fields: string[];
  pairs: string[];
  orders: string[];
}

/** How a posting sent as text is read: the function under test (the parser, by default). */
export type Reader = (text: string, taxonomy: Taxonomy) => ParsedJobDescription;

export function evaluatePart(part: CorpusPart, taxonomy: Taxonomy, read: Reader = parseJobDescription): PartReport {
  let required = emptyCounts();
  let preferred = emptyCounts();
  const fieldHits = { title: 0, experienceYears: 0, workplace: 0, location: 0 };
  let pairs = 0;
  let pairsAgreeing = 0;
  let orders = 0;
  let ordersAgreeing = 0;
  const disagreements: PostingDisagreement[] = [];

  for (const posting of part.postings) {
    const parsed = read(posting.text, taxonomy);
    const { label } = posting;
    // A label names a skill as a person writes it ("Certified Kubernetes Administrator (CKA)"): read it as the taxonomy reads an entry.
    const keyOf = (name: string): string => {
      const found = taxonomy.skillsIn(name);
      return found.length === 1 ? (found[0]?.skill.id ?? taxonomy.keyOf(name)) : taxonomy.keyOf(name);
    };
    const unitOf = (requirement: string | { anyOf: readonly string[] }): Unit =>
      new Set(typeof requirement === 'string' ? [keyOf(requirement)] : requirement.anyOf.map(keyOf));
    const predictedUnits = parsed.requiredSkills.map(unitOf);
    const labelledUnits = label.required.map(unitOf);
    const requiredCounts = compareRequirements(predictedUnits, labelledUnits);
    required = add(required, requiredCounts);
    const predictedPreferred = new Set(parsed.preferredSkills.map(keyOf));
    const labelledPreferred = new Set(label.preferred.map(keyOf));
    const lenient = new Set(label.lenient.map(keyOf));
    preferred = add(preferred, compareSkills(predictedPreferred, labelledPreferred, lenient));

    const fields: string[] = [];
    const check = (field: keyof typeof fieldHits, agrees: boolean, shown: string): void => {
      if (agrees) fieldHits[field] += 1;
      else fields.push(shown);
    };
    check('title', sameTitle(parsed.title, label.title), `title ${JSON.stringify(parsed.title)} ≠ ${JSON.stringify(label.title)}`);
    check(
      'experienceYears',
      sameYears(parsed.experienceYears, label.experienceYears),
      `years ${JSON.stringify(parsed.experienceYears ?? null)} ≠ ${JSON.stringify(label.experienceYears)}`,
    );
    check('workplace', (parsed.workplace ?? null) === label.workplace, `workplace ${parsed.workplace ?? null} ≠ ${label.workplace}`);
    check(
      'location',
      sameLocation(parsed.location, label.location),
      `location ${JSON.stringify(parsed.location ?? null)} ≠ ${JSON.stringify(label.location)}`,
    );

    // Matching through the posting the service would store.
    const stored = postingFieldsFromDescription(parsed);
    const scoringPosting = toScoringPosting(stored);
    const score = (candidateId: string) => {
      const candidate = part.candidates.get(candidateId) as ScoringCandidate;
      return scoringPosting ? scoreMatch(scoringPosting, candidate, taxonomy) : { eligible: false, score: 0 };
    };
    const pairNotes: string[] = [];
    for (const [candidateId, expected] of [
      ...label.candidates.match.map((id) => [id, true] as const),
      ...label.candidates.noMatch.map((id) => [id, false] as const),
    ]) {
      pairs += 1;
      const result = score(candidateId);
      if (result.eligible === expected) pairsAgreeing += 1;
      else pairNotes.push(`${candidateId}: ${result.eligible ? 'matched' : 'not matched'}, labelled ${expected ? 'match' : 'no match'}`);
    }
    const orderNotes: string[] = [];
    for (const [better, worse] of label.candidates.order) {
      orders += 1;
      const a = score(better);
      const b = score(worse);
      if (a.eligible && a.score > b.score) ordersAgreeing += 1;
      else orderNotes.push(`${better} (${a.score}${a.eligible ? '' : ', not matched'}) should rank above ${worse} (${b.score}${b.eligible ? '' : ', not matched'})`);
    }

    const shown = (units: readonly Unit[], indexes: number[]) => indexes.map((index) => [...(units[index] ?? [])].join('|'));
    const unmatched = (from: readonly Unit[], against: readonly Unit[]) =>
      from.map((_, index) => index).filter((index) => compareRequirements([from[index] as Unit], [...against]).truePositives === 0);
    const entry: PostingDisagreement = {
      posting: posting.id,
      missedRequired: requiredCounts.falseNegatives > 0 ? shown(labelledUnits, unmatched(labelledUnits, predictedUnits)) : [],
      extraRequired: requiredCounts.falsePositives > 0 ? shown(predictedUnits, unmatched(predictedUnits, labelledUnits)) : [],
      missedPreferred: [...labelledPreferred].filter((key) => !predictedPreferred.has(key)),
      extraPreferred: [...predictedPreferred].filter((key) => !labelledPreferred.has(key) && !lenient.has(key)),
      fields,
      pairs: pairNotes,
      orders: orderNotes,
    };
    if (Object.values(entry).some((value) => Array.isArray(value) && value.length > 0)) disagreements.push(entry);
  }

  const count = part.postings.length;
  return {
    part: part.name,
    postings: count,
    required: { precision: precision(required), recall: recall(required), counts: required },
    preferred: { precision: precision(preferred), recall: recall(preferred), counts: preferred },
    title: agreement(fieldHits.title, count),
    experienceYears: agreement(fieldHits.experienceYears, count),
    workplace: agreement(fieldHits.workplace, count),
    location: agreement(fieldHits.location, count),
    match: { agreement: agreement(pairsAgreeing, pairs), agreeing: pairsAgreeing, pairs },
    ordering: { agreement: agreement(ordersAgreeing, orders), agreeing: ordersAgreeing, pairs: orders },
    disagreements,
  };
}

/**
 * The posting as the matcher scores it, as the postings service stores it: undefined when the
 * service would refuse it (no skill and no place to match on).
 */
function toScoringPosting(fields: Partial<PostingFields>): ScoringPosting | undefined {
  if (!fields.requiredSkills || (fields.requiredSkills.length === 0 && fields.location === undefined)) return undefined;
  return fields as ScoringPosting;
}

function tidyTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\s*\((?:[mwfdx*]\s*\/\s*){1,3}[mwfdx*]\s*\)/g, '')
    .replace(/[^\p{L}\p{N}+#/()]+/gu, ' ')
    .trim();
}

export function sameTitle(found: string | undefined, labelled: string | null): boolean {
  if (labelled === null) return found === undefined;
  return found !== undefined && tidyTitle(found) === tidyTitle(labelled);
}

export function sameYears(found: { min?: number; max?: number } | undefined, labelled: PostingLabel['experienceYears']): boolean {
  if (labelled === null) return found === undefined;
  return found !== undefined && found.min === labelled.min && found.max === labelled.max;
}

export type { LabelledPosting };
