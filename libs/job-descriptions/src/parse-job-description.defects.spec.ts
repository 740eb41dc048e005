import { defaultTaxonomy } from '@talent/skills';
import { parseJobDescription } from './parse-job-description';

// One case per way postings written by people defeated the old parser (issue "Job descriptions as
// people write them"). Expectations are what a recruiter reads in each text.
const parse = (text: string) => parseJobDescription(text, defaultTaxonomy);

const ONE_PARAGRAPH =
  'Backend Engineer (Python) Quillstone builds claims software for insurers. Key Responsibilities Design and build REST services ' +
  'in Python Own our Kafka pipelines and Terraform modules Take part in code review Must-Have Skills 5+ years of Python ' +
  'experience Strong knowledge of Django or FastAPI Experience with PostgreSQL Good-to-Have (Bonus Points) Kubernetes ' +
  'Experience with Redis Familiarity with GraphQL What We Offer Hybrid work in Leeds, United Kingdom';

describe('inline headings (defect 1)', () => {
  it('finds section names run into one paragraph, without colons or line breaks', () => {
    const parsed = parse(ONE_PARAGRAPH);
    expect(parsed.sections.map((section) => `${section.kind}: ${section.heading}`)).toEqual([
      'responsibilities: Key Responsibilities',
      'required: Must-Have Skills',
      'preferred: Good-to-Have (Bonus Points)',
      'benefits: What We Offer',
    ]);
    expect(parsed.requiredSkills).toEqual(['Python', { anyOf: ['Django', 'FastAPI'] }, 'PostgreSQL']);
    expect(parsed.preferredSkills).toEqual(['Kubernetes', 'Redis', 'GraphQL']);
    expect(parsed.experienceYears).toEqual({ min: 5 });
  });

  it('finds headings glued to the text by lost line breaks', () => {
    const parsed = parse(
      'Data Engineer at Tallow.About the jobYou will build our warehouse on Snowflake.RequirementsThree years of SQLExperience with AirflowNice to haveDbt',
    );
    expect(parsed.sections.map((section) => section.kind)).toEqual(['responsibilities', 'required', 'preferred']);
    expect(parsed.requiredSkills).toEqual(['SQL', 'Apache Airflow']);
    expect(parsed.preferredSkills).toEqual(['dbt']);
  });

  it('reads a posting pasted as HTML', () => {
    const parsed = parse('<h1>QA Engineer</h1><h2>Requirements</h2><ul><li>Playwright &amp; TypeScript</li></ul><h2>Nice to have</h2><p>k6</p>');
    expect(parsed.title).toBe('QA Engineer');
    expect(parsed.requiredSkills).toEqual(['Playwright', 'TypeScript']);
    expect(parsed.preferredSkills).toEqual(['k6']);
  });
});

describe('alternatives (defect 2)', () => {
  it.each([
    ['at least one web framework (Django, Flask, FastAPI)', { anyOf: ['Django', 'Flask', 'FastAPI'] }],
    ['a relational database, e.g. PostgreSQL or MySQL', { anyOf: ['PostgreSQL', 'MySQL'] }],
    ['a cloud platform such as AWS, GCP or Azure', { anyOf: ['AWS', 'Google Cloud', 'Microsoft Azure'] }],
    ['Java or Kotlin', { anyOf: ['Java', 'Kotlin'] }],
    ['one of the following languages: Go, Rust, C++', { anyOf: ['Go', 'Rust', 'C++'] }],
    ['message queues (RabbitMQ, SQS, etc.)', { anyOf: ['RabbitMQ', 'Amazon SQS'] }],
  ])('"%s" is one any-of requirement', (phrase, group) => {
    expect(parse(`Engineer\nRequirements:\n- ${phrase}\n- Git`).requiredSkills).toEqual([group, 'Git']);
  });

  it('does not gate on a skill offered with "or similar"', () => {
    const parsed = parse('Engineer\nRequirements:\n- Git\n- Docker or similar');
    expect(parsed.requiredSkills).toEqual(['Git']);
    expect(parsed.preferredSkills).toEqual(['Docker']);
  });
});

