import type { ServiceProcess } from '@talent/testing';
import { SERVICES, type ServiceName } from '../src/platform';
import { READY_TIMEOUT_MS, type FaultPlatform } from '../faults/fault-platform';
import type { SeededRandom } from './random';

/** What the soak's webhook receiver does with the calls it gets right now. */
export type ReceiverMode = 'ok' | 'fail' | 'reset' | 'hang';

export interface FaultContext {
  platform: FaultPlatform;
  random: SeededRandom;
  setReceiverMode(mode: ReceiverMode): void;
  /** Calls the receiver did not accept (failed, reset, hung) so far. */
  refusedCalls(): number;
  /** A planted bug in the soak itself, to show its checks fail: `no-restart` skips one instance's recovery. */
  plant?: string;
}

/** One injected fault as the timeline shows it. */
export interface FaultRecord {
  kind: FaultKind;
  /** Epoch ms. */
  start: number;
  end: number;
  /** What was done and what was seen (instance, outage length, commits cut, how a process ended…). */
  figures: Record<string, unknown>;
  /** Empty when the fault demonstrably happened and its recovery completed. */
  unconfirmed: string[];
}

export const FAULT_KINDS = ['broker-restart', 'database-outage', 'commit-cut', 'kill-9', 'sigterm', 'rebalance', 'webhook-failures', 'webhook-hang'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A running instance of a service, chosen at random. */
function runningInstance(context: FaultContext, service: ServiceName): { process: ServiceProcess; index: number } {
  const instances = context.platform.instances.get(service)!;
  const running = instances.map((process, index) => ({ process, index })).filter(({ process }) => process.pid !== undefined);
  if (running.length === 0) throw new Error(`no running instance of ${service}`);
  return context.random.pick(running);
}

let planted = false;

/**
 * Waits until every consumer group that was behind its topic has committed further, for at most
 * `timeoutMs`; returns the groups that did not (admin calls failing while the broker settles are
 * retried).
 */
async function untilProgress(platform: FaultPlatform, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let first: Map<string, number> | undefined;
  let waiting: string[] = [];
  while (Date.now() < deadline) {
    const rows = await platform.progress().catch(() => undefined);
    if (rows) {
      const key = (row: { groupId: string; topic: string }) => `${row.groupId} on ${row.topic}`;
      if (!first) first = new Map(rows.filter((row) => row.committed < row.end).map((row) => [key(row), row.committed]));
      waiting = rows.filter((row) => first!.has(key(row)) && row.committed <= first!.get(key(row))! && row.committed < row.end).map(key);
      if (waiting.length === 0) return [];
    }
    await sleep(500);
  }
  return first ? waiting : ['every group (the broker answered no offset request)'];
}

/**
 * Runs one fault of `kind` to its end, recovery included (a stopped broker or process started
 * again, the database back, the receiver answering again), and says what happened.
 */
export async function injectFault(kind: FaultKind, context: FaultContext): Promise<Omit<FaultRecord, 'kind' | 'start' | 'end'>> {
  const { platform, random } = context;
  const figures: Record<string, unknown> = {};
  const unconfirmed: string[] = [];
  switch (kind) {
    case 'broker-restart': {
      const downMs = random.int(2_000, 8_000);
      const stopped = Date.now();
      await platform.broker.suspend!();
      await sleep(downMs);
      await platform.broker.resume!();
      figures.downMs = downMs;
      figures.backMs = Date.now() - stopped;
      // The broker is back when the groups consume again: until then a fault drawn next (a commit
      // cut, a webhook failure) would meet no work. Every group that is behind must commit anew.
      const behind = await untilProgress(platform, 120_000);
      figures.consumingAgainMs = Date.now() - stopped;
      if (behind.length > 0) unconfirmed.push(`${behind.join(', ')} committed nothing within 120 s of the broker's return`);
      break;
    }
    case 'database-outage': {
      const proxy = platform.databaseProxy!;
      const outageMs = random.int(3_000, 12_000);
      await proxy.outage(outageMs);
      figures.outageMs = outageMs;
      figures.connectionsCut = proxy.cut;
      if (!(proxy.cut > 0)) unconfirmed.push('no database connection was open to cut');
      break;
    }
    case 'commit-cut': {
      const proxy = platform.databaseProxy!;
      const service = random.pick(SERVICES);
      const count = random.int(1, 4);
      const before = proxy.commitsCut[service] ?? 0;
      proxy.cutCommits(count, service);
      const deadline = Date.now() + 15_000;
      while (proxy.commitCutsPending > 0 && Date.now() < deadline) await sleep(20);
      proxy.cutCommits(0);
      const cut = (proxy.commitsCut[service] ?? 0) - before;
      Object.assign(figures, { service, asked: count, cut });
      if (cut === 0) unconfirmed.push(`no commit of ${service} was cut within 15 s`);
      break;
    }
    case 'kill-9':
    case 'sigterm': {
      const service = random.pick(SERVICES);
      const { process, index } = runningInstance(context, service);
      const started = Date.now();
      if (kind === 'kill-9') await process.kill('SIGKILL');
      else await process.stop(30_000);
      const endedBy = process.lastExit?.signal ?? `exit ${process.lastExit?.code}`;
      Object.assign(figures, { instance: `${service}-${index + 1}`, endedBy, downMs: Date.now() - started });
      const expected = kind === 'kill-9' ? 'SIGKILL' : 'SIGTERM';
      if (endedBy !== expected) unconfirmed.push(`${service}-${index + 1} ended by ${endedBy}, not ${expected}`);
      if (context.plant === 'no-restart' && !planted) {
        planted = true;
        figures.planted = 'not restarted (SOAK_PLANT=no-restart)';
        break;
      }
      await process.start(READY_TIMEOUT_MS);
      figures.restartMs = Date.now() - started;
      break;
    }
    case 'rebalance': {
      // A third instance joins the service's groups (every group rebalances), works for a while,
      // then leaves with SIGTERM (they rebalance again).
      const service = random.pick(SERVICES);
      const extra = await platform.instance(service);
      const started = Date.now();
      await extra.start(READY_TIMEOUT_MS);
      const holdMs = random.int(5_000, 15_000);
      await sleep(holdMs);
      await extra.stop(30_000);
      const endedBy = extra.lastExit?.signal ?? `exit ${extra.lastExit?.code}`;
      Object.assign(figures, { service, joinedMs: holdMs, endedBy, totalMs: Date.now() - started });
      if (endedBy !== 'SIGTERM') unconfirmed.push(`the extra ${service} instance ended by ${endedBy}, not SIGTERM`);
      break;
    }
    case 'webhook-failures':
    case 'webhook-hang': {
      const mode: ReceiverMode = kind === 'webhook-hang' ? 'hang' : random.pick(['fail', 'reset'] as const);
      const lastsMs = random.int(2_000, 6_000);
      const before = context.refusedCalls();
      context.setReceiverMode(mode);
      await sleep(lastsMs);
      // While nothing is being delivered (a backlog upstream), the fault would meet no call: it
      // lasts until it has refused one, for at most 30 s more.
      const deadline = Date.now() + 30_000;
      while (context.refusedCalls() === before && Date.now() < deadline) await sleep(50);
      context.setReceiverMode('ok');
      const refused = context.refusedCalls() - before;
      Object.assign(figures, { mode, lastsMs, callsRefused: refused });
      if (refused === 0) unconfirmed.push(`no webhook call arrived while the receiver was in ${mode} mode`);
      break;
    }
  }
  return { figures, unconfirmed };
}
