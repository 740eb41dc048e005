import { createTaxonomy } from './create-taxonomy';
import { TaxonomyDefinitionError, type SkillDefinition } from './skill-definition';

const fixture: SkillDefinition[] = [
  { id: 'python', name: 'Python', category: 'language', aliases: ['py'] },
  { id: 'fastapi', name: 'FastAPI', category: 'framework', implies: ['python'], related: ['flask'] },
  { id: 'flask', name: 'Flask', category: 'framework', implies: ['python'] },
  { id: 'java', name: 'Java', category: 'language' },
  { id: 'spring', name: 'Spring', category: 'framework', implies: ['java'], needsContext: ['Spring'] },
  { id: 'spring-boot', name: 'Spring Boot', category: 'framework', implies: ['spring'] },
  { id: 'node.js', name: 'Node.js', category: 'platform', aliases: ['NodeJS'] },
  { id: '.net', name: '.NET', category: 'platform' },
  { id: 'c', name: 'C', category: 'language' },
  { id: 'c#', name: 'C#', category: 'language', aliases: ['C sharp'] },
];

function problemsOf(definitions: SkillDefinition[]): readonly string[] {
  try {
    createTaxonomy(definitions);
  } catch (error) {
    if (error instanceof TaxonomyDefinitionError) return error.problems;
    throw error;
  }
  throw new Error('expected the definitions to be rejected');
}

describe('createTaxonomy', () => {
  const taxonomy = createTaxonomy(fixture);

  it('resolves names and aliases case-insensitively', () => {
    expect(taxonomy.resolve('python')).toEqual({ skill: { id: 'python', name: 'Python', category: 'language', kind: 'technology' }, written: 'python', via: 'name' });
    expect(taxonomy.resolve(' PY ')).toMatchObject({ skill: { id: 'python' }, via: 'alias' });
    expect(taxonomy.resolve('Rust')).toBeUndefined();
  });

  it('tolerates separators between letters, but keeps meaningful symbols', () => {
    for (const written of ['node js', 'Node.JS', 'nodejs', 'NODE-JS', 'Node.js']) {
      expect(taxonomy.resolve(written)?.skill.id).toBe('node.js');
    }
    expect(taxonomy.resolve('NET')).toBeUndefined();
    expect(taxonomy.resolve('.net')?.skill.id).toBe('.net');
    expect(taxonomy.resolve('c')?.skill.id).toBe('c');
    expect(taxonomy.resolve('c#')?.skill.id).toBe('c#');
    expect(taxonomy.resolve('c-sharp')?.skill.id).toBe('c#');
    expect(taxonomy.resolve('c++')).toBeUndefined();
  });

  it('ignores punctuation around the written skill', () => {
    expect(taxonomy.resolve('(Python)')?.skill.id).toBe('python');
    expect(taxonomy.resolve('FastAPI,')?.skill.id).toBe('fastapi');
    expect(taxonomy.resolve('.NET.')?.skill.id).toBe('.net');
  });

  it('resolves a skill by its id', () => {
    expect(taxonomy.resolve('spring-boot')?.skill.id).toBe('spring-boot');
  });

  it('keys known skills by id and unknown ones by their normalised spelling', () => {
    expect(taxonomy.keyOf('Py')).toBe('python');
    expect(taxonomy.keyOf('  Quantum   Basket Weaving ')).toBe('quantum basket weaving');
  });

  it('closes implications transitively, sorted and without duplicates', () => {
    expect(taxonomy.impliedBy('spring-boot')).toEqual(['java', 'spring']);
    expect(taxonomy.impliedBy('fastapi')).toEqual(['python']);
    expect(taxonomy.impliedBy('python')).toEqual([]);
    expect(taxonomy.impliedBy('unknown')).toEqual([]);
  });

  it('makes related skills symmetric', () => {
    expect(taxonomy.relatedTo('fastapi')).toEqual(['flask']);
    expect(taxonomy.relatedTo('flask')).toEqual(['fastapi']);
    expect(taxonomy.relatedTo('unknown')).toEqual([]);
  });

  it('lists every skill once, sorted by id', () => {
    expect(taxonomy.all().map((skill) => skill.id)).toEqual([...fixture.map((definition) => definition.id)].sort());
  });

  it('rejects unknown ids in implies and related', () => {
    expect(problemsOf([...fixture, { id: 'django', name: 'Django', category: 'framework', implies: ['pyhton'], related: ['flsk'] }])).toEqual([
      'skill "django" implies unknown skill "pyhton"',
      'skill "django" related unknown skill "flsk"',
    ]);
  });

  it('rejects a spelling claimed by two skills, also once separators are ignored', () => {
    expect(problemsOf([...fixture, { id: 'snake', name: 'Snake', category: 'language', aliases: ['PY', 'node-js'] }])).toEqual([
      '"PY" (of "snake") is claimed by "py" (of "python")',
      '"node-js" (of "snake") has the same spelling, separators ignored, as "Node.js" (of "node.js")',
    ]);
  });

  it('rejects duplicate ids, bad ids and needsContext forms that are not spellings of the skill', () => {
    const problems = problemsOf([
      ...fixture,
      { id: 'java', name: 'Java again', category: 'language' },
      { id: 'Rust', name: 'Rust', category: 'language', needsContext: ['rust'] },
    ]);
    expect(problems).toContain('id "java" is defined twice');
    expect(problems).toContain('id "Rust" must be non-empty, trimmed and lower-case');
    expect(problems).toContain('skill "Rust": needsContext "rust" is neither its name nor one of its aliases');
  });

  it('rejects implication cycles instead of looping', () => {
    const problems = problemsOf([
      { id: 'a', name: 'A1', category: 'x', implies: ['b'] },
      { id: 'b', name: 'B1', category: 'x', implies: ['c'] },
      { id: 'c', name: 'C1', category: 'x', implies: ['a'] },
      { id: 'd', name: 'D1', category: 'x', implies: ['d'] },
    ]);
    expect(problems).toEqual(['skill "d" lists itself in implies', 'implication cycle: a ⇒ b ⇒ c ⇒ a']);
  });

  it('accepts cycles among related skills', () => {
    const taxonomy = createTaxonomy([
      { id: 'a', name: 'A1', category: 'x', related: ['b'] },
      { id: 'b', name: 'B1', category: 'x', related: ['c'] },
      { id: 'c', name: 'C1', category: 'x', related: ['a'] },
    ]);
    expect(taxonomy.relatedTo('a')).toEqual(['b', 'c']);
  });

  it('names the problems in the error message', () => {
    expect(() => createTaxonomy([{ id: 'a', name: 'A1', category: 'x', implies: ['zz'] }])).toThrow(
      /Invalid skill definitions \(1\):\n- skill "a" implies unknown skill "zz"/,
    );
  });
});
