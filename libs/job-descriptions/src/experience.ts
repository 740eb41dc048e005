import type { ExperienceRange } from '@talent/contracts';
import { Clauses, type Region } from './text-regions';

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20,
};
const N = String.raw`(\d{1,2}(?:\.5)?|${Object.keys(WORD_NUMBERS).join('|')})`;
const YEARS = String.raw`\s*(?:years?|yrs?\.?)(?![a-z])`;

interface Rule {
  pattern: RegExp;
  range: (first: number, second: number | undefined) => ExperienceRange;
  /** Needs a requirements section or the word "experience" nearby to count. */
  bare?: boolean;
}

const RULES: readonly Rule[] = [
  { pattern: new RegExp(String.raw`\b${N}\s*(?:-|–|—|to)\s*${N}\s*\+?${YEARS}`, 'gi'), range: (min, max) => ({ min, max }) },
  { pattern: new RegExp(String.raw`\bbetween\s+${N}\s+and\s+${N}${YEARS}`, 'gi'), range: (min, max) => ({ min, max }) },
  {
    pattern: new RegExp(String.raw`\b(?:at least|a minimum of|minimum of|minimum|min\.?|over|more than|no less than)\s+${N}\s*\+?${YEARS}`, 'gi'),
    range: (min) => ({ min }),
  },
  { pattern: new RegExp(String.raw`\b(?:up to|at most|a maximum of|maximum of|no more than)\s+${N}${YEARS}`, 'gi'), range: (max) => ({ max }) },
  { pattern: new RegExp(String.raw`\b${N}\s*\+${YEARS}`, 'gi'), range: (min) => ({ min }) },
  { pattern: new RegExp(String.raw`\b${N}\s+(?:or more|or more than|plus)${YEARS}`, 'gi'), range: (min) => ({ min }) },
  { pattern: new RegExp(String.raw`\b${N}${YEARS}'?\s+(?:or more|or longer|minimum|min\.?|at least|or above)\b`, 'gi'), range: (min) => ({ min }) },
  { pattern: new RegExp(String.raw`\b${N}${YEARS}`, 'gi'), range: (min) => ({ min }), bare: true },
];

const EXPERIENCE_WORD = /experien|\bexp\b|professional|hands-on|track record|background/i;

function toNumber(written: string | undefined): number | undefined {
  if (written === undefined) return undefined;
  const value = WORD_NUMBERS[written.toLowerCase()] ?? Number(written);
  return Number.isFinite(value) && value >= 0 && value <= 60 ? value : undefined;
}

/**
 * The experience asked for: the first statement of years in the requirements (or, without a
 * requirements section, the first one said of experience). "3–5 years" → {min 3, max 5};
 * "5+ years", "at least 5 years" → {min 5}; "up to 2 years" → {max 2}.
 */
export function extractExperience(text: string, regions: readonly Region[]): ExperienceRange | undefined {
  const hasRequiredSection = regions.some((region) => region.kind === 'required');
  const searched = regions.filter((region) =>
    hasRequiredSection ? region.kind === 'required' : !['about', 'benefits', 'preferred'].includes(region.kind),
  );
  const clauses = new Clauses(text);
  // Whether a clause speaks of experience, once per clause: a long clause is scanned once, not per match.
  const spokenOf = new Map<number, boolean>();
  const speaksOfExperience = (index: number, region: Region): boolean => {
    const [start] = clauses.spanAt(index, region);
    let known = spokenOf.get(start);
    if (known === undefined) spokenOf.set(start, (known = EXPERIENCE_WORD.test(clauses.textAt(index, region))));
    return known;
  };
  let best: { index: number; range: ExperienceRange; region: Region } | undefined;
  for (const region of searched) {
    const slice = text.slice(region.start, region.end);
    for (const rule of RULES) {
      for (const match of slice.matchAll(rule.pattern)) {
        const index = region.start + match.index;
        if (best && best.index <= index) break;
        if (!hasRequiredSection && !speaksOfExperience(index, region)) continue;
        if (rule.bare && hasRequiredSection && !speaksOfExperience(index, region) && !/\b(?:of|in|with)\b/i.test(slice.slice(match.index + match[0].length, match.index + match[0].length + 5))) {
          continue;
        }
        const first = toNumber(match[1]);
        const second = toNumber(match[2]);
        if (first === undefined || (match[2] !== undefined && second === undefined)) continue;
        const range = rule.range(first, second);
        if (range.min !== undefined && range.max !== undefined && range.min > range.max) continue;
        best = { index, range, region };
        break;
      }
    }
  }
  return best && lowestAlternative(clauses.textAt(best.index, best.region), best.range);
}

/** "an MS in Computer Science", "a BS or BA": capitals only (lower case "ms" is milliseconds). */
const DEGREE_ABBREVIATION = /\b(?:MS|BS|MA|BA|MEng|BEng|MBA|PhD)\b/;
const DEGREE_WORD = /\b(?:degree|bachelor|master|ph\.?d|doctorate|bsc|msc|b\.s|m\.s|diploma|or equivalent)/i;

/**
 * "5+ years with a bachelor's degree, or 3+ years with a master's": the degree-dependent
 * alternatives of one clause ask at least the lowest of them.
 */
function lowestAlternative(clause: string, range: ExperienceRange): ExperienceRange {
  if (range.min === undefined || clause.length > 400 || !(DEGREE_WORD.test(clause) || DEGREE_ABBREVIATION.test(clause))) return range;
  let lowest = range.min;
  for (const rule of RULES.slice(0, -1)) {
    for (const match of clause.matchAll(rule.pattern)) {
      const value = toNumber(match[1]);
      const found = value === undefined ? undefined : rule.range(value, toNumber(match[2])).min;
      if (found !== undefined && found < lowest) lowest = found;
    }
  }
  return lowest === range.min ? range : { min: lowest };
}
