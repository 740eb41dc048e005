import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { Topics } from '@talent/contracts';
import { EventInbox } from '@talent/kafka';
import { MatchingService } from './matching.service';

@Controller()
export class MatchingConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly matching: MatchingService,
  ) {}

  @EventPattern(Topics.postings)
  onPosting(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.inbox.dispatch(Topics.postings, payload, context, (event) => this.matching.applyPosting(event));
  }

  @EventPattern(Topics.candidates)
  onCandidate(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.inbox.dispatch(Topics.candidates, payload, context, (event) => this.matching.applyCandidate(event));
  }
}
