import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { Topics } from '@talent/contracts';
import { EventInbox } from '@talent/kafka';
import { PostingDirectoryService } from './posting-directory.service';

@Controller()
export class PostingDirectoryConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly directory: PostingDirectoryService,
  ) {}

  @EventPattern(Topics.postings)
  onPosting(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.inbox.dispatch(Topics.postings, payload, context, (event) => this.directory.apply(event));
  }
}
