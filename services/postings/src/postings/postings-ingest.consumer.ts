import { Controller, NotFoundException } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { PostingCommandTypes, Topics, type PostingCommand } from '@talent/contracts';
import { EventInbox, RejectedMessageError } from '@talent/kafka';
import { PostingsService } from './postings.service';

/** `postings.ingest.v1`: the REST operations as commands; invalid or impossible ones are dead-lettered. */
@Controller()
export class PostingsIngestConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly postings: PostingsService,
  ) {}

  @EventPattern(Topics.postingsIngest)
  onCommand(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.inbox.dispatch(Topics.postingsIngest, payload, context, (command) => this.apply(command));
  }

  private async apply(command: PostingCommand): Promise<void> {
    switch (command.type) {
      case PostingCommandTypes.upsert:
        await this.postings.upsertOne(command.data);
        return;
      case PostingCommandTypes.close:
        await this.postings.close(command.data).catch((error: unknown) => {
          throw error instanceof NotFoundException ? new RejectedMessageError(error.message) : error;
        });
        return;
    }
  }
}
