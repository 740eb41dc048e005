import { defaultTaxonomy } from './default-taxonomy';

const ids = (text: string): string[] => defaultTaxonomy.extract(text).map((mention) => mention.skill.id);

describe('extract', () => {
  it('reports mentions in order of appearance, once each, with their position and spelling', () => {
    const text = 'Postgres and Python, then python again and PostgreSQL.';
    expect(defaultTaxonomy.extract(text)).toEqual([
      { skill: { id: 'postgresql', name: 'PostgreSQL', category: 'database', kind: 'technology' }, written: 'Postgres', via: 'alias', start: 0, end: 8 },
      { skill: { id: 'python', name: 'Python', category: 'language', kind: 'technology' }, written: 'Python', via: 'name', start: 13, end: 19 },
    ]);
  });

  it('prefers the longest form: multi-word names', () => {
    expect(ids('Spring Boot on Amazon Web Services with Ruby on Rails')).toEqual(['spring-boot', 'aws', 'ruby-on-rails']);
    expect(ids('Microsoft SQL Server and Oracle')).toEqual(['sql-server', 'oracle-database']);
  });

  it('never matches inside a word', () => {
    expect(ids('Our platform is scalable; trust the process, we are going places')).toEqual([]);
    expect(ids('JavaScript developer')).toEqual(['javascript']);
    expect(ids('JavaScript and Java')).toEqual(['javascript', 'java']);
    expect(ids('rusty gopher skills, javanese')).toEqual([]);
  });

  describe('C, C++, C#', () => {
    it('tells the three apart', () => {
      expect(ids('C, C++ and C# developers')).toEqual(['c', 'c++', 'c#']);
      expect(ids('Strong C/C++ skills')).toEqual(['c', 'c++']);
      expect(ids('C++/C# interop')).toEqual(['c++', 'c#']);
    });

    it('does not find C in CI/CD, C-level, C-suite, USB-C or lower-case c', () => {
      expect(ids('We own CI/CD pipelines')).toEqual(['ci/cd']);
      expect(ids('Report to C-level executives and the C-suite')).toEqual([]);
      expect(ids('A USB-C dock is provided; c. 40 people')).toEqual([]);
    });

    it('does not find C as a label: Section C, Series C, Intel(C), initials', () => {
      expect(ids('See Section C for benefits. We closed our Series C round.')).toEqual([]);
      expect(ids('Written in Python by John C. Smith')).toEqual(['python']);
    });

    it('finds a standalone C with technical context', () => {
      expect(ids('Experience writing embedded C')).toEqual(['c']);
      expect(ids('Languages: C (C99), Python')).toEqual(['c', 'python']);
    });
  });

  it('finds .NET and ASP.NET, and not NET or VB.NET fragments', () => {
    expect(ids('ASP.NET Core on .NET 8')).toEqual(['asp.net', '.net']);
    expect(ids('We net a profit with our NET team')).toEqual([]);
  });

  it('finds Node.js however it is written, and Node only when capitalised in context', () => {
    expect(ids('Node.js, NodeJS, node js')).toEqual(['node.js']);
    expect(ids('node js services')).toEqual(['node.js']);
    expect(ids('Backend in Node with TypeScript')).toEqual(['node.js', 'typescript']);
    expect(ids('Each Kubernetes node runs a sidecar')).toEqual(['kubernetes']);
  });

  it('finds R standalone, not in R&D or trademarks', () => {
    expect(ids('Data analysis in R or Python')).toEqual(['r', 'python']);
    expect(ids('Programming experience in R')).toEqual(['r']);
    expect(ids('Join our R&D department')).toEqual([]);
    expect(ids('Intel(R) Xeon servers')).toEqual([]);
  });

  it('finds Go when capitalised in a technical context or written Golang, not the verb', () => {
    expect(ids('Experience with Go')).toEqual(['go']);
    expect(ids('Services in Go and Python')).toEqual(['go', 'python']);
    expect(ids('We love golang')).toEqual(['go']);
    expect(ids('Go ahead and apply, we are going to grow and you will go far')).toEqual([]);
    expect(ids('Go-to-market strategy')).toEqual([]);
    expect(ids('Go to the careers page and upload your Python resume')).toEqual(['python']);
  });

  it('finds Scala and Rust only as words', () => {
    expect(ids('scalable systems built on trust')).toEqual([]);
    expect(ids('Backend code in Rust and Scala')).toEqual(['rust', 'scala']);
    expect(ids('We rust-proof our cars')).toEqual([]);
  });

  it('needs capitalisation and context for Express the framework, not the verb', () => {
    expect(ids('Express your ideas clearly')).toEqual([]);
    expect(ids('Please express interest by email')).toEqual([]);
    expect(ids('REST APIs with Express and MongoDB')).toEqual(['rest', 'express', 'mongodb']);
    expect(ids('Express.js experience')).toEqual(['express']);
  });

  it('keeps SQL apart from NoSQL, MySQL, T-SQL and PL/SQL', () => {
    expect(ids('NoSQL stores')).toEqual(['nosql']);
    expect(ids('MySQL DBA')).toEqual(['mysql']);
    expect(ids('SQL and NoSQL')).toEqual(['sql', 'nosql']);
    expect(ids('T-SQL and PL/SQL')).toEqual(['t-sql', 'pl/sql']);
    expect(defaultTaxonomy.impliedBy('pl/sql')).toEqual(['oracle-database', 'sql']);
    expect(ids('SQL-based reporting')).toEqual(['sql']);
  });

  it('ignores surrounding punctuation and splits on slashes', () => {
    expect(ids('Python, Kafka. (Docker) "Redis"; [Linux]!')).toEqual(['python', 'kafka', 'docker', 'redis', 'linux']);
    expect(ids('Python/Django, React/Redux')).toEqual(['python', 'django', 'react', 'redux']);
    expect(ids("Kafka's consumer groups")).toEqual(['kafka']);
  });

  it('accepts a version number glued to a name', () => {
    expect(ids('Python3 and HTML5')).toEqual(['python', 'html']);
    expect(ids('Python3.12')).toEqual(['python']);
  });

  it('matches aliases that are abbreviations only in their own case', () => {
    expect(ids('JS and k8s')).toEqual(['javascript', 'kubernetes']);
    expect(ids('a js b')).toEqual([]);
  });

  it('uses list items on neighbouring lines as context for ambiguous names', () => {
    expect(ids('Requirements:\n- Go\n- Rust\n- Docker')).toEqual(['go', 'rust', 'docker']);
  });

  it('does not take abbreviations and ordinary words for skills without context', () => {
    expect(ids('Active TS/SCI clearance required.')).toEqual([]);
    expect(ids('Make sure you enjoy Python.')).toEqual(['python']);
    expect(ids('Elastic scaling on Kubernetes')).toEqual(['kubernetes']);
    expect(ids('Less than 3 years of Java experience')).toEqual(['java']);
    expect(ids('Knowledge of CSS, LESS and Sass')).toEqual(['css', 'less', 'sass']);
    expect(ids('Ruby Smith is our CTO')).toEqual([]);
    expect(ids('Ruby and Python scripting')).toEqual(['ruby', 'python']);
  });

  it('lets ambiguous names vouch for each other only when listed together', () => {
    expect(ids('Go, Rust or Swift')).toEqual(['go', 'rust', 'swift']);
    expect(ids('Our office is on Express Street, next to the Swift building.')).toEqual([]);
    expect(ids('Spring and summer offsites in Lisbon.')).toEqual([]);
  });
});
