import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@talent/contracts';
import { KafkaConsumer, type ConsumedEvent } from '@talent/kafka';
import { PostingsService } from './postings.service';

/**
 * `postings.ingest.v1`: the REST operations as commands, each run's commands applied in order in
 * one transaction; invalid commands and closings of unknown postings are dead-lettered. With
 * INGEST_PRINCIPALS, each principal's own ingest topic instead (see `ingestSubscriptions` in
 * `main.ts`), where a command for an organisation not bound to the principal is dead-lettered as
 * `forbidden` before it gets here.
 */
@KafkaConsumer()
export class PostingsIngestConsumer {
  constructor(private readonly postings: PostingsService) {}

  /** Per command: undefined once applied, else why it is refused (dead-lettered as `rejected`). */
  @EventPattern(Topics.postingsIngest)
  apply(@Payload() commands: ReadonlyArray<ConsumedEvent<typeof Topics.postingsIngest>>): Promise<ReadonlyArray<string | undefined>> {
    return this.postings.applyCommands(commands);
  }
}
