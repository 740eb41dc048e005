import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Topics } from '@talent/contracts';
import { matchId } from '@talent/matching';
import type { ServiceProcess } from '@talent/testing';
import { dataSet, type DataSet } from '../faults/data-set';
import { AT_LEAST_ONCE, checkOutcome, inFlightAtKill, expectedPairs, type Figures, type ReceivedCalls } from '../faults/fault-check';
import { DELIVERY_PER_DESTINATION, FaultPlatform, WEBHOOK_SECRET } from '../faults/fault-platform';
import { WebhookReceiver, type ReceivedCall, type Reaction } from '../faults/webhook-receiver';
import { FAULT_KINDS, injectFault, type FaultRecord, type ReceiverMode } from './faults';
import { SeededRandom } from './random';
import { buildWindows, timelineSvg, type Sample, type Window } from './report';

export interface SoakOptions {
  minutes: number;
  /** Ingest commands (records) per second, over the whole run. */
  rate: number;
  seed: number;
  /** Processes per service. */
  instances: number;
  /** How long the platform may take to settle once the load and the faults have stopped. */
  settleMinutes: number;
  /** Where report.json, timeline.svg and the services' logs go. */
  outDir: string;
  /** A bug planted on purpose, to see the checks fail: `drop-webhook` or `no-restart`. */
  plant?: string;
  /** Pause between two faults, drawn in [min, max] ms. */
  gapMs?: [number, number];
}

export interface SoakReport {
  seed: number;
  minutes: number;
  rate: number;
  instances: number;
  records: number;
  expectedMatches: number;
  plant: string | null;
  startedAt: string;
  loadMs: number;
  settleMs: number;
  totalMs: number;
  faults: Array<FaultRecord & { startS: number; endS: number }>;
  figures: Figures | null;
  latencyMs: { p50: number | null; p99: number | null; max: number | null };
  finalLag: Record<string, number> | null;
  windows: Window[];
  problems: string[];
}

const WINDOW_MS = 5_000;

/** The platform of the soak under way, for `stopSoak` (Ctrl-C). */
let running: FaultPlatform | undefined;

/** Stops what the soak under way started (its broker, processes and databases). */
export async function stopSoak(): Promise<void> {
  await running?.stop();
}
/** No fault starts this close to the planned end of the load. */
const LAST_FAULT_BEFORE_END_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The randomized soak: `instances` instances of each service against one broker and one
 * PostgreSQL server, a steady rate of ingest commands (REST bulk and Kafka ingest) for `minutes`,
 * and faults injected at random one at a time from a seeded generator. Then: faults stop, the
 * platform settles, and the exact check of the fault suite runs with its at-least-once bounds,
 * plus every instance alive and no consumer lag. Writes report.json and timeline.svg.
 */
