import { join } from 'node:path';
import { dropDatabase } from '@talent/persistence';
import { OtlpCollector, requireKafkaBrokers, ServiceProcess, testDatabaseUrl } from '@talent/testing';
import { freePort } from './free-port';
import { repoRoot } from './repo-root';

export const SERVICES = ['postings', 'candidates', 'matcher', 'notifier'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function entryOf(service: ServiceName): string {
  return join(repoRoot(), 'dist', 'services', service, 'services', service, 'src', 'main.js');
}

/** The four services as separate processes against the real broker and fresh databases. */
export class Platform {
  readonly collector = new OtlpCollector();
  readonly processes = new Map<ServiceName, ServiceProcess>();
  private readonly databases: string[] = [];
  /** Each service's database URL, for tests that inspect what a service stored. */
  readonly databaseUrls = new Map<ServiceName, string>();

  constructor(
    private readonly extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
    private readonly options: { services?: readonly ServiceName[]; kafkaBrokers?: string } = {},
  ) {}

  async start(): Promise<void> {
    await this.collector.start();
    const brokers = this.options.kafkaBrokers ?? requireKafkaBrokers();
    for (const service of this.options.services ?? SERVICES) {
      const databaseUrl = testDatabaseUrl(service);
      this.databases.push(databaseUrl);
      this.databaseUrls.set(service, databaseUrl);
      this.processes.set(
        service,
        new ServiceProcess({
          name: service,
          entry: entryOf(service),
          port: await freePort(),
          logDir: join(__dirname, '..', '..', 'tmp', 'e2e-logs'),
          env: {
            NODE_ENV: 'test',
            DATABASE_URL: databaseUrl,
            KAFKA_BROKERS: brokers,
            OUTBOX_POLL_INTERVAL_MS: '50',
            ...this.collector.serviceEnv(),
            ...this.extraEnv[service],
          },
        }),
      );
    }
    await Promise.all([...this.processes.values()].map((process) => process.start()));
  }

  url(service: ServiceName): string {
    const process = this.processes.get(service);
    if (!process) throw new Error(`${service} is not part of this platform`);
    return process.url;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((process) => process.stop()));
    await this.collector.stop();
    await Promise.all(this.databases.map((url) => dropDatabase(url).catch(() => undefined)));
  }
}
