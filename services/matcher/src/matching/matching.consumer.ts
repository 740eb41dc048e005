import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { Topics } from '@talent/contracts';
import { EventInbox, GroupConsumer, InjectKafka, type Kafka } from '@talent/kafka';
import type { MatcherEnv } from '../config';
import { MatchingService } from './matching.service';

export const MATCHER_ENV = Symbol('MATCHER_ENV');

/**
 * The matcher's two consumers. Candidates: one group shared by all instances, so each owns a shard
 * of the partitions (and loads that shard's state on every rebalance). Postings: a group per
 * instance, so every instance sees every posting (a global table).
 */
@Injectable()
export class MatchingConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MatchingConsumers.name);
  private readonly consumers: GroupConsumer[] = [];

  constructor(
    @InjectKafka() private readonly kafka: Kafka,
    private readonly inbox: EventInbox,
    private readonly matching: MatchingService,
    @Inject(MATCHER_ENV) private readonly env: MatcherEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const instance = this.env.MATCHER_INSTANCE_ID ?? `${hostname()}-${this.env.PORT}`;
    await this.matching.loadPostings();
    const postings = new GroupConsumer({
      kafka: this.kafka,
      groupId: `${this.env.KAFKA_GROUP_ID}.postings.${instance}`,
      topics: [Topics.postings],
      handle: (message) => this.inbox.dispatch(Topics.postings, message.message.value, message, (event) => this.matching.applyPosting(event)),
    });
    const candidates = new GroupConsumer({
      kafka: this.kafka,
      groupId: this.env.KAFKA_GROUP_ID,
      topics: [Topics.candidates],
      onAssignment: (assignment) => this.matching.loadShard(assignment[Topics.candidates] ?? []),
      // Each fetch's candidate events of a partition in one transaction (a failed run: one at a time).
      handleBatch: (messages, handled) =>
        this.inbox.dispatchBatch(
          Topics.candidates,
          messages,
          async (events) => {
            await this.matching.applyCandidates(events, messages[0]!.partition);
            return events.map(() => undefined);
          },
          handled,
        ),
    });
    this.consumers.push(postings, candidates);
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
    this.logger.log(`consuming as instance ${instance} of group ${this.env.KAFKA_GROUP_ID}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}
