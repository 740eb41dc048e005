import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTaxonomy } from './default-taxonomy';

// A realistic posting with the usual traps in prose: "Go ahead and apply", "express your
// opinions", "C-level", "R&D", "Section C", "Spring and summer offsites", "Express Street".
const posting = readFileSync(join(__dirname, '__fixtures__', 'backend-posting.txt'), 'utf8');

describe('extract on a whole posting', () => {
  const mentions = defaultTaxonomy.extract(posting);
  const ids = mentions.map((mention) => mention.skill.id);

  it('finds the stack', () => {
    expect(ids).toEqual(
      expect.arrayContaining([
        'go', 'python', 'fastapi', 'kubernetes', 'aws-eks', 'helm', 'argo-cd', 'kafka', 'rabbitmq', 'postgresql',
        'redis', 'snowflake', 'dbt', 'airflow', 'terraform', 'github-actions', 'ci/cd', 'opentelemetry',
        'prometheus', 'grafana', 'r', 'pandas', 'scikit-learn', 'rest', 'grpc', 'sql', 'nosql', 'aws', 'aws-lambda',
        'aws-s3', 'aws-sqs', 'dynamodb', 'gcp', 'azure', 'docker', 'linux', 'bash', 'pytest', 'testcontainers',
        'playwright', 'rust', 'typescript', 'react', 'node.js', 'java', 'spring-boot', 'c', 'c++', 'c#', '.net',
        'elasticsearch', 'clickhouse', 'spark', 'pyspark', 'sqlalchemy', 'pydantic', 'datadog', 'sentry',
      ]),
    );
  });

  it('does not take the traps in the prose for skills', () => {
    for (const trap of ['express', 'swift', 'spring', 'make', 'ruby']) expect(ids).not.toContain(trap);
  });

  it('reports each skill once, where it first appears', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const starts = mentions.map((mention) => mention.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const mention of mentions) expect(posting.slice(mention.start, mention.end)).toBe(mention.written);
  });
});
