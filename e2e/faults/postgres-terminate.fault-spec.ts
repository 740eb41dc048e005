import { Client } from 'pg';
import { SERVICES } from '../src/platform';
import { AT_LEAST_ONCE } from './fault-check';
import { FaultScenario, positive } from './fault-scenario';

describe('fault: PostgreSQL connections dropped mid-stream', () => {
  const scenario = new FaultScenario('postgres-terminate');

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('loses nothing and notifies each match once while every service’s backends are terminated again and again', async () => {
    const problems = await scenario.run({
      faultAt: 0.2,
      fault: async (platform) => {
        const names = SERVICES.map((service) => decodeURIComponent(new URL(platform.databases[service]).pathname.slice(1)));
        const server = new Client({ connectionString: process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
        await server.connect();
        let terminated = 0;
        const rounds = 20;
        try {
          for (let round = 0; round < rounds; round++) {
            const { rows } = await server.query<{ ok: boolean }>(
              'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()',
              [names],
            );
            terminated += rows.filter((row) => row.ok).length;
            // The fault's cadence: every half second for ten seconds, while records flow.
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        } finally {
          await server.end();
        }
        return { terminationRounds: rounds, backendsTerminated: terminated };
      },
      confirm: (figures) => positive(figures, 'backendsTerminated'),
      duplicates: AT_LEAST_ONCE,
    });
    expect(problems).toEqual([]);
  });
});
