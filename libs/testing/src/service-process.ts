import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from './expect-eventually';

export interface ServiceProcessOptions {
  name: string;
  /** Compiled entry point, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  port: number;
  logDir: string;
}

/**
 * One service running as its own operating-system process (what production runs), its output
 * kept in a log file for post-mortems.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exit: Promise<number | null> | undefined;
  /** How the last run ended: its exit code, or the signal that ended it (null while running). */
  lastExit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  readonly logFile: string;

  constructor(private readonly options: ServiceProcessOptions) {
    mkdirSync(options.logDir, { recursive: true });
    this.logFile = join(options.logDir, `${options.name}.log`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  async start(readyTimeoutMs = 60_000): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['--enable-source-maps', '--disable-warning=TimeoutNegativeWarning', this.options.entry], {
      env: { ...process.env, ...this.options.env, PORT: String(this.options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.lastExit = null;
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.lastExit = { code, signal };
        resolve(code);
      }),
    );
    let exited = false;
    void this.exit.then(() => (exited = true));
    await expectEventually(
      async () => {
        if (exited) throw new Error(`${this.options.name} exited during start-up; see ${this.logFile}`);
        const response = await fetch(`${this.url}/health/ready`);
        if (!response.ok) throw new Error(`${this.options.name} not ready: ${response.status}`);
      },
      { timeoutMs: readyTimeoutMs, intervalMs: 250 },
    ).catch((error: unknown) => {
      if (exited) throw new Error(`${this.options.name} exited during start-up; see ${this.logFile}`);
      throw error;
    });
  }

  /** The running process's id (undefined before start and after exit). */
  get pid(): number | undefined {
    const child = this.child;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  /**
   * Sends a signal without waiting for a grace period (e.g. SIGKILL, a crash); resolves once the
   * process has exited, with its exit code (null when the signal ended it).
   */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    child.kill(signal);
    return (await this.exit) ?? null;
  }

  /** SIGTERM, then SIGKILL if it has not exited in time. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return child?.exitCode ?? null;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await this.exit;
    clearTimeout(timer);
    return code ?? null;
  }
}
