import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { expectEventually } from './expect-eventually';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure Debian's `prometheus` package (the server and `promtool`) is installed, installing it
 * with apt-get if needed. The package's init script is not run (no service is started, so port
 * 9090 stays free); tests start their own server on a free port. Throws, with the reason, when
 * it cannot be installed: a test needing it fails rather than being skipped.
 */
export function ensurePrometheusInstalled(): void {
  if (onPath('promtool') && onPath('prometheus')) return;
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'prometheus'], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' },
    timeout: 300_000,
  });
  if (install.error || install.status !== 0 || !onPath('promtool') || !onPath('prometheus')) {
    const reason = install.error?.message ?? `${install.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    throw new Error(
      `Prometheus is needed by this test and could not be installed (apt-get install -y prometheus: ${reason || `exit ${install.status}`}). ` +
        'Install Debian\'s "prometheus" package (it provides prometheus and promtool).',
    );
  }
}

/** Runs promtool with the given arguments (and stdin, e.g. a `/metrics` body), installing it first if needed. */
export function promtool(args: readonly string[], input?: string): Promise<CommandResult> {
  ensurePrometheusInstalled();
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface ScrapeConfig {
  job_name: string;
  scrape_interval?: string;
  static_configs?: Array<{ targets: string[] }>;
}

export interface PrometheusQueryResult {
  metric: Record<string, string>;
  value: [number, string];
}

/**
 * A real Prometheus server for a test: the repository's configuration (`configFile`) with each
 * job's targets replaced by the given `host:port`, a 1 s scrape interval, its own storage in a
 * temporary directory and a free loopback port.
 */
export class PrometheusServer {
  private child: ChildProcess | undefined;
  private directory: string | undefined;
  private port = 0;
  private output = '';

  constructor(
    private readonly configFile: string,
    private readonly targets: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    ensurePrometheusInstalled();
    this.directory = mkdtempSync(join(tmpdir(), 'prometheus-test-'));
    const config = parse(readFileSync(this.configFile, 'utf8')) as {
      global?: Record<string, unknown>;
      rule_files?: string[];
      scrape_configs: ScrapeConfig[];
    };
    config.global = { ...config.global, scrape_interval: '1s', evaluation_interval: '1s' };
    config.rule_files = (config.rule_files ?? []).map((file) => join(this.configFile, '..', file));
    config.scrape_configs = config.scrape_configs
      .filter((job) => this.targets[job.job_name])
      .map((job) => ({ ...job, scrape_interval: '1s', static_configs: [{ targets: [this.targets[job.job_name] ?? ''] }] }));
    const configPath = join(this.directory, 'prometheus.yml');
    writeFileSync(configPath, stringify(config));
    this.port = await freePort();
    const child = spawn(
      'prometheus',
      [
        `--config.file=${configPath}`,
        `--storage.tsdb.path=${join(this.directory, 'data')}`,
        `--web.listen-address=127.0.0.1:${this.port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    await expectEventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}): ${this.output.slice(-2000)}`);
        const response = await fetch(`${this.url}/-/ready`);
        if (!response.ok) throw new Error(`prometheus not ready: ${response.status}`);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  /** Instant query through the HTTP API. */
  async query(expression: string): Promise<PrometheusQueryResult[]> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expression)}`);
    const body = (await response.json()) as { status: string; error?: string; data?: { result: PrometheusQueryResult[] } };
    if (body.status !== 'success') throw new Error(`query ${expression} failed: ${body.error}`);
    return body.data?.result ?? [];
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (this.directory) rmSync(this.directory, { recursive: true, force: true });
  }
}
