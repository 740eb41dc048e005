import { Logger } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import type { InboxMessage } from './event-inbox';
import { consumerFetch } from './kafka-client';

/** Messages given to `handleBatch` at most at once: one transaction's worth. */
export const DEFAULT_MAX_BATCH_SIZE = 500;

/** Partitions this member owns, per topic, after a (re)balance. */
export type Assignment = Readonly<Record<string, readonly number[]>>;

/**
 * A member that sends no heartbeat for this long is evicted and its partitions go to the others. A
 * run in hand heartbeats only when it is done, so it is also the longest a run can take and still
 * commit: on shutdown, what the consumers' close waits for (the deployment's grace period covers it).
 */
export const CONSUMER_SESSION_TIMEOUT_MS = 30_000;

/** How often a consumer waiting for its assignment's load heartbeats (well within the session timeout). */
export const HEARTBEAT_WHILE_LOADING_MS = 3_000;

export interface GroupConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  /**
   * Called after every (re)balance with what this member now owns, before any message of the new
   * assignment is handled: the place to load the state of a shard.
   */
  onAssignment?: (assignment: Assignment) => Promise<void>;
  /** Handles one message; a rejection leaves the offset uncommitted and the message is redelivered. */
  handle?: (message: InboxMessage) => Promise<void>;
  /**
   * Handles a run of one partition's messages at once (instead of `handle`): `handled` is called
   * for each message done, in order; a rejection leaves the rest uncommitted and redelivered.
   */
  handleBatch?: (messages: readonly InboxMessage[], handled: (message: InboxMessage) => void) => Promise<void>;
  /** The largest run given to `handleBatch` (a fetch can hold more). */
  maxBatchSize?: number;
}

/**
 * One kafkajs consumer of a consumer group, which knows the partitions it owns (for state sharded
 * by partition: the matcher's candidates). `KafkaBatchServer`, the services' NestJS transport, runs
 * one per consumer group and routes its messages through the EventInbox (validation, retries,
 * dead-lettering) to the `@EventPattern` handlers; traced by the kafkajs instrumentation.
 *
 * Messages are handled one at a time, or in runs (`handleBatch`: one transaction for many), in
 * partition order; offsets are committed after the handler resolved. A new group starts at the
 * beginning of its topics.
 */
export class GroupConsumer {
  private readonly logger = new Logger(GroupConsumer.name);
  private consumer: Consumer | undefined;
  private stopping = false;
  /** Restarts after kafkajs gave up, in a row: the pause before the next one grows with them. */
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private assignmentReady: Promise<void> = Promise.resolve();
  /** The latest `onAssignment` failed (its state could not be loaded): the next message tries it again. */
  private assignmentFailed = false;
  /** The latest assignment's load is under way. */
  private loading = false;
  private assignment: Assignment = {};

  constructor(private readonly options: GroupConsumerOptions) {}

