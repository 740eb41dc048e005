import { MatchEventTypes, type MatchEvent } from '@talent/contracts';

/** What every channel needs to tell about one match change. */
export interface MatchItem {
  eventType: MatchEvent['type'];
  matchId: string;
  version: number;
  postingId: string;
  postingTitle: string | null;
  candidateId: string;
  score: number;
  explanation: unknown;
}

export interface ExplanationList {
  label: string;
  items: string[];
}

export interface RenderedExplanation {
  summary: string;
  lists: ExplanationList[];
}

/**
 * The explanation in words: its `summary` plus every non-empty list it carries, labelled from the
 * field name (`matchedRequired` → "Matched required"). Unknown fields are rendered generically,
 * so a richer explanation shows up without a change here.
 */
export function renderExplanation(explanation: unknown): RenderedExplanation {
  if (typeof explanation !== 'object' || explanation === null) {
    return { summary: typeof explanation === 'string' ? explanation : '', lists: [] };
  }
  const record = explanation as Record<string, unknown>;
  const lists: ExplanationList[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === 'summary' || !Array.isArray(value) || value.length === 0) continue;
    lists.push({ label: labelOf(key), items: value.map(describe).filter((item) => item.length > 0) });
  }
  return { summary: typeof record.summary === 'string' ? record.summary : '', lists: lists.filter((list) => list.items.length > 0) };
}

function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describe(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    // A matched skill of the scoring model: say how it was met when it was not by name.
    if (typeof record.skill === 'string' && typeof record.via === 'string') {
      const held = typeof record.candidateSkill === 'string' ? record.candidateSkill : '';
      if (record.via === 'alias' && held) return `${record.skill} (as ${held})`;
      if (record.via === 'implication' && held) return `${record.skill} (implied by ${held})`;
      return record.skill;
    }
    const name = [record.name, record.skill, record.label, record.summary].find((candidate) => typeof candidate === 'string');
    if (typeof name === 'string') {
      const detail = Object.entries(record)
        .filter(([key, detailValue]) => !['name', 'skill', 'label', 'summary'].includes(key) && ['string', 'number'].includes(typeof detailValue))
        .map(([key, detailValue]) => `${labelOf(key).toLowerCase()} ${String(detailValue)}`);
      return detail.length > 0 ? `${name} (${detail.join(', ')})` : name;
    }
    if (Array.isArray(record.anyOf)) return `one of ${record.anyOf.map(describe).join(', ')}`;
    return JSON.stringify(value);
  }
  return '';
}

export function isWithdrawal(item: Pick<MatchItem, 'eventType'>): boolean {
  return item.eventType === MatchEventTypes.withdrawn;
}

export function postingName(item: Pick<MatchItem, 'postingTitle' | 'postingId'>): string {
  return item.postingTitle ? `"${item.postingTitle}"` : `posting ${item.postingId}`;
}

/** One line per match, as in a digest or a log. */
export function headline(item: MatchItem): string {
  switch (item.eventType) {
    case MatchEventTypes.found:
      return `New match for ${postingName(item)}: candidate ${item.candidateId}, score ${item.score}/100`;
    case MatchEventTypes.updated:
      return `Updated match for ${postingName(item)}: candidate ${item.candidateId}, score now ${item.score}/100`;
    case MatchEventTypes.withdrawn:
      return `Withdrawn: candidate ${item.candidateId} no longer matches ${postingName(item)}`;
  }
}
