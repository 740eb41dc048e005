import { Controller, NotFoundException } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { CandidateCommandTypes, Topics, type CandidateCommand } from '@talent/contracts';
import { EventInbox, RejectedMessageError } from '@talent/kafka';
import { CandidatesService } from './candidates.service';

/** `candidates.ingest.v1`: the REST operations as commands; invalid or impossible ones are dead-lettered. */
@Controller()
export class CandidatesIngestConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly candidates: CandidatesService,
  ) {}

  @EventPattern(Topics.candidatesIngest)
  onCommand(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.inbox.dispatch(Topics.candidatesIngest, payload, context, (command) => this.apply(command));
  }

  private async apply(command: CandidateCommand): Promise<void> {
    switch (command.type) {
      case CandidateCommandTypes.upsert:
        await this.candidates.upsertOne(command.data);
        return;
      case CandidateCommandTypes.withdraw:
        await this.candidates.withdraw(command.data).catch((error: unknown) => {
          throw error instanceof NotFoundException ? new RejectedMessageError(error.message) : error;
        });
        return;
    }
  }
}
