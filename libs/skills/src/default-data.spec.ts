import { defaultSkillDefinitions } from './data';
import { defaultTaxonomy } from './default-taxonomy';
import { plainKey } from './written-form';

describe('default data set', () => {
  const skills = defaultTaxonomy.all();

  it('has at least 500 skills with unique ids', () => {
    expect(skills.length).toBeGreaterThanOrEqual(500);
    expect(new Set(skills.map((skill) => skill.id)).size).toBe(skills.length);
  });

  it('resolves every name, alias and id to its own skill', () => {
    const wrong: string[] = [];
    for (const definition of defaultSkillDefinitions) {
      for (const written of [definition.id, definition.name, ...(definition.aliases ?? [])]) {
        const resolved = defaultTaxonomy.resolve(written)?.skill.id;
        if (resolved !== definition.id) wrong.push(`${written} → ${resolved} (expected ${definition.id})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no alias that spells another skill\'s name', () => {
    const names = new Map(defaultSkillDefinitions.map((definition) => [plainKey(definition.name), definition.id]));
    const shadowing = defaultSkillDefinitions.flatMap((definition) =>
      (definition.aliases ?? [])
        .filter((alias) => (names.get(plainKey(alias)) ?? definition.id) !== definition.id)
        .map((alias) => `${definition.id}: ${alias}`),
    );
    expect(shadowing).toEqual([]);
  });

  it('finds every name and non-contextual alias in a sentence', () => {
    const missed: string[] = [];
    for (const definition of defaultSkillDefinitions) {
      for (const written of [definition.name, ...(definition.aliases ?? [])]) {
        const found = defaultTaxonomy.extract(`Hands-on experience with ${written} in production.`);
        if (!found.some((mention) => mention.skill.id === definition.id)) missed.push(`${definition.id}: ${written}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('implies and relates only known skills, and never itself', () => {
    const known = new Set(skills.map((skill) => skill.id));
    for (const { id } of skills) {
      for (const other of [...defaultTaxonomy.impliedBy(id), ...defaultTaxonomy.relatedTo(id)]) {
        expect(known.has(other)).toBe(true);
        expect(other).not.toBe(id);
      }
    }
  });

  it('covers the implications the scoring relies on', () => {
    expect(defaultTaxonomy.impliedBy('fastapi')).toContain('python');
    expect(defaultTaxonomy.impliedBy('next.js')).toEqual(expect.arrayContaining(['react', 'javascript']));
    expect(defaultTaxonomy.impliedBy('spring-boot')).toEqual(expect.arrayContaining(['spring', 'java']));
    expect(defaultTaxonomy.impliedBy('aws-eks')).toEqual(expect.arrayContaining(['aws', 'kubernetes']));
    expect(defaultTaxonomy.impliedBy('typescript')).toContain('javascript');
    expect(defaultTaxonomy.relatedTo('postgresql')).toContain('mysql');
    expect(defaultTaxonomy.relatedTo('kafka')).toContain('rabbitmq');
    expect(defaultTaxonomy.relatedTo('aws')).toEqual(expect.arrayContaining(['azure', 'gcp']));
  });

  it('resolves the common aliases', () => {
    const expected: Record<string, string> = {
      Postgres: 'postgresql',
      psql: 'postgresql',
      k8s: 'kubernetes',
      JS: 'javascript',
      'Amazon Web Services': 'aws',
      golang: 'go',
      NodeJS: 'node.js',
      Node: 'node.js',
      'C sharp': 'c#',
    };
    for (const [written, id] of Object.entries(expected)) expect(defaultTaxonomy.keyOf(written)).toBe(id);
    expect(defaultTaxonomy.resolve('TF')).toBeUndefined();
  });
});
