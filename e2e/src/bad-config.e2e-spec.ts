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

  it.each(SERVICES)('%s refuses to run in production without authentication unless told to run open', async (service) => {
    const result = await runWithEnv(entryOf(service), { NODE_ENV: 'production', AUTH_MODE: 'off' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('AUTH_MODE: must be jwt when NODE_ENV=production');
    expect(result.stderr).toContain('AUTH_ALLOW_INSECURE=true');
    expect(result.ms).toBeLessThan(10_000);
  });

  it('notifier refuses to run in production without the key sealing webhook secrets', async () => {
    const result = await runWithEnv(entryOf('notifier'), { NODE_ENV: 'production', AUTH_MODE: 'off', AUTH_ALLOW_INSECURE: 'true' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('SECRETS_KEY: required when NODE_ENV=production');
  });
});
