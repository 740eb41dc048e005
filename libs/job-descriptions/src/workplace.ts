import type { Workplace } from '@talent/contracts';

const HYBRID =
  /\bhybrid\b|\bh[íi]brido\b|\bhybride\b|\bibrido\b|\bsmart working\b|\bt[ée]l[ée]travail (?:partiel|fr[ée]quent|possible|occasionnel|hybride)\b|\bhome[- ]?office[- ](?:m[öo]glich|tage?)\b|\bmobiles? arbeiten\b|\bteletrabajo parcial\b|\b\d\s*days?\s+(?:a week\s+|per week\s+)?(?:on[- ]?site|in[- ]office|in the office)\b[^.\n]{0,20}?\b\d\s*days?\s+(?:WFH|remote|from home|work from home)\b|\b(?:up to )?(?:one|two|three|four|[1-4]) days? of (?:mobile|remote|home) working\b|\bpartially remote\b|\bpartly remote\b|\bremote[- ]friendly\b|\b\d\s*(?:days?|x)\s+(?:a|per|each)\s+week\s+(?:in|at|from)\s+(?:the|our)\s+office\b|\b(?:\d|one|two|three|four)\s*(?:days?|x)\s+(?:a\s+|per\s+|each\s+)?week\s+on[- ]?site\b|\bthe rest (?:of the (?:time|week) )?(?:from|at) home\b|\bremaining (?:days|time) (?:worked )?(?:from|at) home\b|\b(?:work|working) from home (?:one|two|three|four|[1-4]) days?\b|\b(?:one|two|three|four|[1-4]) days? (?:a |per |each )?week (?:from|at) home\b/i;
const NOT_REMOTE =
  /\b(?:no|not|non)[- ](?:a\s+)?remote\b|\bnot (?:eligible|suitable|open|available) for remote\b|\b(?:fully )?remote (?:work )?(?:isn't|is not) an option\b|\bremote\s+(?:work\s+)?(?:is\s+)?not\s+(?:possible|available|an option|offered)\b|\b(?:do not|don't|please don't) apply if you(?:'re| are)? (?:only )?(?:looking for|seeking|after) (?:a )?(?:fully )?remote\b|\b(?:can't|cannot|can not|doesn't|does not|won't) (?:be done |work )?(?:remotely|from home)\b/i;
/** Unambiguous on-site wording that a mention of remote elsewhere does not outweigh. */
const OFFICE_EVERY_DAY = /\bwork(?:ing)? from (?:the )?office\b|\bWFO\b|\boffice[- ]based\b|\b(?:five|5) days (?:a |per )?week (?:in|at|from) (?:the |our )?(?:office|lab|plant|site)\b|\bon[- ]?site,? (?:five|5) days\b/i;
const REMOTE = /\b(?:100 ?% |full )?remoto\b|\bt[ée]l[ée]travail (?:complet|total|100 ?%)|\b100 ?% (?:télétravail|remote)\b|\b(?:fully\s+|100%\s+)?remote(?![-\s]+(?:sensing|control|debugging|access|procedure|config|configuration|desktop|monitoring|management|support|assistance|servers?|devices?)\b)\b|\bwork from (?:home|anywhere)\b|\bwfh\b/i;
const ON_SITE = /\bpresencial\b|\bvor ort\b|\bsur site\b|\bin sede\b|\bon[- ]?site\b|\bin[- ]office\b|\bin the office\b|\bin[- ]person\b|\bat our (?:office|lab|plant|site)\b/i;

/**
 * Where the work happens. Hybrid wins over everything ("hybrid: 2 days on-site", "work from home
 * two days a week"), a refused remote or an office every day means on-site, then remote, then
 * on-site. `labelled` (the "Location:"/"Workplace:" values) is read before the whole text.
 */
export function extractWorkplace(labelled: string, text: string): Workplace | undefined {
  for (const source of [labelled, text]) {
    if (HYBRID.test(source)) return 'hybrid';
    if (NOT_REMOTE.test(source) || OFFICE_EVERY_DAY.test(source)) return 'on-site';
    if (REMOTE.test(source)) return 'remote';
    if (ON_SITE.test(source)) return 'on-site';
  }
  return undefined;
}
