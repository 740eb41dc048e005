import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  /** Entity classes of the service. */
  entities: MixedList<Function>;
  /** Migration classes, in order; `synchronize` is never used outside tests. */
  migrations: MixedList<Function>;
  applicationName: string;
  poolSize?: number;
}

export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    applicationName: options.applicationName,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000, onConnect: listenForErrors },
  };
}

/**
 * The pool hands a new connection to TypeORM, which listens for its errors only a tick later. A
 * backend terminated in that instant (a failover, `pg_terminate_backend`, the server restarting)
 * makes the connection emit 'error' with no listener, and Node ends the whole process. Listening
 * from the moment it connects closes that gap; the error still fails the connection's next query,
 * and the pool then discards it.
 */
export function listenForErrors(client: { on(event: 'error', listener: (error: Error) => void): unknown }): void {
  client.on('error', () => undefined);
}

/** Creates the service's database if it is missing (a server-level operation, done before connecting to it). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`).catch((error: { code?: string }) => {
        // Created meanwhile by another instance: 42P04, or 23505 when both CREATEs ran at once.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Serialises concurrent migration runs of several instances with a PostgreSQL advisory lock. */
const MIGRATION_LOCK_KEY = 7_361_204;

/** Creates the database if needed and applies pending migrations; returns the names applied. */
export async function migrateDatabase(options: DatabaseOptions): Promise<string[]> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource({ ...dataSourceOptions(options), poolSize: 2 } as DataSourceOptions);
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
