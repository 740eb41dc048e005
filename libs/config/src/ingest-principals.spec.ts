import { z } from 'zod';
import { ingestPrincipalsSchema, sharedIngestWarning } from './ingest-principals';

const schema = z.object({ INGEST_PRINCIPALS: ingestPrincipalsSchema });

describe('INGEST_PRINCIPALS', () => {
  it('binds each principal to its organisations', () => {
    expect(schema.parse({ INGEST_PRINCIPALS: ' pipeline-a = acme|globex ; pipeline_b.2=initech;' }).INGEST_PRINCIPALS).toEqual([
      { principal: 'pipeline-a', organisations: ['acme', 'globex'] },
      { principal: 'pipeline_b.2', organisations: ['initech'] },
    ]);
  });

  it('is unset when absent or empty: the shared ingest topic', () => {
    expect(schema.parse({}).INGEST_PRINCIPALS).toBeUndefined();
    expect(schema.parse({ INGEST_PRINCIPALS: '  ' }).INGEST_PRINCIPALS).toBeUndefined();
  });

  it.each([
    ['pipeline-a', 'pipeline-a: write pipeline-a=<organisation>|<organisation>…'],
    ['pipeline-a=', 'pipeline-a: write pipeline-a=<organisation>|<organisation>…'],
    ['pipeline-a=acme=globex', 'pipeline-a: write pipeline-a=<organisation>|<organisation>…'],
    ['pipe line=acme', 'principal "pipe line": letters, digits, . _ - only (1 to 100)'],
    ['=acme', 'principal "": letters, digits, . _ - only (1 to 100)'],
    ['pipeline-a=acme|', 'pipeline-a: "" is not an organisation id'],
    ['pipeline-a=ac me', 'pipeline-a: "ac me" is not an organisation id'],
    ['pipeline-a=acme;pipeline-a=globex', 'pipeline-a is named twice'],
    ['dlq=acme', 'principal "dlq": must not be or end in .dlq (dead-letter topics end so)'],
    ['pipeline.dlq=acme', 'principal "pipeline.dlq": must not be or end in .dlq (dead-letter topics end so)'],
  ])('refuses %j, naming the variable and the problem', (value, problem) => {
    const result = schema.safeParse({ INGEST_PRINCIPALS: value });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['INGEST_PRINCIPALS', `${problem} (expected e.g. pipeline-a=acme|globex;pipeline-b=initech)`],
    ]);
  });

  it('warns when Kafka authenticates but the shared ingest topic is read', () => {
    const bound = [{ principal: 'pipeline-a', organisations: ['acme'] }];
    expect(sharedIngestWarning({ KAFKA_SASL_MECHANISM: 'scram-sha-512' }, 'postings.ingest.v1')).toMatch(/^KAFKA_SASL_MECHANISM is set but INGEST_PRINCIPALS is not: postings.ingest.v1/);
    expect(sharedIngestWarning({ KAFKA_SASL_MECHANISM: 'scram-sha-512', INGEST_PRINCIPALS: bound }, 'postings.ingest.v1')).toBeUndefined();
    expect(sharedIngestWarning({}, 'postings.ingest.v1')).toBeUndefined();
  });
});
