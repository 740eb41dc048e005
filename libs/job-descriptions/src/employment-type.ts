import type { EmploymentType } from './job-description.types';

const TYPES: ReadonlyArray<readonly [EmploymentType, RegExp]> = [
  ['full-time', /\bfull[- ]?time\b|\bpermanent\b/i],
  ['part-time', /\bpart[- ]?time\b/i],
  ['internship', /\binternship\b|\bintern\b|\bworking student\b/i],
  ['temporary', /\btemporary\b|\bfixed[- ]term\b|\bseasonal\b|\bmaternity cover\b/i],
  [
    'contract',
    /\bfreelance\b|\bcontractor\b|\bcontract(?:[- ]to[- ]hire)?\s+(?:role|position|basis|job|engagement|assignment)\b|\b\d+[- ]months?\s+contract\b|\bb2b\s+contract\b|\bcontract\s*\)/i,
  ],
];

/** The first employment type the text names ("full-time", "6-month contract", "internship"). */
export function extractEmploymentType(text: string): EmploymentType | undefined {
  let best: { index: number; type: EmploymentType } | undefined;
  for (const [type, pattern] of TYPES) {
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.index)) best = { index: match.index, type };
  }
  return best?.type;
}
