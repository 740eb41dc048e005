import { randomBytes } from 'node:crypto';

/** A URL for a fresh, uniquely named database on the test PostgreSQL server. */
export function testDatabaseUrl(prefix: string): string {
  const server = new URL(process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/test_${prefix}_${randomBytes(4).toString('hex')}`;
  return server.toString();
}

export function requireKafkaBrokers(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    throw new Error('KAFKA_BROKERS is not set: run integration tests through `npm test`, which starts a broker');
  }
  return brokers;
}
