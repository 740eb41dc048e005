import { type OnApplicationBootstrap } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { hostname } from 'node:os';
import { Topics } from '@talent/contracts';
import { assignmentOf, KafkaConsumer, type ConsumedEvent, type KafkaBatchContext, type KafkaConsumerGroup } from '@talent/kafka';
import type { MatcherEnv } from '../config';
import { MatchingService } from './matching.service';

/**
 * The matcher's two consumers, options of the one transport. Candidates: the service's group
 * (`KAFKA_GROUP_ID`) shared by all instances, so each owns a shard of the partitions (and, on every rebalance,
 * loads the state of the partitions it gained). Postings: a group of this instance's own
 * (`<KAFKA_GROUP_ID>.postings.<MATCHER_INSTANCE_ID>`), so every instance sees every posting (a
 * global table), one event at a time.
 */
export function matcherConsumers(env: Pick<MatcherEnv, 'MATCHER_INSTANCE_ID' | 'PORT'>): KafkaConsumerGroup[] {
  const instance = env.MATCHER_INSTANCE_ID ?? `${hostname()}-${env.PORT}`;
  return [
    { subscriptions: [Topics.postings], ownGroup: { label: 'postings', instance }, oneAtATime: true },
    { subscriptions: [Topics.candidates] },
  ];
}

/** What the matcher does with what it consumes (see `matcherConsumers` for how it is read). */
@KafkaConsumer()
export class MatchingConsumer implements OnApplicationBootstrap {
  constructor(private readonly matching: MatchingService) {}

  /** The postings as stored, before the consumers start (they start once the application has). */
  async onApplicationBootstrap(): Promise<void> {
    await this.matching.loadPostings();
  }

  @EventPattern(Topics.postings)
  async onPostings(@Payload() events: ReadonlyArray<ConsumedEvent<typeof Topics.postings>>): Promise<void> {
    for (const { event } of events) await this.matching.applyPosting(event);
  }

  /** After every rebalance of the candidates' group, before its messages: the partitions gained are loaded, those lost forgotten. */
  @EventPattern(assignmentOf(Topics.candidates))
  async onCandidatePartitions(@Payload() partitions: readonly number[]): Promise<void> {
    await this.matching.loadShard(partitions);
  }

  /** A run of one partition's candidate events in one transaction (a failed run: one at a time). */
  @EventPattern(Topics.candidates)
  async onCandidates(@Payload() events: ReadonlyArray<ConsumedEvent<typeof Topics.candidates>>, @Ctx() ctx: KafkaBatchContext): Promise<void> {
    await this.matching.applyCandidates(events, ctx.getPartition());
  }
}
