import { EventPattern, Payload } from '@nestjs/microservices';
import { CandidateCommandTypes, Topics } from '@talent/contracts';
import { KafkaConsumer, type ConsumedEvent } from '@talent/kafka';
import { CandidatesService, type CandidateChange } from './candidates.service';

/**
 * `candidates.ingest.v1`: the REST operations as commands, each run's commands applied in one
 * transaction; invalid commands and withdrawals of unknown candidates are dead-lettered. With
 * INGEST_PRINCIPALS, each principal's own ingest topic instead (see `ingestSubscriptions` in
 * `main.ts`), where a command for an organisation not bound to the principal is dead-lettered as
 * `forbidden` before it gets here.
 */
@KafkaConsumer()
export class CandidatesIngestConsumer {
  constructor(private readonly candidates: CandidatesService) {}

  /** Per command: undefined once applied, else why it is refused (dead-lettered as `rejected`). */
  @EventPattern(Topics.candidatesIngest)
  async apply(@Payload() commands: ReadonlyArray<ConsumedEvent<typeof Topics.candidatesIngest>>): Promise<Array<string | undefined>> {
    const changes = commands.map(({ event, context }): CandidateChange => {
      switch (event.type) {
        case CandidateCommandTypes.upsert:
          return { kind: 'upsert', input: event.data, context };
        case CandidateCommandTypes.withdraw:
          return { kind: 'withdraw', ...event.data, context };
      }
    });
    const results = await this.candidates.applyChanges(changes);
    return results.map((result) => ('rejected' in result ? result.rejected : undefined));
  }
}
