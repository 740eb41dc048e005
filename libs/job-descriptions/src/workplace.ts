import type { Workplace } from '@talent/contracts';

const HYBRID =
  /\bhybrid\b|\bpartially remote\b|\bpartly remote\b|\bremote[- ]friendly\b|\b\d\s*(?:days?|x)\s+(?:a|per|each)\s+week\s+(?:in|at|from)\s+(?:the|our)\s+office\b|\b(?:\d|one|two|three|four)\s*(?:days?|x)\s+(?:a\s+|per\s+|each\s+)?week\s+on[- ]?site\b|\bthe rest (?:of the (?:time|week) )?(?:from|at) home\b|\bremaining (?:days|time) (?:worked )?(?:from|at) home\b/i;
const NOT_REMOTE = /\b(?:no|not|non)[- ](?:a\s+)?remote\b|\bnot (?:eligible|suitable|open|available) for remote\b|\b(?:fully )?remote (?:work )?(?:isn't|is not) an option\b|\bremote\s+(?:work\s+)?(?:is\s+)?not\s+(?:possible|available|an option|offered)\b/i;
const REMOTE = /\b(?:fully\s+|100%\s+)?remote(?![-\s]+(?:sensing|control|debugging|access|procedure|config|configuration|desktop|monitoring|management|support|assistance|servers?|devices?)\b)\b|\bwork from (?:home|anywhere)\b|\bwfh\b/i;
const ON_SITE = /\bon[- ]?site\b|\bin[- ]office\b|\bin the office\b|\bin[- ]person\b|\bat our (?:office|lab|plant|site)\b/i;

/**
 * Where the work happens. Hybrid wins over everything ("hybrid: 2 days on-site"), a refused
 * remote means on-site, then remote, then on-site. `labelled` (the "Location:"/"Workplace:"
 * values) is read before the whole text.
 */
export function extractWorkplace(labelled: string, text: string): Workplace | undefined {
  for (const source of [labelled, text]) {
    if (HYBRID.test(source)) return 'hybrid';
    if (NOT_REMOTE.test(source)) return 'on-site';
    if (REMOTE.test(source)) return 'remote';
    if (ON_SITE.test(source)) return 'on-site';
  }
  return undefined;
}
