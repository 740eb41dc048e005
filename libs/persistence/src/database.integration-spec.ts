import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from './database';

describe('ensureDatabase', () => {
  const server = new URL(process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/test_ensure_${randomBytes(4).toString('hex')}`;
  const url = server.toString();

  afterAll(() => dropDatabase(url));

  it('creates the database once when several instances start at the same moment', async () => {
    await Promise.all(Array.from({ length: 6 }, () => ensureDatabase(url)));

    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
    await client.end();
    expect(rows[0]?.name).toBe(new URL(url).pathname.slice(1));
  });
});
