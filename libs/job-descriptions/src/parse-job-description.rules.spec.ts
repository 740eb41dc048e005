import { defaultTaxonomy } from '@talent/skills';
import { createFixtureTaxonomy } from './__fixtures__/fixture-taxonomy';
import { parseJobDescription } from './parse-job-description';

const parse = (text: string) => parseJobDescription(text, createFixtureTaxonomy());
/** With the full taxonomy, for rules that rest on what it says of skills (relations, implications). */
const read = (text: string) => parseJobDescription(text, defaultTaxonomy);

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
    const parsed = parse('Data Engineer\nYou know Python and SQL.\nAbout us: we run on Kafka.\nBenefits: free Redis stickers.');
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

  it.each([
    ['at least one relational database: PostgreSQL, MySQL or SQL Server', { anyOf: ['PostgreSQL', 'MySQL', 'SQL Server'] }],
    ['Terraform (or a comparable tool such as Ansible)', { anyOf: ['Terraform', 'Ansible'] }],
    ['Terraform (Ansible is also fine)', { anyOf: ['Terraform', 'Ansible'] }],
    ['We run on AWS, but strong GCP or Azure experience is just as welcome', { anyOf: ['AWS', 'GCP', 'Azure'] }],
    ['PostgreSQL, MySQL or similar databases', { anyOf: ['PostgreSQL', 'MySQL'] }],
  ])('reads the alternatives in "%s" as one requirement', (line, requirement) => {
    expect(parse(`Engineer\nRequirements:\n- ${line}`).requiredSkills).toEqual([requirement]);
  });

  it.each([
    ['Very good Kotlin – we have not written new Java code since 2021', ['Kotlin'], 'Java'],
    ["Deep AWS experience – they won't look at Azure/GCP-only profiles", ['AWS'], 'Azure'],
    ['Fluent English and Go (Python is not required)', ['Go'], 'Python'],
  ])('does not ask for a skill named to be ruled out: "%s"', (line, required, ruledOut) => {
    const parsed = parse(`Engineer\nRequirements:\n- ${line}`);
    expect(parsed.requiredSkills).toEqual(required);
    expect(parsed.preferredSkills).not.toContain(ruledOut);
    expect(parsed.requirements.find((requirement) => requirement.skills.includes(ruledOut))).toMatchObject({ modality: 'context', evidence: { cue: 'ruled out' } });
  });

  it('reads an essential / desirable table with a column per modality, cells wrapped over lines', () => {
    const table = [
      'Person specification',
      'Criteria   | Essential                          | Desirable',
      '-----------+------------------------------------+-------------------',
      'Skills     | Strong Python and                  | Kafka streaming',
      '           | PostgreSQL                         | (any version)',
      '           | Docker                             | Terraform',
    ].join('\n');
    const parsed = parse(`Data Engineer\n${table}`);
    expect(parsed.requiredSkills).toEqual(['Python', 'PostgreSQL', 'Docker']);
    expect(parsed.preferredSkills).toEqual(['Kafka', 'Terraform']);
  });

  it('reads selection criteria whose last column says essential or desirable', () => {
    const table = ['Criterion\tEssential / Desirable', '1. Test code in TypeScript\tEssential', '2. Performance testing with Kafka\tDesirable', '3. SQL for test data\tEssential'].join('\n');
    const parsed = parse(`QA Engineer\nKey selection criteria\n${table}`);
    expect(parsed.requiredSkills).toEqual(['TypeScript', 'SQL']);
    expect(parsed.preferredSkills).toEqual(['Kafka']);
  });

  it('does not read an abbreviation of the words before it as a skill', () => {
    const parsed = parse('Designer\nRequirements:\n- Figma and Go\nBenefits: a 13th-month Annual Wage Supplement (AWS)');
    expect(parsed.requirements.flatMap((requirement) => requirement.skills)).not.toContain('AWS');
  });

  it.each([
    ['Primary Location: IND-Karnataka-Bengaluru', { city: 'Bengaluru', region: 'Karnataka', country: 'IND' }],
    ['Primary Location: IND-KA-Bengaluru-Whitefield', { city: 'Bengaluru', region: 'KA', country: 'IND' }],
    ['Main location: Southmead Hospital, Bristol, BS10 5NB', { city: 'Bristol', country: 'United Kingdom' }],
    ['Remote - Canada', { country: 'Canada' }],
    ['The post is based at our Gilmorehill campus in Glasgow.', { city: 'Glasgow', country: 'United Kingdom' }],
  ])('places the job from "%s"', (line, location) => {
    expect(parse(`Engineer\n${line}\nRequirements: Go`).location).toEqual(location);
  });

  it('reads EU/EEA as the countries of the union, not as time zones', () => {
    const { applicantLocation } = parse('Engineer\nRemote (EU/EEA)\nRequirements: Go');
    expect(applicantLocation?.countries).toHaveLength(30);
    expect(applicantLocation?.countries).toEqual(expect.arrayContaining(['DE', 'NO', 'IS']));
    expect(applicantLocation?.countries).not.toContain('GB');
  });

  it.each([
    ['Remote, but you must live in Brazil – we only hire through CLT, so we cannot consider candidates abroad.', { countries: ['Brazil'] }],
    ['This position is 100% remote, but you must live and be legally able to work in Canada.', { countries: ['Canada'] }],
    ['Open to candidates residing in the Eastern or Central US time zones.', { countries: ['US'], utcOffsets: { min: -6, max: -5 } }],
    ['Ruby on Rails Developer (Remote, US)', { countries: ['US'] }],
    ['We overlap core hours of 11:00-15:00 Eastern time.', undefined],
  ])('reads where applicants must be in "%s"', (line, applicantLocation) => {
    expect(parse(`Engineer\n${line}\nRequirements: Go`).applicantLocation).toEqual(applicantLocation);
  });

  it('does not take "Remote" for a city', () => {
    expect(parse('Full-Stack Developer (Node.js) - Remote, Canada\nRequirements: Go').location).toEqual({ country: 'Canada' });
  });

  it('reads selection criteria aligned with spaces, E or D at the end of each row, rows wrapped', () => {
    const table = [
      'KEY SELECTION CRITERIA',
      'Criterion                                              E/D',
      '1.  Test automation in TypeScript with a              E',
      '    modern framework',
      '2.  SQL for test data                                 E',
      '3.  Load testing with Kafka                           D',
    ].join('\n');
    const parsed = parse(`QA Engineer\n${table}`);
    expect(parsed.requiredSkills).toEqual(['TypeScript', 'SQL']);
    expect(parsed.preferredSkills).toEqual(['Kafka']);
  });

  it('reads "we use X, but if you have worked with Y or Z, that is fine" as alternatives', () => {
    const parsed = parse('Engineer\nRequirements:\n- You have run services on a cloud – we use AWS, but if you have worked with GCP or Azure, that is fine too.');
    expect(parsed.requiredSkills).toEqual([{ anyOf: ['AWS', 'GCP', 'Azure'] }]);
  });

  it('does not gate on examples of a technology\'s parts, nor on a skill ideally had', () => {
    const parsed = parse('Engineer\nRequirements:\n- Securing Azure (e.g. Terraform, Ansible)\n- Running models on AWS – Docker ideally');
    expect(parsed.requiredSkills).toEqual(['Azure', 'AWS']);
    expect(parsed.preferredSkills).toEqual(expect.arrayContaining(['Terraform', 'Ansible', 'Docker']));
  });

  it.each([
    ['Location: Leeds – 2 days a week on site, the rest from home', 'hybrid'],
    ['This is an on-site role; it is not eligible for remote work.', 'on-site'],
  ])('reads the workplace in "%s"', (line, workplace) => {
    expect(parse(`Engineer\n${line}\nRequirements: Go`).workplace).toBe(workplace);
  });

  it('keeps candidates near the office when they must be able to commute', () => {
    expect(parse('Engineer, Leeds\nYou must be able to commute to Leeds.\nRequirements: Go').applicantLocation).toEqual({ sameMetro: true });
  });

  it('reads an alternative split off by a dash, and a skill named again in its clause once', () => {
    const parsed = parse('Engineer\nRequirements:\n- Orchestrating pipelines with Airflow – Dagster or Prefect experience is fine too\n- Strong Kotlin or Java – we are happy to teach Kotlin to a great Java developer');
    expect(parsed.requiredSkills).toEqual([{ anyOf: ['Airflow', 'Dagster', 'Prefect'].filter((name) => name === 'Airflow') }, { anyOf: ['Kotlin', 'Java'] }].map((entry, index) => (index === 0 ? 'Airflow' : entry)));
  });

  it('asks nothing of a job board\'s skill tags, nor of what the text rules out or offers', () => {
    const parsed = parse('Engineer\nSkills: Snowflake, dbt, Airflow, +6 more\nRequirements:\n- Docker (nice to have) – Kubernetes is not something we use\n- We don\'t expect Terraform experience\n- Go; we\'ll pay for your AWS certification');
    expect(parsed.requiredSkills).toEqual(['Go']);
    expect(parsed.preferredSkills).toEqual(['Docker']);
    expect(parsed.contextSkills).toEqual(expect.arrayContaining(['Snowflake', 'dbt', 'Airflow', 'Kubernetes', 'Terraform', 'AWS']));
  });

  it('reads the team\'s own stack, described inside an ask, as context', () => {
    const parsed = parse('Engineer\nRequirements:\n- React (we\'re on Next.js 14)\n- Node.js — our API is built with Flask\n- Solid HTML and modern CSS – we style with Redux');
    expect(parsed.requiredSkills).toEqual(['React', 'Node.js', 'HTML', 'CSS']);
    expect(parsed.contextSkills).toEqual(['Next.js', 'Flask', 'Redux']);
  });

  it('reads "What we do need is …" after a wish list as the ask, and "If you\'ve worked with …" as welcome', () => {
    const parsed = parse('Engineer\nNice to have:\n- TypeScript\n- React\n- GraphQL\n\nYou don\'t need all of these. What we do need is production TypeScript and React.\n\nRequirements:\n- Go\n- If you\'ve worked with AWS or GCP, the concepts carry over');
    expect(parsed.requiredSkills).toEqual(['TypeScript', 'React', 'Go']);
    expect(parsed.preferredSkills).toEqual(['GraphQL', 'AWS', 'GCP']);
  });

  it('reads items marked "*" as desirable when a footnote says so, and the parts of a skill as detail', () => {
    const parsed = parse('Analyst\nAbout you:\n- SQL\n- Python or R for analysis*\n- Expert Kotlin, including Spring Boot and Kafka\n- Advanced SQL Server – pivot tables, Redis, Docker\n* desirable rather than essential');
    expect(parsed.requiredSkills).toEqual(['SQL', 'Kotlin', 'SQL Server']);
    expect(parsed.preferredSkills).toEqual(expect.arrayContaining(['Python', 'R', 'Spring Boot', 'Kafka', 'Redis', 'Docker']));
  });

  it('reads a "Required?" column of a table', () => {
    const parsed = parse('Mobile Engineer\n| Skill | Level | Required? |\n|---|---|---|\n| React Native **or** Flutter | Advanced | Yes |\n| Jest | Intermediate | No, but a big plus |\n| Kotlin | Basic | No |');
    expect(parsed.requiredSkills).toEqual([{ anyOf: ['React Native', 'Flutter'] }]);
    expect(parsed.preferredSkills).toEqual(['Jest', 'Kotlin']);
  });

  it('mends words a PDF broke across lines', () => {
    const parsed = parse('Controls Engineer\nRequirements:\n• PLC programming with one or more of: Ku-\n  bernetes, Ansible,\n  Terraform.\n• Scripting experi-\n  ence in Li-\n  nux');
    expect(parsed.requiredSkills).toEqual([{ anyOf: ['Kubernetes', 'Ansible', 'Terraform'] }, 'Linux']);
  });

  it('restricts applicants only where relocating is not welcome', () => {
    expect(parse('Engineer, Berlin\nYou need to live in Germany or be willing to relocate to Berlin.\nRequirements: Go').applicantLocation).toBeUndefined();
    expect(parse('Engineer\nFully remote, but we can only employ people who live in the United States.\nRequirements: Go').applicantLocation).toEqual({ countries: ['United States'] });
    expect(parse('Engineer, Greer\nAbility to Commute:\n• Greer, SC 29650 (Required)\nRequirements: Go').applicantLocation).toEqual({ sameMetro: true });
  });

  it('takes the country of an ambiguous state code from the text', () => {
    // Foxbury is no city the gazetteer knows: only the text can say which SC (South Carolina or the Seychelles).
    expect(parse('Controls Engineer\nLocation: Foxbury, SC\nRequirements: Go\nApplicants must be authorized to work in the United States.').location).toEqual({ city: 'Foxbury', region: 'SC', country: 'United States of America' });
    expect(parse('Controls Engineer\nLocation: Foxbury, SC\nRequirements: Go').location).toEqual({ city: 'Foxbury', region: 'SC' });
    // Greer is a city of South Carolina in the gazetteer: the code is no longer ambiguous.
    expect(parse('Controls Engineer\nLocation: Greer, SC\nRequirements: Go').location).toEqual({ city: 'Greer', region: 'SC', country: 'United States of America' });
  });

  it('reads a cue closing the clause as speaking of all it names, not past ", and"', () => {
    const parsed = parse('Engineer\nRequirements:\n- Go\n- Knowledge of Kafka Streams or Redis Cluster setups is a plus\n- Terraform (at least reading it) is desirable\n- Experience with Docker, and Helm is nice to have');
    expect(parsed.requiredSkills).toEqual(['Go', 'Docker']);
    expect(parsed.preferredSkills).toEqual(['Kafka', 'Redis', 'Terraform', 'Helm']);
  });

  it('reads a job board\'s "Key Skills" tag list beside the employer\'s requirements as tags', () => {
    const parsed = parse('Java Developer\nDesired Candidate Profile\n- Java and Spring Boot\nGood to have\n- Docker\nKey Skills\nJava* | Spring Boot* | Kafka | Docker | AWS');
    expect(parsed.requiredSkills).toEqual(['Java', 'Spring Boot']);
    expect(parsed.preferredSkills).toEqual(['Docker']);
    expect(parsed.contextSkills).toEqual(['Kafka', 'AWS']);
  });

  it('reads question headings, a heading with a remark after a dash, and "X ideally, but Y would be fine"', () => {
    const parsed = parse('Engineer\nWhat will you do?\nBuild services in Rust.\nWhat they need – these are the non-negotiables\n* A SIEM – Kafka ideally, but Redis or RabbitMQ would be absolutely fine\nWhat do we offer?\nFree AWS credits.');
    expect(parsed.sections.map((section) => section.kind)).toEqual(['responsibilities', 'required', 'benefits']);
    expect(parsed.requiredSkills).toEqual([{ anyOf: ['Kafka', 'Redis', 'RabbitMQ'] }]);
  });

  it('does not gate on an alternative a concept meets ("REST and/or GraphQL")', () => {
    // The real taxonomy: REST is a concept there (the rules' small taxonomy has none).
    const parsed = parseJobDescription('Engineer\nRequirements:\n- Go\n- Consuming REST and/or GraphQL APIs', defaultTaxonomy);
    expect(parsed.requiredSkills).toEqual(['Go']);
    expect(parsed.preferredSkills).toEqual(expect.arrayContaining(['GraphQL']));
  });

  it('ends a restricted place at a colon', () => {
    expect(parse('Engineer\n100% remote, but you must live in Brazil: we hire only with a Brazilian address.\nRequirements: Go').applicantLocation).toEqual({ countries: ['Brazil'] });
  });
  it('reads the first of two wish lists as the requirements when no requirements heading exists', () => {
    const parsed = parse("Mobile Engineer\n\nWhat we'd love to see\n- 2-4 years with Go\n- PostgreSQL\n\nBonus points\n- Kafka\n");
    expect(parsed.requiredSkills).toEqual(['Go', 'PostgreSQL']);
    expect(parsed.preferredSkills).toEqual(['Kafka']);
    expect(parsed.experienceYears).toEqual({ min: 2, max: 4 });
  });

  it('keeps a single wish list a wish list', () => {
    expect(parse("Engineer\n\nRequirements\n- Go\n\nWhat we'd love to see\n- Kafka\n\nBonus points\n- Redis\n")).toMatchObject({
      requiredSkills: ['Go'],
      preferredSkills: ['Kafka', 'Redis'],
    });
  });

  it.each(['Key skills & experience', "You'll probably be a good fit if", 'You might be a good fit if', 'Core skills / experience'])('reads "%s" as a requirements heading', (heading) => {
    const parsed = parse(`Engineer\n\nAbout the role\n- Run our Redis fleet\n\n${heading}\n- 5+ years with Go\n- PostgreSQL\n`);
    expect(parsed.requiredSkills).toEqual(['Go', 'PostgreSQL']);
    expect(parsed.experienceYears).toEqual({ min: 5 });
  });

  it.each([
    ['Kafka experience alone is not sufficient', 'Kafka'],
    ["Go (Redis experience alone won't be enough)", 'Redis'],
  ])('does not ask for what "%s" rules out', (line, ruledOut) => {
    const parsed = parse(`Engineer\nRequirements:\n- PostgreSQL\n- ${line}\n`);
    expect(parsed.requiredSkills).not.toContain(ruledOut);
    expect(parsed.requiredSkills).toContain('PostgreSQL');
  });
  it.each(['Firebase Remote Config', 'remote monitoring of devices', 'Remote Desktop support'])('does not take "%s" for remote work', (phrase) => {
    expect(parse(`Engineer\nWe work in the office in Leeds.\nRequirements:\n- Go\n- ${phrase}\n`).workplace).toBe('on-site');
  });
  it('reads a label alone on its line from the line below', () => {
    expect(parse('Engineer\nWe support remote staff across the state.\nRequirements:\n- Go\n\nWORK ARRANGEMENTS\nThis is an on-site role. Five days a week.\n').workplace).toBe('on-site');
  });

  it("groups a skill with the alternatives its parenthesis would also consider", () => {
    expect(parse("Engineer\nRequirements:\n- Kafka (we'd also happily consider RabbitMQ)\n- Go\n").requiredSkills).toEqual([{ anyOf: ['Kafka', 'RabbitMQ'] }, 'Go']);
  });

  it('reads "We\'re looking for" alone on its line as the requirements', () => {
    const parsed = parse("Engineer\n\nWhat you'll do\n- Run Redis\n\nWe're looking for\n- Go\n- PostgreSQL\n");
    expect(parsed.requiredSkills).toEqual(['Go', 'PostgreSQL']);
  });

  it('takes what "the … team works in" for the company\'s stack, not an ask', () => {
    const parsed = parse('Engineer\nOur boards are built in-house; the firmware team works in Go and keeps everything in PostgreSQL.\nYou know Kafka.');
    expect(parsed.requiredSkills).toEqual(['Kafka']);
  });
  it.each([
    ['Key Knowledge and Abilities', 'required'],
    ['Desired Skills / Competencies', 'preferred'],
    ['Main Duties & Tasks', 'responsibilities'],
    ['**Core Competencies & Certifications:**', 'required'],
  ])('reads the composed heading "%s" as %s', (heading, kind) => {
    const parsed = parse(`Engineer\n\nWe build payment software.\n\n${heading}\n- Go\n`);
    expect(parsed.sections.map((section) => section.kind)).toEqual([kind]);
  });

  it('reads no composed heading in a line with other words', () => {
    expect(parse('Engineer\n\nRequirements\n- Go\nEngineering Skills Matter\n').sections.map((section) => section.kind)).toEqual(['required']);
  });

  it.each([
    ['Dein Profil', 'Deine Aufgaben'],
    ['Votre profil', 'Vos missions'],
    ['Wat breng je mee', 'Wat ga je doen'],
    ['Knowledges:', 'Your responsibilities will be:'],
  ])('reads "%s" as the requirements and "%s" as the duties', (profile, duties) => {
    const parsed = parse(`Engineer\n\n${duties}\n- Keep Redis running\n\n${profile}\n- Go\n- PostgreSQL\n`);
    expect(parsed.requiredSkills).toEqual(['Go', 'PostgreSQL']);
  });

  it('reads "Is a plus:" alone on its line as a wish list', () => {
    expect(parse('Engineer\n\nRequirements:\n- Go\n\nIs a plus:\n- Kafka\n')).toMatchObject({ requiredSkills: ['Go'], preferredSkills: ['Kafka'] });
  });

  it('takes one line of comma-separated skills under "Job Skills" beside a requirements section for tags', () => {
    expect(parse('Engineer\n\nRequirements\n- Go\n\nJob Skills\nKafka, Redis, PostgreSQL, Docker\n').requiredSkills).toEqual(['Go']);
  });

  it('reads "Go – or solid Java" as alternatives', () => {
    expect(parse('Engineer\nRequirements:\n- Very good Go – or solid Java and the wish to switch\n').requiredSkills).toEqual([{ anyOf: ['Go', 'Java'] }]);
  });

  it('reads a parenthesis welcoming other skills as alternatives', () => {
    expect(parse('Engineer\nRequirements:\n- Hands-on Kafka (experience with RabbitMQ will also be considered)\n').requiredSkills).toEqual([{ anyOf: ['Kafka', 'RabbitMQ'] }]);
  });

  it('gates on what prose says the candidate brings when no section asks', () => {
    const parsed = parse("Engineer\nWe're after someone with three years of backend experience who is comfortable with Go and PostgreSQL.");
    expect(parsed).toMatchObject({ requiredSkills: ['Go', 'PostgreSQL'] });
    expect(parsed.requirements.find((requirement) => requirement.skills[0] === 'Go')?.gating).toBe(true);
  });

  it('reads "Also on our wish list:" as a preference', () => {
    expect(parse('Engineer\nRequirements:\n- Go\n- Also on our wish list: experience with Kafka\n')).toMatchObject({ requiredSkills: ['Go'], preferredSkills: ['Kafka'] });
  });

  it('drops flag emoji from places', () => {
    expect(parse('Engineer\nFully remote, but you need to live in Canada 🇨🇦 (payroll reasons).\nRequirements:\n- Go\n').location).toEqual({ country: 'Canada' });
  });
  it('reads a table whose cells say "Must have" or "Nice to have", and leaves out the rows it only describes', () => {
    const table = [
      '| Tool | What we expect |',
      '|------|----------------|',
      '| Go | Must have. You write it every day |',
      '| PostgreSQL | Must have |',
      '| Kafka | Nice to have |',
      "| Redis | We use it; we'll teach you |",
    ].join('\n');
    expect(parse(`Engineer\n\nTools\n\n${table}\n`)).toMatchObject({ requiredSkills: ['Go', 'PostgreSQL'], preferredSkills: ['Kafka'] });
  });
  it('does not gate on a certification to obtain after hire', () => {
    const parsed = parseJobDescription('Engineer\nRequirements:\n- Go\n- Must obtain a Kubernetes certification (CKA) within six (6) months of appointment.\n', defaultTaxonomy);
    expect(parsed.requiredSkills).toEqual(['Go']);
    expect(parsed.preferredSkills).toContain('Certified Kubernetes Administrator');
  });

  it('joins "X or similar is fine too" after a semicolon to the requirement before', () => {
    expect(parse('Engineer\nRequirements:\n- Experience with a message broker: we use Kafka; RabbitMQ or similar is fine too\n- Go\n').requiredSkills).toEqual([
      { anyOf: ['Kafka', 'RabbitMQ'] },
      'Go',
    ]);
  });

  it('reads "is highly regarded" closing a clause as a preference', () => {
    expect(parse('Engineer\nAbout you\n- Go; a Kubernetes certification (CKA) is highly regarded\n').requiredSkills).toEqual(['Go']);
  });

  it('keeps a cue inside a parenthesis to that parenthesis', () => {
    expect(parse('Engineer\nRequirements:\n- Infrastructure as code with Terraform (Pulumi is a bonus) and production Kubernetes experience\n').requiredSkills).toEqual([
      'Terraform',
      'Kubernetes',
    ]);
  });

  it('does not gate on alternatives that end in something no list names', () => {
    expect(parseJobDescription('Engineer\nRequirements:\n- Python\n- Shipped an LLM feature, whether via OpenAI API, Anthropic Claude or open models\n', defaultTaxonomy).requiredSkills).toEqual(['Python']);
  });

  it('reads the examples of a category in parentheses as alternatives, a product named twice once', () => {
    expect(parseJobDescription('Admin\nQualifications\n- Experience administering next-generation firewalls (Fortinet FortiGate, Palo Alto Networks or Check Point).\n', defaultTaxonomy).requiredSkills).toEqual([
      { anyOf: ['Fortinet', 'Palo Alto Networks', 'Check Point'] },
    ]);
  });

  it.each([
    ['Location: Kingston Data Centre, Kingston, ON\nRequirements:\n- Go\n', { city: 'Kingston', region: 'ON', country: 'Canada' }],
  ])('reads the place of %j', (text, place) => {
    expect(parse(`Engineer\n${text}`).location).toEqual(place);
  });

  it('restricts to the metro area a posting asks applicants to live in or relocate to', () => {
    const parsed = parse('Engineer\nHybrid in Vancouver, BC. Candidates must live in the Lower Mainland or be willing to relocate there.\nRequirements:\n- Go\n');
    expect(parsed.applicantLocation).toEqual({ sameMetro: true });
  });

  it('restricts to the country a remote posting is open to', () => {
    const parsed = parse("Engineer\nThis is a fully remote position, open to candidates located anywhere in the United States. We can't hire outside the US.\nRequirements:\n- Go\n");
    expect(parsed.applicantLocation?.countries).toEqual(['United States']);
  });
  it('reads a label alone on its line past the line that introduces its value', () => {
    const text = 'Engineer\nLocation\n1 vacancy in the following location:\nAustin, TX\nRequirements:\n- Go\n';
    const label = parse(text).sections.find((section) => section.kind === 'location');
    expect(label && text.slice(label.contentStart, label.end)).toBe('Austin, TX');
  });

  describe('alternatives and categories', () => {
    it('keeps related skills of different categories in one list of alternatives', () => {
      expect(read('Requirements:\n- Production experience with a cloud data warehouse — Snowflake, BigQuery or Redshift').requiredSkills).toEqual([
        { anyOf: ['Snowflake', 'BigQuery', 'Amazon Redshift'] },
      ]);
    });

    it('reads "… but X or Y transfers just fine" and "(X or Y also count)" as alternatives', () => {
      expect(read("Requirements:\n- Running services on a public cloud. We're on AWS, but GCP or Azure experience transfers just fine").requiredSkills).toEqual([
        { anyOf: ['AWS', 'Google Cloud', 'Microsoft Azure'] },
      ]);
      expect(read('Requirements:\n- Orchestrating pipelines with Airflow (Dagster or Prefect also count)').requiredSkills).toEqual([
        { anyOf: ['Apache Airflow', 'Dagster', 'Prefect'] },
      ]);
    });

    it('does not read the parts of a skill in its parenthesis as alternatives to it', () => {
      expect(read('Requirements:\n* Microsoft Azure (App Service, Functions, Service Bus – any of these is fine)').requiredSkills).toEqual(['Microsoft Azure']);
    });

    it('does not gate on a category its examples imply ("SQL database (Oracle, PostgreSQL)")', () => {
      for (const text of ['- SQL database (Oracle, PostgreSQL)', '- Experience with a SQL database such as Oracle or PostgreSQL']) {
        const parsed = read(`Requirements:\n${text}`);
        expect(parsed.requiredSkills).toEqual([{ anyOf: ['Oracle Database', 'PostgreSQL'] }]);
        expect(parsed.preferredSkills).toEqual(['SQL']);
      }
      // Not past other words: "Kubernetes in production (OpenShift, AKS or EKS)" asks for Kubernetes.
      expect(read('Requirements:\n- Running Kubernetes in production (OpenShift, AKS or EKS)').requiredSkills).toContain('Kubernetes');
    });
  });

  describe('headings', () => {
    it('reads "Our requirements:" and a lead-in ending in "if" that opens its paragraph', () => {
      expect(read('Senior .NET Developer\n\nOur requirements:\n- C# and ASP.NET Core\n\nNice to have:\n- Angular').requiredSkills).toEqual(['.NET', 'C#', 'ASP.NET']);
      const parsed = read(
        "Senior iOS Engineer\n\nWhat you'll work on:\n→ Migrating UIKit screens\n\nYou'll probably be a good fit if you have 4+ years of iOS development in Swift.\n\nIt's a bonus if you've worked with Combine.",
      );
      expect(parsed.requiredSkills).toContain('Swift');
      expect(parsed.preferredSkills).toContain('Combine');
      expect(parsed.requiredSkills).not.toContain('Combine');
    });
  });

  describe('places in the header', () => {
    it.each([
      ['DevOps Engineer (m/w/d)\nKesselbach GmbH\nStuttgart-Feuerbach\nFeste Anstellung\n\nRequirements: Go', { city: 'Stuttgart' }],
      ['NETWORK ENGINEER\nAlpenmed IT GmbH | 1210 Wien | Vollzeit\n\nRequirements: Go', { city: 'Wien' }],
      ['GIS Analyst\nTe Matau Council\nWellington Central, Wellington\nFull time\n\nRequirements: Go\nYou must have the right to work in New Zealand.', { city: 'Wellington', country: 'New Zealand' }],
      ['Frontend Developer\nLotus Sky\nApply now\n\nWard 13, District 4, Ho Chi Minh\nHybrid\n\nSkills:\nReact', { city: 'Ho Chi Minh', country: 'Vietnam' }],
    ])('finds the city of %j', (text, expected) => {
      expect(read(text).location).toMatchObject(expected);
    });

    it('finds the city a workplace is in, placed by the state the text names', () => {
      expect(read('Cloud Engineer\nAgency: Minnesota Department of Licensing\n\nRequirements: Azure\n\nTelework: up to three days, with two days on site at the Centennial Office Building in Saint Paul.').location).toEqual({
        city: 'Saint Paul',
        country: 'United States of America',
      });
    });

    it('reads a district before the city in a label, and a city named like a country before a state code', () => {
      expect(read('Odoo Consultant\nLocation: Business Bay, Dubai, UAE\nRequirements: Python').location).toEqual({ city: 'Dubai', country: 'UAE' });
      expect(read('Embedded Engineer\nLocation: Holland, MI (On-site)              Shift: 1st\nRequirements: C').location).toMatchObject({ city: 'Holland', region: 'MI' });
    });
  });

  describe('postings in other shapes and languages', () => {
    it('reads a job board\'s tag line under "Key Skills" beside the employer\'s own requirements as tags', () => {
      const parsed = read("Frontend Engineer\n\nMust have\n1. React\n2. State management using Redux / Zustand / MobX\n\nKey Skills\nSkills highlighted with '*' are preferred keyskills\nReact.js* TypeScript* Redux Jest Next.js JavaScript\n");
      expect(parsed.requiredSkills).toEqual(['React', { anyOf: ['Redux', 'Zustand', 'MobX'] }]);
    });

    it('keeps a list of alternatives whole past a product the taxonomy does not name', () => {
      expect(read('Requirements:\n- Hands-on with SAST tools such as Semgrep, Fortify or SonarQube').requiredSkills).toEqual([{ anyOf: ['Semgrep', 'SonarQube'] }]);
    });

    it('reads "oder", "ou", "z. B." and Portuguese and German section names', () => {
      expect(read('Data Engineer\n\nDEIN PROFIL\n- Sehr gute Kenntnisse in Python oder Scala\n- Workflow-Orchestrierung, z. B. Airflow oder Dagster').requiredSkills).toEqual([
        { anyOf: ['Python', 'Scala'] },
        { anyOf: ['Apache Airflow', 'Dagster'] },
      ]);
      const parsed = read('Dev Android\n\nRequisitos e qualificações\n✅ Kotlin no dia a dia\n\nDiferenciais\n⭐ Kotlin Multiplatform (KMP) ou Flutter');
      // "Dev Android": the title names Android, which the text names nowhere else.
      expect(parsed.requiredSkills).toEqual(['Android', 'Kotlin']);
      expect(parsed.preferredSkills).toEqual(expect.arrayContaining(['Flutter']));
    });

    it('reads "Nice if you also know:" as wishes and "You\'ll:" as duties', () => {
      const parsed = read("Senior Android Engineer\n\nYou have: 5+ years in Kotlin; Jetpack Compose.\nNice if you also know: Hilt or Dagger.\n\nYou'll: work with our backend team (Kotlin + Spring Boot on GCP).");
      expect(parsed.requiredSkills).toEqual(['Android', 'Kotlin', 'Jetpack Compose']);
      expect(parsed.preferredSkills).toEqual(['Hilt', 'Dagger']);
    });

    it('takes the title from the part of a subject line that names a role', () => {
      expect(read('Subject: Urgent Requirement || Odoo Techno-Functional Consultant || Dubai || Immediate Joiners\n\nRequirements: Odoo, Python').title).toBe('Odoo Techno-Functional Consultant');
    });
  });

  it.each([
    ['This is a Work From Office role (Mon - Fri) - please do not apply if you are looking for remote.', 'on-site'],
    ['Flexible working – most of the team work from home two days a week, with the rest at our office.', 'hybrid'],
    ["This position is on-site, five days a week, in our Boulder lab – hardware doesn't work remotely.", 'on-site'],
    ['São Paulo - SP | Híbrido | Efetivo (CLT)', 'hybrid'],
    ['Place of work: Milano (zona Porta Nuova) / smart working.', 'hybrid'],
    ['Vollzeit | Unbefristet | Homeoffice möglich', 'hybrid'],
    ['Fully remote within Europe; we meet on-site twice a year.', 'remote'],
    ['Hyderabad (HITEC City) - Work From Office, 5 days. All interview rounds are remote.', 'on-site'],
  ])('reads the workplace of %j', (sentence, workplace) => {
    expect(read(`Backend Engineer\n${sentence}\nRequirements: Go`).workplace).toBe(workplace);
  });

  it('reads "C#/.NET" as one stack and "Redux/Zustand" as a choice', () => {
    expect(read('Requirements:\n- 4 years+ commercial C#/.NET').requiredSkills).toEqual(['C#', '.NET']);
    expect(read('Requirements:\n- Redux/Zustand').requiredSkills).toEqual([{ anyOf: ['Redux', 'Zustand'] }]);
  });

  it('keeps a parenthesis of examples whole past a semicolon, and a heading whole past an emoji', () => {
    const parsed = read("## You'll probably have\n\n- Experience with a state management library (Redux, Zustand, MobX; we use Redux Toolkit today)\n\n## Bonus points ✨\n\n- GraphQL + Apollo Client\n");
    expect(parsed.requiredSkills).toEqual([{ anyOf: ['Redux', 'Zustand', 'MobX'] }]);
    expect(parsed.preferredSkills).toContain('GraphQL');
  });

  it('requires a technology the title names and the text asks for nowhere else, not one the text reads otherwise', () => {
    expect(read('Senior Backend Engineer (m/w/d) – Kotlin / PostgreSQL\nHamburg\n\nYour profile\nYou have built services with Docker.').requiredSkills).toEqual(['Kotlin', 'PostgreSQL', 'Docker']);
    expect(read('Backend Engineer (Kafka)\n\nRequirements:\n- Docker\n\nNice to have:\n- Kafka').requiredSkills).toEqual(['Docker']);
  });

  it('reads a negation a few words before a skill ("We won\'t ask you to write Go", "not a Java role")', () => {
    const parsed = read("Technical Writer\n\nRequirements:\n- You write in Markdown.\n- We won't ask you to write Go, and you don't need to have run a Kubernetes cluster.\n- This is not a Java role.");
    expect(parsed.requiredSkills).toEqual(['Markdown']);
  });

  it('joins an alternative offered in the next sentence to the requirement right before it, and no further back', () => {
    const parsed = read("Requirements:\n\nMost of our infrastructure runs on AWS, and you'll need solid hands-on experience there. That said, if your background is mostly Google Cloud, that's fine too.\n\nWe manage the lot with Terraform. If you've used Pulumi instead, we're happy with that as well.\n\nYou run Kubernetes in production. You write tooling: most of ours is in our own scripts. Python is equally welcome.");
    expect(parsed.requiredSkills).toEqual(expect.arrayContaining([{ anyOf: ['AWS', 'Google Cloud'] }, { anyOf: ['Terraform', 'Pulumi'] }, 'Kubernetes']));
    expect(parsed.requiredSkills).not.toContainEqual({ anyOf: ['Kubernetes', 'Python'] });
  });

  it('reads the old system a team is leaving as context ("The legacy Laravel code is read-only")', () => {
    const parsed = read('Requirements:\n- Strong in TypeScript and Node.js\n- The legacy Laravel code is read-only for this team\n- Experience maintaining legacy PHP code');
    expect(parsed.requiredSkills).toEqual(['TypeScript', 'Node.js', 'PHP']);
  });

  it('reads a suburb before its city as the city, and a city before its metro region as the city', () => {
    expect(read('Site Reliability Engineer\nSundarra Pty Ltd\nSurry Hills, Sydney NSW\nHybrid\n\nRequirements: Go').location).toMatchObject({ city: 'Sydney' });
    expect(read('Marketing Analyst\nLocation: Surry Hills, Sydney NSW 2010, Australia\nRequirements: SQL').location).toEqual({ city: 'Sydney', country: 'Australia' });
    expect(read('Salesforce Developer\nAcme Inc.\nBonifacio Global City, Taguig City, Metro Manila\n\nRequirements: Apex').location).toMatchObject({ city: 'Taguig' });
  });

  it('reads a connector in emphasis as a connector, and "Must be local to Austin" as the metro area', () => {
    expect(read('Requirements:\n\n| Skill | Must-have? |\n|---|---|\n| Apache Airflow *or* Dagster | Yes |').requiredSkills).toEqual([{ anyOf: ['Apache Airflow', 'Dagster'] }]);
    expect(read('iOS Engineer\nRequirements: Swift\n4 days onsite. Must be local to Austin or willing to relocate.').applicantLocation).toEqual({ sameMetro: true });
  });
});

