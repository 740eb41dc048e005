import { createFixtureTaxonomy } from './__fixtures__/fixture-taxonomy';
import { parseJobDescription } from './parse-job-description';

const parse = (text: string) => parseJobDescription(text, createFixtureTaxonomy());

describe('parseJobDescription rules', () => {
  it('finds inline headings in a single line', () => {
    const parsed = parse('Backend Engineer. Requirements: 5+ years of Go, PostgreSQL. Nice to have: Kafka, Redis.');
    expect(parsed).toMatchObject({
      title: 'Backend Engineer',
      requiredSkills: ['Go', 'PostgreSQL'],
      preferredSkills: ['Kafka', 'Redis'],
      experienceYears: { min: 5 },
      warnings: [],
    });
    expect(parsed.sections.map(({ kind, heading, start, contentStart, end }) => ({ kind, heading, start, contentStart, end }))).toEqual([
      { kind: 'required', heading: 'Requirements', start: 18, contentStart: 32, end: 59 },
      { kind: 'preferred', heading: 'Nice to have', start: 60, contentStart: 74, end: 87 },
    ]);
  });

  it.each([
    ['3–5 years of experience', { min: 3, max: 5 }],
    ['3-5 yrs backend work', { min: 3, max: 5 }],
    ['5+ years with Go', { min: 5 }],
    ['at least 4 years in operations', { min: 4 }],
    ['a minimum of 2 years of experience', { min: 2 }],
    ['three to five years of experience', { min: 3, max: 5 }],
    ['up to 2 years of experience', { max: 2 }],
    ['five or more years of experience', { min: 5 }],
    ['3 years or more of experience', { min: 3 }],
    ["minimum 3 years' commercial experience", { min: 3 }],
    ["5+ years of experience with a bachelor's degree, or 3+ years with a master's", { min: 3 }],
  ])('reads the experience in "%s"', (phrase, range) => {
    expect(parse(`Engineer\nRequirements:\n- ${phrase}\n- Go`).experienceYears).toEqual(range);
  });

  it('ignores years that are not about experience when there is no requirements section', () => {
    expect(parse('Go Engineer\nWe have built payment software in Go for 20 years.').experienceYears).toBeUndefined();
  });

  it('groups alternatives: "at least one of", "X or Y", and a same-kind list ending in "or"', () => {
    const parsed = parse(
      'Engineer\nRequirements:\n- At least one of Flask, Django or FastAPI\n- Python or Go\n- Docker, PostgreSQL or MySQL\n- Java, Kotlin, or Scala',
    );
    expect(parsed.requiredSkills).toEqual([
      { anyOf: ['Flask', 'Django', 'FastAPI'] },
      { anyOf: ['Python', 'Go'] },
      'Docker',
      { anyOf: ['PostgreSQL', 'MySQL'] },
      { anyOf: ['Java', 'Kotlin', 'Scala'] },
    ]);
  });

  it('groups the bullets under "one of the following:"', () => {
    expect(parse('Engineer\nRequirements:\n- SQL\n- One of the following:\n  - AWS\n  - GCP\n  - Azure\n- Linux').requiredSkills).toEqual([
      'SQL',
      { anyOf: ['AWS', 'GCP', 'Azure'] },
      'Linux',
    ]);
  });

  it('counts a skill named in both sections as required only', () => {
    const parsed = parse('Engineer\nRequirements: Go and Kafka.\nNice to have: Kafka, Redis.');
    expect(parsed.requiredSkills).toEqual(['Go', 'Kafka']);
    expect(parsed.preferredSkills).toEqual(['Redis']);
  });

  it('moves a skill the requirements call "a plus" or "preferred" to preferred', () => {
    const parsed = parse('Engineer\nRequirements:\n- Go\n- Terraform is a plus\n- Kubernetes (preferred)');
    expect(parsed.requiredSkills).toEqual(['Go']);
    expect(parsed.preferredSkills).toEqual(['Terraform', 'Kubernetes']);
  });

  it('takes skills from the whole text, except the company and benefits parts, as uncertain requirements when no requirements section exists', () => {
    const parsed = parse('Data Engineer\nYou will write Python and SQL.\nAbout us: we run on Kafka.\nBenefits: free Redis stickers.');
    expect(parsed.requiredSkills).toEqual(['Python', 'SQL']);
    expect(parsed.allowMissingRequired).toBe(1);
    expect(parsed.warnings).toEqual([
      'no requirements section: skills taken from the whole text as required',
      'no confident requirement: the 2 uncertain ones are used, with up to 1 of them missing allowed',
    ]);
  });

  it('warns when nothing required and no title can be found', () => {
    expect(parse('About us: a friendly team.').warnings).toEqual([
      'no title found: no "Job title:" label, title line or "we are looking for a …" sentence',
      'no requirements section: skills taken from the whole text as required',
      'no required skill recognised',
    ]);
  });

  it('does not take "… is not required:" for a heading', () => {
    expect(parse('Engineer\nRequirements: Go. A degree is not required: we care about Docker.').sections.map((s) => s.heading)).toEqual([
      'Requirements',
    ]);
  });

  it.each([
    ['Location: Berlin, Germany', { city: 'Berlin', country: 'Germany' }, undefined],
    ['Location: Austin, TX, USA (hybrid)', { city: 'Austin', region: 'TX', country: 'USA' }, 'hybrid'],
    ['Location: Remote (EU)', { region: 'EU' }, 'remote'],
    ['Remote (Germany only), full-time', { country: 'Germany' }, 'remote'],
    ['Location: Munich or remote', { city: 'Munich', country: 'Germany' }, 'remote'],
    ['Based in Rotterdam. No remote work.', { city: 'Rotterdam', country: 'Netherlands' }, 'on-site'],
  ])('reads "%s"', (line, location, workplace) => {
    const parsed = parse(`Engineer\n${line}\nRequirements: Go`);
    expect(parsed.location).toEqual(location);
    expect(parsed.workplace).toBe(workplace);
  });

  it.each([
    ['Job title: Staff Engineer (m/w/d)\nRequirements: Go', 'Staff Engineer'],
    ['## Senior Data Analyst\n\nRequirements: SQL', 'Senior Data Analyst'],
    ['We are looking for a senior QA engineer to join our team. Requirements: Playwright', 'Senior QA engineer'],
  ])('finds the title in %j', (text, title) => {
    expect(parse(text).title).toBe(title);
  });

  it.each([
    ['This is a 6-month contract role.', 'contract'],
    ['Internship (6 months), Berlin', 'internship'],
    ['Part-time, 20 hours a week', 'part-time'],
    ['Fixed-term for 12 months', 'temporary'],
  ])('reads the employment type in "%s"', (line, type) => {
    expect(parse(`Engineer\n${line}\nRequirements: Go`).employmentType).toBe(type);
  });
});
