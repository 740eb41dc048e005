import { createTaxonomy } from './create-taxonomy';
import { defaultSkillDefinitions } from './data';
import { defaultTaxonomy } from './default-taxonomy';
import type { SkillDefinition } from './skill-definition';

// Only concrete technologies may gate a match; concepts, practices and duties are weighted only.
// The job-description parser reads `skill.kind` to decide.
const kindOf = (written: string): string | undefined => defaultTaxonomy.resolve(written)?.skill.kind;

describe('skill kind', () => {
  it('is concept for the practice category and for definitions marked concept, technology otherwise', () => {
    const taxonomy = createTaxonomy([
      { id: 'python', name: 'Python', category: 'language' },
      { id: 'code-review', name: 'Code review', category: 'practice' },
      { id: 'microservices', name: 'Microservices', category: 'framework', concept: true },
      { id: 'cka', name: 'CKA', category: 'certification' },
    ] satisfies SkillDefinition[]);
    expect(taxonomy.resolve('Python')?.skill).toEqual({ id: 'python', name: 'Python', category: 'language', kind: 'technology' });
    expect(taxonomy.resolve('code review')?.skill.kind).toBe('concept');
    expect(taxonomy.resolve('microservices')?.skill.kind).toBe('concept');
    expect(taxonomy.resolve('CKA')?.skill.kind).toBe('technology');
    expect(taxonomy.extract('Microservices in Python').map((mention) => mention.skill.kind)).toEqual(['concept', 'technology']);
  });

  it.each([
    'distributed systems', 'code review', 'containers', 'containerization', 'DevOps', 'CI/CD', 'continuous integration',
    'infrastructure as code', 'IaC', 'microservices', 'event-driven architecture', 'CQRS', 'event sourcing', 'REST',
    'RESTful APIs', 'agile', 'Scrum', 'TDD', 'unit testing', 'system design', 'service mesh', 'GitOps', 'observability',
    'SRE', 'platform engineering', 'DDD', 'OOP', 'design patterns', 'clean architecture', 'async/await',
    'asynchronous programming', 'machine learning', 'deep learning', 'NLP', 'ETL', 'data modeling', 'data warehousing',
    'statistics', 'A/B testing', 'NoSQL', 'serverless', 'load balancing', 'cybersecurity', 'penetration testing',
    'zero trust', 'SSO', 'BDD', 'embedded systems', 'accessibility', 'concurrency', 'algorithms', 'MLOps',
    'test automation', 'performance testing', 'contract testing',
    // Protocols and token formats, like REST: known through whatever library or product implements them.
    'JWT', 'OAuth 2.0', 'OpenID Connect', 'SAML',
  ])('%s is a concept', (written) => {
    expect(kindOf(written)).toBe('concept');
  });

  it.each([
    'Python', 'Go', 'TypeScript', 'React', 'Spring Boot', 'Django', 'FastAPI', 'asyncio', 'Node.js', '.NET', 'PostgreSQL',
    'MongoDB', 'Kafka', 'RabbitMQ', 'AMQP', 'Docker', 'Kubernetes', 'Helm', 'Terraform', 'Ansible', 'Jenkins', 'GitHub Actions',
    'Git', 'GitHub', 'AWS', 'AWS Lambda', 'Google Cloud Platform', 'Azure', 'GraphQL', 'gRPC',
    'Jira', 'Confluence', 'Figma', 'Visual Studio Code', 'Tableau', 'Power BI', 'Excel', 'PowerPoint', 'Salesforce', 'HubSpot',
    'SAP', 'QuickBooks', 'Prometheus', 'Grafana', 'pytest', 'Cucumber', 'Pact', 'Serverless Framework', 'Linux',
    'AWS Certified Solutions Architect', 'CISSP', 'CKA', 'PMP', 'Scrum Master (CSM)',
  ])('%s is a technology', (written) => {
    expect(kindOf(written)).toBe('technology');
  });

  it('gives every skill of the default data a kind; the practice category holds concepts only', () => {
    for (const skill of defaultTaxonomy.all()) {
      expect(['technology', 'concept']).toContain(skill.kind);
      if (skill.category === 'practice') expect(`${skill.id}: ${skill.kind}`).toBe(`${skill.id}: concept`);
      if (skill.category === 'certification') expect(`${skill.id}: ${skill.kind}`).toBe(`${skill.id}: technology`);
    }
  });

  it('marks concept only on definitions outside the practice category (where it would say nothing)', () => {
    const redundant = defaultSkillDefinitions.filter((definition) => definition.category === 'practice' && definition.concept !== undefined);
    expect(redundant.map((definition) => definition.id)).toEqual([]);
  });
});
