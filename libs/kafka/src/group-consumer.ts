import type { Consumer, Kafka } from 'kafkajs';
import type { InboxMessage } from './event-inbox';
import { consumerFetch } from './kafka-client';

/** Messages given to `handleBatch` at most at once: one transaction's worth. */
export const DEFAULT_MAX_BATCH_SIZE = 500;

/** Partitions this member owns, per topic, after a (re)balance. */
export type Assignment = Readonly<Record<string, readonly number[]>>;

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
 * A consumer that knows which partitions it owns. For services whose in-memory state is sharded
 * by partition (the matcher's candidates): the NestJS transport hides assignments, so these
 * consumers run on kafkajs directly (still traced by the kafkajs instrumentation, still routed
 * through the EventInbox for validation, retries and dead-lettering).
 *
 * Messages are handled one at a time, or in runs (`handleBatch`: one transaction for many), in
 * partition order; offsets are committed after the handler resolved. A new group starts at the
 * beginning of its topics.
 */
export class GroupConsumer {
  private consumer: Consumer | undefined;
  private assignmentReady: Promise<void> = Promise.resolve();
  /** The latest `onAssignment` failed (its state could not be loaded): the next message tries it again. */
  private assignmentFailed = false;
  private assignment: Assignment = {};

  constructor(private readonly options: GroupConsumerOptions) {}

  get owned(): Assignment {
    return this.assignment;
  }

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 30_000,
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
          await this.ready();
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
      eachMessage: async ({ topic, partition, message }) => {
        await this.ready();
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
    ready.catch(() => {
      if (this.assignmentReady === ready) this.assignmentFailed = true;
    });
  }

  private async ready(): Promise<void> {
    if (this.assignmentFailed) this.loadAssignment();
    await this.assignmentReady;
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }
}
