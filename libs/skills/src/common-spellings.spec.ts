import { defaultTaxonomy } from './default-taxonomy';

const ids = (text: string): string[] => defaultTaxonomy.extract(text).map((mention) => mention.skill.id);
const inProse = (written: string): string[] => ids(`Hands-on experience with ${written} in production.`);

describe('taxonomy holes', () => {
  it('knows asyncio (a Python library) and async/await (a concept)', () => {
    expect(defaultTaxonomy.keyOf('asyncio')).toBe('asyncio');
    expect(defaultTaxonomy.impliedBy('asyncio')).toContain('python');
    expect(defaultTaxonomy.resolve('asyncio')?.skill.kind).toBe('technology');
    for (const written of ['async/await', 'async-await', 'Async/Await']) expect(defaultTaxonomy.keyOf(written)).toBe('async-await');
    expect(defaultTaxonomy.resolve('async/await')?.skill.kind).toBe('concept');
    expect(ids('Python with asyncio and async/await everywhere')).toEqual(['python', 'asyncio', 'async-await']);
    expect(ids('An async meeting culture')).toEqual([]);
  });

  it('has GitHub, GitLab and Bitbucket imply Git', () => {
    for (const id of ['github', 'gitlab', 'bitbucket']) expect(defaultTaxonomy.impliedBy(id)).toContain('git');
    expect(defaultTaxonomy.impliedBy('github-actions')).toEqual(expect.arrayContaining(['github', 'git']));
  });

  it('finds "Fast API" written apart, in prose as well as whole', () => {
    expect(defaultTaxonomy.keyOf('Fast API')).toBe('fastapi');
    expect(ids('Build services with Fast API and Postgres')).toEqual(['fastapi', 'postgresql']);
    expect(ids('Mongo DB, Type Script and Git Hub')).toEqual(['mongodb', 'typescript', 'github']);
  });

  it('does not split a name at a camel-case hump unless the case is exactly the name\'s', () => {
    expect(ids('We move fast api first')).toEqual([]);
    expect(ids('My SQL skills are rusty')).toEqual(['sql']);
  });

  it('keeps CQRS and event sourcing apart from, but related to, event-driven architecture', () => {
    expect(defaultTaxonomy.keyOf('CQRS')).toBe('cqrs');
    expect(defaultTaxonomy.keyOf('Event sourcing')).toBe('event-sourcing');
    expect(defaultTaxonomy.relatedTo('event-driven-architecture')).toEqual(expect.arrayContaining(['cqrs', 'event-sourcing']));
    expect(ids('Event-driven architecture with CQRS and event sourcing')).toEqual(['event-driven-architecture', 'cqrs', 'event-sourcing']);
  });

  it('keeps AMQP apart from, but related to, RabbitMQ', () => {
    expect(defaultTaxonomy.keyOf('AMQP')).toBe('amqp');
    expect(defaultTaxonomy.relatedTo('amqp')).toContain('rabbitmq');
    expect(ids('RabbitMQ over AMQP')).toEqual(['rabbitmq', 'amqp']);
  });
});

describe('common spellings', () => {
  const expected: Record<string, string> = {
    JWT: 'jwt',
    'OAuth 2.0': 'oauth',
    'REST API': 'rest',
    'REST APIs': 'rest',
    RESTful: 'rest',
    gRPC: 'grpc',
    GraphQL: 'graphql',
    'Amazon Web Services': 'aws',
    'Google Cloud Platform': 'gcp',
    'MS SQL': 'sql-server',
    'SQL Server': 'sql-server',
    Postgres: 'postgresql',
    Mongo: 'mongodb',
    Elastic: 'elasticsearch',
    ElasticSearch: 'elasticsearch',
    Node: 'node.js',
    NodeJS: 'node.js',
    'React.js': 'react',
    'Vue 3': 'vue.js',
    'Angular 17': 'angular',
    '.NET 8': '.net',
    'C# 12': 'c#',
    Spring: 'spring',
    Terraform: 'terraform',
    Ansible: 'ansible',
    Jira: 'jira',
    Confluence: 'confluence',
    Figma: 'figma',
    Tableau: 'tableau',
    'Power BI': 'power-bi',
    Looker: 'looker',
    'Google Analytics': 'google-analytics',
    Salesforce: 'salesforce',
    HubSpot: 'hubspot',
    SAP: 'sap',
    QuickBooks: 'quickbooks',
    Excel: 'excel',
    PowerPoint: 'powerpoint',
    'AWS Certified Solutions Architect': 'aws-certified-solutions-architect',
    CISSP: 'cissp',
    CKA: 'cka',
    PMP: 'pmp',
    'Scrum Master (CSM)': 'csm',
  };
  const versioned = new Set(['Angular 17', 'C# 12']);

  it.each(Object.entries(expected))('%s is a skills-field entry for %s', (written, id) => {
    expect(defaultTaxonomy.skillsIn(written).map((found) => found.skill.id)).toEqual([id]);
    // A version is not part of a name: only skillsIn reads past it.
    if (!versioned.has(written)) expect(defaultTaxonomy.keyOf(written)).toBe(id);
  });

  it.each(Object.entries(expected))('%s is found in prose as %s', (written, id) => {
    expect(inProse(written)).toContain(id);
  });

  it('files certifications under their own category, as technologies', () => {
    for (const id of ['aws-certified-solutions-architect', 'cissp', 'cka', 'pmp', 'csm']) {
      expect(defaultTaxonomy.resolve(id)?.skill).toMatchObject({ category: 'certification', kind: 'technology' });
    }
    expect(defaultTaxonomy.impliedBy('cka')).toContain('kubernetes');
    expect(defaultTaxonomy.impliedBy('aws-certified-solutions-architect')).toContain('aws');
    expect(defaultTaxonomy.impliedBy('csm')).toContain('scrum');
  });
});
