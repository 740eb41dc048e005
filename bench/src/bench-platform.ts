import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { dropDatabase } from '@talent/persistence';
import { ServiceProcess } from '@talent/testing';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
export const BENCH_DIR = join(REPO_ROOT, 'tmp', 'bench');

/**
 * The bench's broker runs with a server JIT and a heap sized for load (the test broker's C1-only
 * JIT and 512 MB heap are tuned for quick start-up at test volumes, and would make the broker the
 * bottleneck of every ratio). Overridable with BENCH_KAFKA_JVM_OPTS.
 */
export const BENCH_KAFKA_JVM_OPTS = '-Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true';

export type ServiceName = 'postings' | 'candidates' | 'matcher' | 'notifier';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * Everything one bench run starts, so that one `stop()` (also on failure or Ctrl-C) ends it all:
 * a broker of its own (tools/kafka/cli.ts on a free port), fresh databases, service processes.
 */
export class BenchPlatform {
  brokers = '';
  private broker: ChildProcess | undefined;
  private brokerExit: Promise<void> | undefined;
  private readonly databases: string[] = [];
  private readonly services = new Set<ServiceProcess>();
  private readonly serverUrl = process.env.BENCH_DATABASE_SERVER_URL ?? process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

  constructor(private readonly log: (line: string) => void) {}

  /** Starts the bench's broker and waits until it answers. */
  async startBroker(port?: number): Promise<string> {
    const kafkaPort = port ?? (await freePort());
    const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_PORT: String(kafkaPort), KAFKA_JVM_OPTS: process.env.BENCH_KAFKA_JVM_OPTS ?? BENCH_KAFKA_JVM_OPTS };
    delete env.KAFKA_BROKERS; // a broker of our own, never someone else's
    const child = spawn(process.execPath, [join(REPO_ROOT, 'tools', 'kafka', 'cli.ts'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.broker = child;
    this.brokerExit = new Promise((resolve) => child.once('exit', () => resolve()));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.brokers = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /KAFKA_BROKERS=(\S+)/.exec(stdout);
        if (found?.[1]) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`the bench broker exited (code ${code}) before it was ready:\n${stderr}`)));
    });
    this.log(`broker ${this.brokers} (JVM: ${env.KAFKA_JVM_OPTS})`);
    return this.brokers;
  }

  kafka(clientId: string): Kafka {
    return new Kafka({ clientId, brokers: this.brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 200 } });
  }

  /** A fresh database URL (created by the service that uses it, dropped by `stop()`). */
  database(name: string): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/bench_${name}_${randomBytes(4).toString('hex')}`;
    this.databases.push(url.toString());
    return url.toString();
  }

  startService(name: ServiceName, env: Record<string, string>, label: string = name): Promise<ServiceProcess> {
    return this.startProcess(label, join(REPO_ROOT, 'dist', 'services', name, 'services', name, 'src', 'main.js'), env);
  }

  /** Any HTTP process with a `/health/ready` (a service, or the bench's bare endpoint). */
  async startProcess(label: string, entry: string, env: Record<string, string>): Promise<ServiceProcess> {
    const service = new ServiceProcess({
      name: label,
      entry,
      port: await freePort(),
      logDir: join(BENCH_DIR, 'logs'),
      // Production settings, on loopback and without tokens (measured as the services run, not the issuer): said explicitly.
      env: { NODE_ENV: 'production', AUTH_ALLOW_INSECURE: 'true', KAFKA_BROKERS: this.brokers, ...env },
    });
    this.services.add(service);
    await service.start(120_000);
    return service;
  }

  async stopService(service: ServiceProcess): Promise<void> {
    this.services.delete(service);
    await service.stop();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services].map((service) => service.stop()));
    this.services.clear();
    if (this.broker && this.broker.exitCode === null) {
      this.broker.kill('SIGTERM');
      await this.brokerExit;
    }
    await Promise.all(this.databases.map((url) => dropDatabase(url).catch(() => undefined)));
  }
}
