import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, dropDatabase, ensureDatabase } from './database';

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

describe('the connection pool of a data source', () => {
  const server = new URL(process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/test_pool_${randomBytes(4).toString('hex')}`;
  const url = server.toString();
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = new DataSource(dataSourceOptions({ url, entities: [], migrations: [], applicationName: 'pool-test' }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url);
  });

  it('survives a connection that fails as it is handed out (no error event without a listener)', async () => {
    // Between the pool handing a connection over and TypeORM listening for its errors: the
    // instant in which a terminated backend used to end the process.
    type Callback = (error: Error | undefined, client: EventEmitter, release: () => void) => void;
    const pool = (dataSource.driver as unknown as { master: { connect(callback: Callback): void } }).master;
    const connect = pool.connect.bind(pool);
    let failed = 0;
    pool.connect = (callback: Callback) =>
      connect((error, client, release) => {
        if (!error && failed === 0) {
          failed += 1;
          client.emit('error', new Error('terminating connection due to administrator command'));
        }
        callback(error, client, release);
      });
    await expect(dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    expect(failed).toBe(1);
  });
});
