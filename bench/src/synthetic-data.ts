import { createHash } from 'node:crypto';
import type { CandidateState, PostingState, SkillRequirement } from '@talent/contracts';
import { defaultTaxonomy } from '@talent/skills';

/**
 * Seeded postings and candidates over the default taxonomy. Skill popularity follows Zipf's law
 * (s = 1): a few skills are everywhere, most are rare, so many postings require one common skill
 * and about 5 % of candidates pass a posting's gate — dense, the inverted index's hard case.
 * Every run with the same seed yields the same records, ids included.
 */
export const DEFAULT_SEED = 20_261_122;

type Workplace = 'on-site' | 'hybrid' | 'remote';
const workplaces: Workplace[] = ['on-site', 'hybrid', 'remote'];
const cities = [
  { city: 'Berlin', country: 'Germany' },
  { city: 'Munich', country: 'Germany' },
  { city: 'Paris', country: 'France' },
  { city: 'Lyon', country: 'France' },
  { city: 'London', country: 'United Kingdom' },
];
const TIMESTAMP = '2026-01-01T00:00:00.000Z';

/** A name-based UUID (v5 layout) from a label, so generated ids are stable across runs. */
export function stableUuid(label: string): string {
  const hex = createHash('sha1').update(`talent-match-bench/${label}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function organisationOf(i: number, organisations: number): string {
  return organisations > 1 ? `org-${i % organisations}` : 'acme';
}

export class SyntheticData {
  readonly skills: readonly string[];
  private state: number;
  private readonly cumulative: number[] = [];
  private readonly order: string[];

  constructor(seed = DEFAULT_SEED) {
    this.state = seed;
    this.skills = defaultTaxonomy
      .all()
      .map((skill) => skill.name)
      .sort();
    let total = 0;
    for (let rank = 0; rank < this.skills.length; rank += 1) this.cumulative.push((total += 1 / (rank + 1)));
    // A fixed shuffle, so popularity does not follow the alphabet.
    this.order = this.skills
      .map((name, i) => ({ name, key: (i * 7919) % this.skills.length }))
      .sort((a, b) => a.key - b.key)
      .map((s) => s.name);
  }

  /** mulberry32: small, fast, seeded. */
  random(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  skill(): string {
    const target = this.random() * (this.cumulative[this.cumulative.length - 1] ?? 1);
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return this.order[low] as string;
  }

  distinct(count: number): string[] {
    const found = new Set<string>();
    while (found.size < count) found.add(this.skill());
    return [...found];
  }

  posting(organisationId: string, index: number): PostingState {
    const names = this.distinct(this.int(2, 6));
    const required: SkillRequirement[] = names.slice(0, this.int(1, Math.min(4, names.length - 1)));
    const requiredCount = required.length;
    if (this.random() < 0.15) required.push({ anyOf: this.distinct(3) });
    const min = this.int(0, 6);
    const experience = this.random() < 0.7 ? { min, max: min + this.int(2, 6) } : undefined;
    const workplace = this.pick(workplaces);
    const location = this.pick(cities);
    const allowMissing = this.random() < 0.1;
    return {
      id: stableUuid(`posting/${organisationId}/${index}`),
      organisationId,
      externalId: `p-${index}`,
      title: `Engineer ${index}`,
      requiredSkills: required,
      preferredSkills: names.slice(requiredCount),
      ...(experience && { experienceYears: experience }),
      workplace,
      location,
      ...(allowMissing && { matching: { allowMissingRequired: 1 } }),
      status: 'open',
      version: 1,
      createdAt: TIMESTAMP,
      updatedAt: TIMESTAMP,
    };
  }

  candidate(organisationId: string, index: number): CandidateState {
    return {
      id: stableUuid(`candidate/${organisationId}/${index}`),
      organisationId,
      externalId: `c-${index}`,
      skills: this.distinct(this.int(3, 15)).map((name) => (this.random() < 0.8 ? { name, years: this.int(0, 12) } : { name })),
      totalYearsExperience: this.int(0, 25),
      workplacePreference: this.pick([...workplaces, 'any' as const]),
      location: this.pick(cities),
      status: 'active',
      version: 1,
      createdAt: TIMESTAMP,
      updatedAt: TIMESTAMP,
    };
  }

  /** `organisations` > 1 deals the records round-robin to `org-0`, `org-1`, …; else all are `acme`'s. */
  postings(count: number, organisations = 1): PostingState[] {
    return Array.from({ length: count }, (_, i) => this.posting(organisationOf(i, organisations), i));
  }

  candidates(count: number, organisations = 1): CandidateState[] {
    return Array.from({ length: count }, (_, i) => this.candidate(organisationOf(i, organisations), i));
  }
}
