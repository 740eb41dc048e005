import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Topics } from '@talent/contracts';
import { expectEventually, requireKafkaBrokers } from '@talent/testing';
import { Platform } from './platform';

// Postings sent as the free text a company published, end to end: the posting service reads
// them, the matcher matches a candidate holding exactly the required skills a reader finds in the
// text (and quotes where each was read), and not a candidate missing one of them. The expected
// skills below are what a recruiter reads in each text, written by hand: not the parser's output.

/** One paragraph, section names inline without colons or line breaks. */
const ONE_PARAGRAPH =
  'Backend Engineer (Python/Django) Harbourline builds booking software for ferry operators across Scandinavia; ' +
  'our stack also includes Terraform and Grafana. Key Responsibilities Build and run our booking APIs Own the ' +
  'Kafka consumers behind our ticketing Mentor two junior engineers Must-Have Skills 4+ years of Python experience ' +
  'Strong knowledge of Django Experience with PostgreSQL and Redis Good-to-Have (Bonus Points) Kubernetes ' +
  'Experience with Celery What We Offer Hybrid work from our Oslo office, Norway';

/** Headings on lines of their own. */
const HEADINGS_ON_LINES = [
  'Data Engineer',
  'Nordwind Analytics · Hamburg, Germany · Hybrid',
  '',
  'About us',
  'We run our platform on AWS and Terraform.',
  '',
  "What you'll do",
  'Build pipelines in Airflow',
  'Model our data in dbt',
  '',
  'Requirements',
  '3+ years of SQL',
  'Python',
  'Experience with Snowflake or BigQuery',
  '',
  'Nice to have',
  'Apache Kafka',
  'Looker',
].join('\n');

interface Explanation {
  matchedRequired: Array<{ requirement: string; skill: string; evidence?: string }>;
  missingRequired: string[];
}
interface Match {
  candidateId: string;
  postingId: string;
  explanation: Explanation;
}

describe('postings sent as text, end to end', () => {
  const platform = new Platform();
  let admin: Admin;

  beforeAll(async () => {
    await platform.start();
    admin = new Kafka({ clientId: 'text-postings-e2e', brokers: requireKafkaBrokers().split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await platform.stop();
  });

  const postText = async (text: string): Promise<{ posting: { id: string; requiredSkills: unknown[] }; extracted: { warnings: string[] } }> => {
    const response = await fetch(`${platform.url('postings')}/postings?organisationId=harbour`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: text,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as never;
  };

  const register = async (name: string, skills: string[], location: { city: string; country: string }): Promise<string> => {
    const response = await fetch(`${platform.url('candidates')}/candidates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisationId: 'harbour', name, skills: skills.map((skill) => ({ name: skill, years: 4 })), location }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { candidate: { id: string } }).candidate.id;
  };

  const matchesOf = async (candidateId: string): Promise<Match[]> => {
    const response = await fetch(`${platform.url('matcher')}/matches?candidateId=${candidateId}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Match[];
  };

  /** The matcher has consumed and committed every candidate event published so far. */
  const candidatesSettled = async (): Promise<void> => {
    await expectEventually(async () => {
      const ends = await admin.fetchTopicOffsets(Topics.candidates);
      const [committed] = await admin.fetchOffsets({ groupId: 'matcher', topics: [Topics.candidates] });
      for (const end of ends) {
        const at = committed?.partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
        if (end.high !== '0' && at !== end.high) throw new Error(`matcher behind on ${Topics.candidates}/${end.partition}: ${at} < ${end.high}`);
      }
    });
  };

  it.each([
    {
      shape: 'one paragraph with inline section names',
      text: ONE_PARAGRAPH,
      required: ['Python 3.12', 'Django 5.0', 'Postgres', 'Redis'],
      missingOne: ['Python 3.12', 'Django 5.0', 'Postgres'],
      location: { city: 'Oslo', country: 'Norway' },
      evidence: { skill: 'Redis', section: 'Must-Have Skills', phrase: 'Experience with PostgreSQL and Redis' },
    },
    {
      shape: 'headings on lines',
      text: HEADINGS_ON_LINES,
      required: ['SQL', 'Python 3.11', 'Google BigQuery'],
      missingOne: ['SQL', 'Google BigQuery'],
      location: { city: 'Hamburg', country: 'DE' },
      evidence: { skill: 'BigQuery', section: 'Requirements', phrase: 'Experience with Snowflake or BigQuery' },
    },
  ])('matches the candidate holding exactly what a reader finds required in $shape, and quotes where', async (example) => {
    const { posting } = await postText(example.text);
    expect(posting.requiredSkills).toHaveLength(example.required.length);

    const exact = await register('Exact Fit', example.required, example.location);
    const match = await expectEventually(async () => {
      const found = (await matchesOf(exact)).find((candidate) => candidate.postingId === posting.id);
      if (!found) throw new Error('no match yet');
      return found;
    });
    expect(match.explanation.missingRequired).toEqual([]);
    const quoted = match.explanation.matchedRequired.find((entry) => entry.skill === example.evidence.skill);
    expect(quoted?.evidence).toContain(example.evidence.section);
    expect(quoted?.evidence).toContain(example.evidence.phrase);

    // The posting is now held by the matcher: a candidate missing one gated skill is read and not matched.
    const short = await register('One Short', example.missingOne, example.location);
    await candidatesSettled();
    expect((await matchesOf(short)).filter((candidate) => candidate.postingId === posting.id)).toEqual([]);
  });
});
