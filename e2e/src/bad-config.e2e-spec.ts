import { spawn } from 'node:child_process';
import { entryOf, SERVICES } from './platform';

function runWithEnv(entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

describe('a service started with a bad configuration', () => {
  it.each(SERVICES)('%s exits at once naming the variable', async (service) => {
    const result = await runWithEnv(entryOf(service), { DATABASE_URL: 'postgres//not-a-url', KAFKA_BROKERS: 'kafka' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(result.stderr).toContain('KAFKA_BROKERS: must be a comma-separated list of host:port');
    expect(result.ms).toBeLessThan(10_000);
  });
});