  get owned(): Assignment {
    return this.assignment;
  }

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: CONSUMER_SESSION_TIMEOUT_MS,
      heartbeatInterval: 3_000,
      // A fetch waits briefly for more data (see `consumerFetch`): bigger runs under load.
      ...consumerFetch(),
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assignment = event.payload.memberAssignment as Record<string, number[]>;
      this.assignment = Object.fromEntries(Object.entries(assignment).map(([topic, partitions]) => [topic, [...partitions].sort((a, b) => a - b)]));
      this.loadAssignment();
      this.restarts = 0;
    });
    // kafkajs gives a consumer up after an error it deems final (after a broker restart, "Failed to
    // find group coordinator" while the coordinator still loads): it disconnects and never reads
    // again, while the process looks healthy. A soak saw both matchers stop so for six minutes. The
    // consumer is started anew instead, after a pause that grows with each attempt (1 s to 30 s).
    consumer.on(consumer.events.CRASH, (event) => {
      if (event.payload.restart || this.stopping || this.consumer !== consumer) return;
      const delayMs = Math.min(30_000, 1_000 * 2 ** Math.min(this.restarts, 5));
      this.restarts += 1;
      this.logger.warn(`consumer of ${groupId} stopped by ${event.payload.error.name}: ${event.payload.error.message}; starting it again in ${delayMs} ms`);
      this.restartTimer = setTimeout(() => void this.restart(consumer), delayMs);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    const { handle, handleBatch } = this.options;
    if (handleBatch) {
      const maxBatchSize = this.options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
      await consumer.run({
        autoCommit: true,
        partitionsConsumedConcurrently: 1,
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          await this.readyHeartbeating(() => payload.heartbeat(), () => payload.isRunning());
          const { topic, partition, messages } = payload.batch;
          for (let start = 0; start < messages.length; start += maxBatchSize) {
            // Stopping (SIGTERM) or a rebalance: what is done is committed, the rest is left to the next owner.
            if (!payload.isRunning() || payload.isStale()) return;
            const run = messages.slice(start, start + maxBatchSize).map((message) => ({ topic, partition, message }));
            await handleBatch(run, (done) => payload.resolveOffset(done.message.offset));
            await payload.commitOffsetsIfNecessary();
            await payload.heartbeat();
          }
        },
      });
      return;
    }
    if (!handle) throw new Error(`GroupConsumer ${groupId}: neither handle nor handleBatch given`);
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: 1,
      eachMessage: async (payload) => {
        const { topic, partition, message } = payload;
        await this.readyHeartbeating(() => payload.heartbeat(), () => !this.stopping);
        await handle({ topic, partition, message });
      },
    });
  }

  /**
   * Loads the current assignment's state after the loads before it. Every message waits for the
   * latest load; one that fails (the database away) rejects those messages, which are
   * redelivered, and is tried again by the next (`ready`). The rejection is handled here, so a
   * load failing while no message waits cannot end the process.
   */
  private loadAssignment(): void {
    const assignment = this.assignment;
    const ready = this.assignmentReady.catch(() => undefined).then(() => this.options.onAssignment?.(assignment));
    this.assignmentReady = ready;
    this.assignmentFailed = false;
    this.loading = true;
    ready.then(
      () => {
        if (this.assignmentReady === ready) this.loading = false;
      },
      () => {
        if (this.assignmentReady !== ready) return;
        this.assignmentFailed = true;
        this.loading = false;
      },
    );
  }

  private async ready(): Promise<void> {
    if (this.assignmentFailed) this.loadAssignment();
    await this.assignmentReady;
  }

  /**
   * `ready`, heartbeating while the load lasts: kafkajs heartbeats only from its fetch loop, and a
   * load longer than the session timeout (a matcher's shard of 186,000 candidates took over a
   * minute) would have the member evicted, the group rebalanced and the load begun again, over and
   * over. A heartbeat that finds a rebalance under way throws, which ends the batch as kafkajs expects.
   */
  private async readyHeartbeating(heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<void> {
    const ready = this.ready();
    // Every batch passes here; a load is rarely under way, and then there is nothing to wait for.
    if (!this.loading) return ready;
    let settled = false;
    const done = ready.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled && isRunning()) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, HEARTBEAT_WHILE_LOADING_MS)))]);
      clearTimeout(timer);
      if (!settled) await heartbeat();
    }
    await ready;
  }

  /** A consumer kafkajs gave up: a new one in its place, unless stopping (tried again if that fails). */
  private async restart(crashed: Consumer): Promise<void> {
    if (this.stopping || this.consumer !== crashed) return;
    await crashed.disconnect().catch(() => undefined);
    if (this.stopping) return;
    try {
      await this.start();
    } catch (error) {
      if (this.stopping) return;
      const delayMs = Math.min(30_000, 1_000 * 2 ** Math.min(this.restarts, 5));
      this.restarts += 1;
      this.logger.warn(`starting the consumer of ${this.options.groupId} again failed (${(error as Error).message}); next try in ${delayMs} ms`);
      const consumer = this.consumer;
      if (consumer) this.restartTimer = setTimeout(() => void this.restart(consumer), delayMs);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }
}
