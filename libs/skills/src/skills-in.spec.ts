import { createTaxonomy } from './create-taxonomy';
import { defaultTaxonomy } from './default-taxonomy';

// A skills-field entry ("Python 3.11", "Amazon AWS", "Docker/Kubernetes") as candidates and
// structured postings write it: versions, vendor prefixes and lists are not part of a skill's name.
const found = (written: string): string[] => defaultTaxonomy.skillsIn(written).map((skill) => skill.skill.id);

describe('skillsIn', () => {
  it.each([
    ['Python 3.11', ['python']],
    ['PostgreSQL 15', ['postgresql']],
    ['Django 4.2', ['django']],
    ['Java 17', ['java']],
    ['Amazon AWS', ['aws']],
    ['Microsoft Azure', ['azure']],
    ['Atlassian Jira', ['jira']],
    ['JWT tokens', ['jwt']],
    ['Docker/Kubernetes', ['docker', 'kubernetes']],
    ['REST API design', ['rest']],
    ['React.js', ['react']],
    ['Node.js 20', ['node.js']],
    ['Node.js v20', ['node.js']],
    ['Node.js 20.x', ['node.js']],
    ['SQL Server 2019', ['sql-server']],
    ['Oracle 12c', ['oracle-database']],
    ['Oracle Linux', ['linux']],
    ['Apache Spark 3.5', ['spark']],
    ['Google Go', ['go']],
    ['Go 1.22', ['go']],
    ['Spring 6', ['spring']],
    ['Rust (3 years)', ['rust']],
    ['rust (3 years)', ['rust']],
    ['go/rust', ['go', 'rust']],
    ['C/C++', ['c', 'c++']],
    ['react, node and express', ['react', 'node.js', 'express']],
    ['HTML/CSS/JS', ['html', 'css', 'javascript']],
    ['SQL (PostgreSQL, MySQL)', ['sql', 'postgresql', 'mysql']],
    ['AWS Kubernetes', ['aws', 'kubernetes']],
    ['Python3.12', ['python']],
  ])('%s names %j', (written, ids) => {
    expect(found(written)).toEqual(ids);
  });

  it('returns the whole-string resolution when there is one', () => {
    expect(defaultTaxonomy.skillsIn(' Postgres ')).toEqual([defaultTaxonomy.resolve(' Postgres ')]);
    expect(found('CI/CD')).toEqual(['ci/cd']);
    expect(found('Spring Boot')).toEqual(['spring-boot']);
    expect(found('Windows Server 2019')).toEqual(['windows-server']);
  });

  it('names nothing for an entry without a skill, so the entry keys to its own spelling', () => {
    for (const written of ['Basket weaving', 'Team leadership', 'UI/UX', 'Go-to-market strategy', 'Make decisions', 'R&D', '', '   ']) {
      expect(found(written)).toEqual([]);
    }
    expect(defaultTaxonomy.keyOf('Basket weaving')).toBe('basket weaving');
  });

  it('does not read a version into a name, or a name out of an ordinary word', () => {
    // A product of its own (enterprise.ts), not Microsoft 365 read past a version.
    expect(found('Dynamics 365')).toEqual(['dynamics-365']);
    expect(found('Office 365')).toEqual(['microsoft-365']);
    expect(found('Express delivery')).toEqual([]);
    expect(found('Spring cleaning')).toEqual([]);
  });

  it('says what was written for each skill', () => {
    expect(defaultTaxonomy.skillsIn('Python 3.11')).toEqual([expect.objectContaining({ written: 'Python 3.11', via: 'name' })]);
    expect(defaultTaxonomy.skillsIn('Docker/k8s')).toEqual([
      expect.objectContaining({ written: 'Docker', via: 'name' }),
      expect.objectContaining({ written: 'k8s', via: 'alias' }),
    ]);
  });

  it('works on any taxonomy built from definitions', () => {
    const taxonomy = createTaxonomy([
      { id: 'go', name: 'Go', category: 'language', aliases: ['Golang'], needsContext: ['Go'] },
      { id: 'python', name: 'Python', category: 'language' },
    ]);
    expect(taxonomy.skillsIn('Go 1.22').map((skill) => skill.skill.id)).toEqual(['go']);
    expect(taxonomy.skillsIn('Golang / Python 3').map((skill) => skill.skill.id)).toEqual(['go', 'python']);
  });
});