describe('responsibilities and company blurbs (defect 3)', () => {
  it('keeps skills named in what you will do and about us out of the requirements', () => {
    const parsed = parse(
      'Backend Engineer\nAbout us\nOur platform runs on AWS, Terraform and Kafka.\nWhat you will do\n- Build services on Kubernetes\n- Improve our Grafana dashboards\nRequirements\n- Go\n- PostgreSQL',
    );
    expect(parsed.requiredSkills).toEqual(['Go', 'PostgreSQL']);
    expect(parsed.preferredSkills).toEqual([]);
    expect(parsed.contextSkills).toEqual(['AWS', 'Terraform', 'Apache Kafka', 'Kubernetes', 'Grafana']);
  });
});

describe('concept words (defect 4)', () => {
  it('never gates on a concept or practice, but still weighs it', () => {
    const parsed = parse(
      'Platform Engineer\nRequirements:\n- Distributed systems\n- Code review\n- Containers\n- DevOps\n- CI/CD\n- Infrastructure as code\n- Go',
    );
    expect(parsed.requiredSkills).toEqual(['Go']);
    expect(parsed.preferredSkills).toEqual(expect.arrayContaining(['Distributed systems', 'CI/CD', 'Infrastructure as Code']));
    expect(parsed.requirements.filter((requirement) => requirement.reason === 'concept').length).toBeGreaterThanOrEqual(5);
  });
});

describe('preference cues (defect 5)', () => {
  it('scopes a cue to the parenthesis it is in', () => {
    const parsed = parse('Engineer\nRequirements:\n- SQL (PostgreSQL preferred)\n- Python (Django is a plus)');
    expect(parsed.requiredSkills).toEqual(['SQL', 'Python']);
    expect(parsed.preferredSkills).toEqual(['PostgreSQL', 'Django']);
  });

  it('scopes a trailing cue to the list right before it', () => {
    const parsed = parse('Engineer\nRequirements:\n- Strong TypeScript; React or Vue is a plus\n- Experience with Node.js, and Kafka is nice to have');
    expect(parsed.requiredSkills).toEqual(['TypeScript', 'Node.js']);
    expect(parsed.preferredSkills).toEqual(['React', 'Vue.js', 'Apache Kafka']);
  });
});

describe('titles (defect 11)', () => {
  it.each([
    ['Backend Engineer (Go/gRPC)\nRequirements: Go', 'Backend Engineer (Go/gRPC)'],
    ['Senior Data Engineer (Spark) – Remote\nRequirements: Spark', 'Senior Data Engineer (Spark)'],
    ['Staff Engineer (m/f/d)\nRequirements: Go', 'Staff Engineer'],
  ])('keeps the parenthesis of %j', (text, title) => {
    expect(parse(text).title).toBe(title);
  });
});

describe('evidence and confidence', () => {
  it('tells for each requirement the section, the clause and the cue it was read from', () => {
    const parsed = parse(ONE_PARAGRAPH);
    const django = parsed.requirements.find((requirement) => requirement.skills.includes('Django'));
    expect(django).toMatchObject({
      skills: ['Django', 'FastAPI'],
      anyOf: true,
      modality: 'required',
      gating: true,
      evidence: { section: 'Must-Have Skills', sectionKind: 'required', phrase: 'Strong knowledge of Django or FastAPI', cue: 'or' },
    });
    expect(django?.confidence).toBeGreaterThanOrEqual(0.6);
    const graphql = parsed.requirements.find((requirement) => requirement.skills.includes('GraphQL'));
    expect(graphql).toMatchObject({ modality: 'preferred', gating: false, evidence: { section: 'Good-to-Have (Bonus Points)' } });
  });
});

describe('doubtful extraction', () => {
  it('allows near misses, and warns, when no requirements section is found', () => {
    const parsed = parse('Data Engineer\nYou must know Python, SQL, Airflow and dbt, and you will love our Snowflake warehouse.');
    expect(parsed.requiredSkills).toEqual(['Python', 'SQL', 'Apache Airflow', 'dbt', 'Snowflake']);
    expect(parsed.doubtful).toBe(true);
    expect(parsed.allowMissingRequired).toBe(1);
    expect(parsed.warnings).toContain('extraction doubtful (no requirements section was found): matched with up to 1 required skill missing');
  });

  it('uses uncertain requirements, needing one of them, rather than gating on nothing', () => {
    const parsed = parse('Analyst\nRequirements:\n- Familiarity with Tableau\n- Exposure to Looker');
    expect(parsed.requiredSkills).toEqual(['Tableau', 'Looker']);
    expect(parsed.allowMissingRequired).toBe(1);
  });
});