export async function runSoak(options: SoakOptions, log: (line: string) => void): Promise<SoakReport> {
  const records = Math.round(options.minutes * 60 * options.rate);
  if (records < 100) throw new Error(`${records} records (minutes × 60 × rate) are too few: at least 100`);
  const set = dataSet('soak', records);
  const expectedMatches = expectedPairs(set).length;
  const problems: string[] = [];
  if (!(expectedMatches > 0)) problems.push(`the oracle expects ${expectedMatches} matches for ${records} records: nothing would be checked`);
  log(`seed ${options.seed} (replay with SOAK_SEED=${options.seed}); ${options.minutes} min at ${options.rate} commands/s: ${records} records, ${set.chunks.length} chunks, ${expectedMatches} matches expected; ${options.instances} instances per service`);

  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const random = new SeededRandom(options.seed);
  let mode: ReceiverMode = 'ok';
  const receiver = new WebhookReceiver(WEBHOOK_SECRET, (): Reaction => (mode === 'ok' ? { status: 200 } : mode === 'fail' ? { status: 503 } : mode));
  await receiver.start();
  const platform = new FaultPlatform({
    scenario: 'soak',
    webhookUrl: receiver.url,
    databaseProxy: true,
    instances: options.instances,
    logDir: join(options.outDir, 'logs'),
    env: { notifier: { NOTIFY_WEBHOOK_TIMEOUT_MS: '1000', DELIVERY_MAX_ATTEMPTS: '20' } },
  });
  running = platform;
  const faults: FaultRecord[] = [];
  const samples: Sample[] = [];
  const sent: Array<{ at: number; records: number }> = [];
  const sentAt = new Map<string, number>();
  let figures: Figures | null = null;
  let finalLag: Record<string, number> | null = null;
  let loadMs = 0;
  let settleMs = 0;
  let t0 = Date.now();
  let sampler: NodeJS.Timeout | undefined;
  const startedAt = new Date();
  try {
    const started = Date.now();
    await platform.start();
    log(`platform up in ${((Date.now() - started) / 1000).toFixed(1)} s: broker ${platform.broker.brokers}, ${[...platform.instances.values()].flat().length} service processes; logs in ${platform.logDir}`);

    // Every 5 s: the end of matches.v1 and each group's lag, from the broker's admin API.
    t0 = Date.now();
    let sampling = false;
    sampler = setInterval(() => {
      if (sampling) return;
      sampling = true;
      void sample(platform)
        .then((taken) => {
          samples.push(taken);
          if (samples.length % 6 === 0) {
            const sentSoFar = sent.reduce((sum, entry) => sum + entry.records, 0);
            const lag = taken.lag ? Object.values(taken.lag).reduce((sum, value) => sum + value, 0) : 'n/a';
            log(`+${Math.round((taken.at - t0) / 1000)} s: ${sentSoFar}/${records} records sent, ${taken.matchesHigh ?? 'n/a'} match events, ${receiver.accepted.length} webhooks accepted, total lag ${lag}`);
          }
        })
        .finally(() => (sampling = false));
    }, WINDOW_MS);

    // The load and the fault scheduler, side by side; faults stop when the last command is sent.
    let loadDone = false;
    const load = (async () => {
      let resends = 0;
      let total = 0;
      for (const [index, chunk] of set.chunks.entries()) {
        const due = t0 + (total / options.rate) * 1000;
        if (Date.now() < due) await sleep(due - Date.now());
        const service = chunk.kind === 'posting' ? 'postings' : 'candidates';
        for (let attempt = 1; ; attempt++) {
          const running = platform.instances.get(service)!;
          const via: ServiceProcess = running[(index + attempt) % running.length]!;
          const error = await platform.send(chunk, via).then(
            () => undefined,
            (failure: unknown) => failure as Error,
          );
          if (!error) break;
          if (attempt >= 2_400) throw new Error(`chunk ${index} still refused after ${attempt} attempts: ${error.message}`);
          resends += 1;
          await sleep(250);
        }
        const at = Date.now();
        sent.push({ at, records: chunk.records.length });
        for (const record of chunk.records) sentAt.set(record.externalId, at);
        total += chunk.records.length;
      }
      return resends;
    })().finally(() => (loadDone = true));
    const scheduler = (async () => {
      const [gapMin, gapMax] = options.gapMs ?? [3_000, 10_000];
      // A fault is confirmed by the work it meets (a commit cut, a webhook call refused): none is
      // drawn in the last 20 s of the planned load, when the work may run out before it can show.
      const lastFaultAt = t0 + options.minutes * 60_000 - LAST_FAULT_BEFORE_END_MS;
      for (;;) {
        const gapEnd = Date.now() + random.int(gapMin, gapMax);
        while (!loadDone && Date.now() < gapEnd) await sleep(100);
        if (loadDone || Date.now() > lastFaultAt) return;
        const kind = random.pick(FAULT_KINDS);
        const start = Date.now();
        log(`fault ${faults.length + 1} ${kind} at +${((start - t0) / 1000).toFixed(1)} s`);
        const outcome = await injectFault(kind, {
          platform,
          random,
          plant: options.plant,
          setReceiverMode: (next) => (mode = next),
          refusedCalls: () => receiver.calls.length - receiver.accepted.length,
        }).catch((error: unknown) => ({ figures: {}, unconfirmed: [`failed: ${(error as Error).message}`] }));
        const record: FaultRecord = { kind, start, end: Date.now(), ...outcome };
        faults.push(record);
        log(`  ${kind} ended after ${((record.end - start) / 1000).toFixed(1)} s: ${JSON.stringify(record.figures)}${record.unconfirmed.length > 0 ? ` UNCONFIRMED: ${record.unconfirmed.join('; ')}` : ''}`);
      }
    })();
    const [resends] = await Promise.all([load, scheduler]);
    loadMs = Date.now() - t0;
    log(`load sent in ${(loadMs / 1000).toFixed(1)} s (${resends} chunks re-sent), ${faults.length} faults; settling (at most ${options.settleMinutes} min)`);

    const settling = Date.now();
    const settledError = await platform.settled(options.settleMinutes * 60_000).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    settleMs = Date.now() - settling;
    if (settledError) problems.push(`not settled within ${options.settleMinutes} min: ${settledError.message}`);
    else log(`settled in ${(settleMs / 1000).toFixed(1)} s`);

    // The exact check, with the at-least-once bounds (a planted bug drops one accepted delivery).
    const calls: ReceivedCalls = options.plant === 'drop-webhook' ? dropOneDelivery(receiver) : receiver;
    // Each notifier instance killed with SIGKILL may send again what it had sent and not recorded.
    const notifierKills = faults.filter((fault) => fault.kind === 'kill-9' && String(fault.figures.instance).startsWith('notifier-')).length;
    const duplicates = { ...AT_LEAST_ONCE, webhookInFlight: inFlightAtKill(notifierKills, DELIVERY_PER_DESTINATION) };
    const outcome = await checkOutcome({ scenario: 'soak', set, platform, receiver: calls, startedAt: t0, ingestMs: loadMs, resends, duplicates });
    figures = outcome.figures;
    problems.push(...outcome.problems);
    if (faults.length === 0) problems.push('no fault was injected: the run proves nothing about faults');
    for (const fault of faults) for (const reason of fault.unconfirmed) problems.push(`fault ${fault.kind} at +${((fault.start - t0) / 1000).toFixed(1)} s: ${reason}`);
    problems.push(...(await stuckInstances(platform, options.instances)));
    const last = await sample(platform);
    finalLag = last.lag;
    if (!finalLag) problems.push('the final consumer lag could not be read from the broker');
    else for (const [group, lag] of Object.entries(finalLag)) if (lag !== 0) problems.push(`consumer group ${group} still has a lag of ${lag} after settling`);
  } catch (error) {
    problems.push(`the soak failed: ${(error as Error).stack ?? String(error)}`);
  } finally {
    if (sampler) clearInterval(sampler);
  }

  const latencies = deliveryLatencies(set, platform, receiver, sentAt);
  const windows = buildWindows({ t0, end: Date.now(), windowMs: WINDOW_MS, sent, samples, accepted: receiver.accepted, latencies, faults });
  const sorted = latencies.map(({ ms }) => ms).sort((a, b) => a - b);
  const report: SoakReport = {
    seed: options.seed,
    minutes: options.minutes,
    rate: options.rate,
    instances: options.instances,
    records,
    expectedMatches,
    plant: options.plant ?? null,
    startedAt: startedAt.toISOString(),
    loadMs,
    settleMs,
    totalMs: Date.now() - startedAt.getTime(),
    faults: faults.map((fault) => ({ ...fault, startS: round((fault.start - t0) / 1000), endS: round((fault.end - t0) / 1000) })),
    figures,
    latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? null },
    finalLag,
    windows,
    problems,
  };
  writeFileSync(join(options.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(options.outDir, 'timeline.svg'), timelineSvg(report));
  await platform.stop().catch((error: unknown) => log(`stopping the platform failed: ${String(error)}`));
  running = undefined;
  await receiver.stop();
  return report;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** The receiver's calls as if one accepted delivery had never arrived (SOAK_PLANT=drop-webhook). */
function dropOneDelivery(receiver: WebhookReceiver): ReceivedCalls {
  const dropped = receiver.accepted[0];
  const calls = receiver.calls.filter((call) => call !== dropped);
  return { calls, accepted: calls.filter((call) => call.status !== null && call.status >= 200 && call.status < 300) };
}

/** The end of matches.v1 and each consumer group's lag (null while the broker does not answer). */
async function sample(platform: FaultPlatform): Promise<Sample> {
  const at = Date.now();
  try {
    const matchesHigh = (await platform.admin.fetchTopicOffsets(Topics.matches)).reduce((sum, partition) => sum + Number(partition.high), 0);
    const lag: Record<string, number> = {};
    for (const { groupId, topic } of platform.groups) {
      const high = await platform.admin.fetchTopicOffsets(topic);
      const [committed] = await platform.admin.fetchOffsets({ groupId, topics: [topic] });
      let behind = 0;
      for (const end of high) {
        const at = Number(committed?.partitions.find((partition) => partition.partition === end.partition)?.offset ?? -1);
        behind += Number(end.high) - Math.max(0, at);
      }
      lag[`${groupId} ${topic}`] = behind;
    }
    return { at, matchesHigh, lag };
  } catch {
    return { at, matchesHigh: null, lag: null };
  }
}

/**
 * Problems when an instance is not running or not ready, or a consumer group lacks members (an
 * instance that left its group or never rejoined after a fault).
 */
async function stuckInstances(platform: FaultPlatform, instances: number): Promise<string[]> {
  const problems: string[] = [];
  for (const [service, processes] of platform.instances) {
    for (const [index, process] of processes.entries()) {
      const name = `${service}-${index + 1}`;
      if (process.pid === undefined) {
        problems.push(`${name} is not running (last exit ${JSON.stringify(process.lastExit)})`);
        continue;
      }
      const status = await fetch(`${process.url}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
        (response) => String(response.status),
        (error: unknown) => (error as Error).message,
      );
      if (status !== '200') problems.push(`${name} is running but not ready: ${status}`);
    }
  }
  const groupIds = [...new Set(platform.groups.map(({ groupId }) => groupId))];
  const { groups } = await platform.admin.describeGroups(groupIds);
  for (const group of groups) {
    const wanted = group.groupId.startsWith('matcher.postings.') ? 1 : instances;
    if (group.state !== 'Stable' || group.members.length < wanted) problems.push(`consumer group ${group.groupId} is ${group.state} with ${group.members.length} members, expected at least ${wanted}`);
  }
  return problems;
}

/**
 * For each match delivered, the time from its later record's command being accepted to the first
 * accepted webhook call for it (the receiver's clock and the sender's are the same machine's).
 */
function deliveryLatencies(set: DataSet, platform: FaultPlatform, receiver: WebhookReceiver, sentAt: ReadonlyMap<string, number>): Array<{ at: number; ms: number }> {
  if (!platform.recorder) return [];
  const organisations = new Set(set.organisations);
  const ids = (topic: string) => {
    const byExternalId = new Map<string, string>();
    for (const message of platform.recorder.of(topic)) {
      try {
        const event = JSON.parse(message.value?.toString() ?? '') as { data?: { id?: string; externalId?: string; organisationId?: string } };
        if (event.data?.id && event.data.externalId && organisations.has(event.data.organisationId ?? '')) byExternalId.set(event.data.externalId, event.data.id);
      } catch {
        // not an event of the data set
      }
    }
    return byExternalId;
  };
  const postings = ids(Topics.postings);
  const candidates = ids(Topics.candidates);
  const sentOf = new Map<string, number>();
  for (const pair of expectedPairs(set)) {
    const posting = postings.get(pair.posting);
    const candidate = candidates.get(pair.candidate);
    const postingSent = sentAt.get(pair.posting);
    const candidateSent = sentAt.get(pair.candidate);
    if (posting && candidate && postingSent !== undefined && candidateSent !== undefined) sentOf.set(matchId(posting, candidate), Math.max(postingSent, candidateSent));
  }
  const first = new Map<string, ReceivedCall>();
  for (const call of receiver.accepted) if (!first.has(call.matchId)) first.set(call.matchId, call);
  return [...first.values()].flatMap((call) => {
    const sentTime = sentOf.get(call.matchId);
    return sentTime === undefined ? [] : [{ at: call.receivedAt, ms: call.receivedAt - sentTime }];
  });
}
