import type { ServiceName } from '../src/platform';
import { dataSet, recordCount, type DataSet } from './data-set';
import { checkOutcome, reportFigures, type DuplicateBounds, type ExpectedDeadLetters } from './fault-check';
import { FaultPlatform, WEBHOOK_SECRET } from './fault-platform';
import { WebhookReceiver, type Reaction } from './webhook-receiver';

export interface ScenarioOptions {
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** The services reach PostgreSQL through a proxy the fault can cut (`platform.databaseProxy`). */
  databaseProxy?: boolean;
  react?: (call: { index: number; attempt: number }) => Reaction;
}

export interface StreamOptions {
  /** Share of the chunks sent before the fault starts (0–1). */
  faultAt?: number;
  /** Injected mid-stream; runs while the rest of the stream is sent, and is awaited before settling. */
  fault?: (platform: FaultPlatform) => Promise<Record<string, unknown> | void>;
  /** After each chunk (e.g. poison between the valid records). */
  between?: (index: number, platform: FaultPlatform) => Promise<void>;
  poison?: number;
  deadLetters?: ExpectedDeadLetters;
  settleTimeoutMs?: number;
  /** Copies the fault may cause on the at-least-once paths (default none). */
  duplicates?: DuplicateBounds;
  /**
   * Whether the fault happened, judged from the figures it returned: a problem for each thing
   * that did not (no commit cut, no backend terminated, a kill that found the process gone).
   * Required with `fault`: a fault that may not have happened proves nothing.
   */
  confirm?: (figures: Record<string, unknown>) => string[];
}

/** Problems when a figure is not above zero: `positive(figures, 'backendsTerminated')`. */
export function positive(figures: Record<string, unknown>, ...names: string[]): string[] {
  return names.filter((name) => !(Number(figures[name]) > 0)).map((name) => `fault not confirmed: ${name} is ${JSON.stringify(figures[name])}, expected above 0`);
}

/**
 * One fault scenario: its own broker, the four services, a webhook receiver and a data set of
 * `FAULT_RECORDS` records (2,000 by default). `run` streams the data set with the fault injected
 * part-way, waits until the platform settled, and returns every discrepancy with the expected
 * outcome (empty when it held exactly), after printing and saving the scenario's figures.
 */
export class FaultScenario {
  readonly receiver: WebhookReceiver;
  readonly set: DataSet;
  platform!: FaultPlatform;

  constructor(
    readonly name: string,
    private readonly options: ScenarioOptions = {},
  ) {
    this.receiver = new WebhookReceiver(WEBHOOK_SECRET, options.react);
    this.set = dataSet(name, recordCount());
  }

  async start(): Promise<void> {
    await this.receiver.start();
    this.platform = new FaultPlatform({ scenario: this.name, webhookUrl: this.receiver.url, env: this.options.env, databaseProxy: this.options.databaseProxy });
    await this.platform.start();
  }

  async stop(): Promise<void> {
    await this.platform?.stop();
    await this.receiver.stop();
  }

  async run(options: StreamOptions = {}): Promise<string[]> {
    const startedAt = Date.now();
    const faultIndex = Math.floor((options.faultAt ?? 0.4) * this.set.chunks.length);
    let fault: Promise<Record<string, unknown> | void> | undefined;
    const { resends } = await this.platform.ingest(this.set, async (index) => {
      await options.between?.(index, this.platform);
      if (index === faultIndex && options.fault) {
        fault = options.fault(this.platform);
        fault.catch(() => undefined); // awaited (and rethrown) once the stream is sent
      }
    });
    const ingestMs = Date.now() - startedAt;
    const faultFigures = (await fault) ?? {};
    const unconfirmed = options.fault === undefined ? [] : (options.confirm?.(faultFigures) ?? ['the scenario does not say how its fault is confirmed']);
    if (options.fault !== undefined && fault === undefined) unconfirmed.push(`the fault was never injected (chunk ${faultIndex} of ${this.set.chunks.length})`);
    await this.platform.settled(options.settleTimeoutMs);
    const { problems, figures } = await checkOutcome({
      scenario: this.name,
      set: this.set,
      platform: this.platform,
      receiver: this.receiver,
      startedAt,
      ingestMs,
      resends,
      poison: options.poison,
      deadLetters: options.deadLetters,
      duplicates: options.duplicates,
    });
    reportFigures({ ...figures, ...faultFigures });
    return [...unconfirmed, ...problems];
  }
}
