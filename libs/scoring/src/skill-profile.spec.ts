import { defaultTaxonomy } from '@talent/skills';
import { metBy, prepareCandidate, preparePosting } from './skill-profile';
import type { ScoringCandidateSkill } from './scoring.types';
import { fixtureTaxonomy } from './testing/fixture-taxonomy';

// Candidates write versions, vendors and lists into their skills ("Python 3.11", "Amazon AWS",
// "Docker/Kubernetes"); they still hold the skills those entries name.
const candidate = (...skills: ScoringCandidateSkill[]) => prepareCandidate({ skills }, defaultTaxonomy);
const named = (...names: string[]) => candidate(...names.map((name) => ({ name })));

function meets(required: string, ...held: string[]): boolean {
  const [requirement] = preparePosting({ requiredSkills: [required] }, defaultTaxonomy).requirements;
  return requirement !== undefined && metBy(requirement, named(...held)) !== undefined;
}

describe('prepareCandidate', () => {
  it.each([
    ['Python', 'Python 3.11'],
    ['PostgreSQL', 'PostgreSQL 15'],
    ['Django', 'Django 4.2'],
    ['Java', 'Java 17'],
    ['AWS', 'Amazon AWS'],
    ['Azure', 'Microsoft Azure'],
    ['Jira', 'Atlassian Jira'],
    ['JWT', 'JWT tokens'],
    ['Docker', 'Docker/Kubernetes'],
    ['Kubernetes', 'Docker/Kubernetes'],
    ['REST', 'REST API design'],
    ['React', 'React.js'],
    ['Node.js', 'Node.js 20'],
    ['Go', 'Go 1.22'],
    ['JavaScript', 'Node.js 20'],
  ])('%s is met by a candidate who wrote %s', (required, held) => {
    expect(meets(required, held)).toBe(true);
  });

  it.each([
    ['Java', 'JavaScript 2024'],
    ['Go', 'Go-to-market strategy'],
    ['R', 'R&D'],
    ['Spring', 'Spring cleaning'],
  ])('%s is not met by %s', (required, held) => {
    expect(meets(required, held)).toBe(false);
  });

  it('holds every skill an entry names, with that entry\'s years, and the entry as the candidate wrote it', () => {
    const profile = candidate({ name: ' Docker/Kubernetes ', years: 4 }, { name: 'Python 3.11', years: 6 }, { name: 'FastAPI 0.110' });
    expect(profile.held.get('docker')).toMatchObject({ direct: ['Docker/Kubernetes'], years: 4, someYearsUnknown: false });
    expect(profile.held.get('kubernetes')).toMatchObject({ direct: ['Docker/Kubernetes'], years: 4 });
    expect(profile.held.get('python')).toMatchObject({ direct: ['Python 3.11'], impliedFrom: ['FastAPI 0.110'], years: 6, someYearsUnknown: true });
    expect(profile.held.get('fastapi')).toMatchObject({ direct: ['FastAPI 0.110'], years: null });
    expect(profile.keys).toEqual([...profile.keys].sort());
  });

  it('names the candidate\'s own entry in the explanation', () => {
    const [requirement] = preparePosting({ requiredSkills: ['Python'] }, defaultTaxonomy).requirements;
    const met = requirement && metBy(requirement, named('Python 3.11'));
    expect(met?.held.direct).toEqual(['Python 3.11']);
  });

  it('keys an entry naming no known skill by its own spelling, so two of them still match', () => {
    expect(named('Basket  Weaving').keys).toEqual(['basket weaving']);
    expect(meets('basket weaving', 'Basket Weaving')).toBe(true);
  });

  it('still matches an entry written the same way on both sides', () => {
    for (const written of ['Docker/Kubernetes', 'Python 3.11', 'JWT tokens', 'UI/UX', 'Quantum basket weaving 2']) {
      expect(`${written}: ${meets(written, written.toLowerCase())}`).toBe(`${written}: true`);
    }
  });

  it('gives the same profile whether the normalisation is fresh or remembered, per taxonomy', () => {
    const skills = [{ name: 'Golang 1.22', years: 2 }, { name: 'k8s' }, { name: 'Spring Boot 3' }];
    const first = prepareCandidate({ skills }, defaultTaxonomy);
    expect(prepareCandidate({ skills }, defaultTaxonomy)).toEqual(first);
    expect(first.keys).toEqual(['go', 'java', 'jvm', 'kubernetes', 'spring', 'spring-boot']);
    // The fixture taxonomy does not know Spring Boot: a remembered answer of another taxonomy is not used.
    expect(prepareCandidate({ skills }, fixtureTaxonomy).keys).toEqual(['go', 'kubernetes', 'spring boot 3']);
  });
});

describe('preparePosting', () => {
  it('reads a required or preferred skill past its version or vendor when it names one skill', () => {
    const posting = preparePosting({ requiredSkills: ['PostgreSQL 15', { anyOf: ['Java 17', 'Kotlin 2.0'] }], preferredSkills: ['Amazon AWS'] }, defaultTaxonomy);
    expect(posting.requirements).toEqual([
      { label: 'PostgreSQL 15', members: [{ written: 'PostgreSQL 15', key: 'postgresql', name: 'PostgreSQL' }] },
      {
        label: 'one of Java 17, Kotlin 2.0',
        members: [
          { written: 'Java 17', key: 'java', name: 'Java' },
          { written: 'Kotlin 2.0', key: 'kotlin', name: 'Kotlin' },
        ],
      },
    ]);
    expect(posting.preferred).toEqual([{ written: 'Amazon AWS', key: 'aws', name: 'AWS', related: [...defaultTaxonomy.relatedTo('aws')].sort() }]);
    expect(meets('PostgreSQL 15', 'Postgres')).toBe(true);
  });

  it('keeps an entry naming several skills, or none, as written', () => {
    const posting = preparePosting({ requiredSkills: ['Docker/Kubernetes', 'Basket weaving'] }, defaultTaxonomy);
    expect(posting.requirements.map((requirement) => requirement.members[0]?.key)).toEqual(['docker/kubernetes', 'basket weaving']);
  });
});
