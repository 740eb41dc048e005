import { Injectable } from '@nestjs/common';
import { CandidateCommandTypes, Topics } from '@talent/contracts';
import { BatchTopicConsumer, type ConsumedEvent, type TopicBatchHandlers } from '@talent/kafka';
import { CandidatesService, type CandidateChange } from './candidates.service';

/**
 * `candidates.ingest.v1`: the REST operations as commands, each fetch's commands applied in one
 * transaction; invalid commands and withdrawals of unknown candidates are dead-lettered.
 */
@Injectable()
export class CandidatesIngestConsumer extends BatchTopicConsumer {
  constructor(
    private readonly candidates: CandidatesService,
  ) {
    super();
  }

  protected handlers(): TopicBatchHandlers {
    return { [Topics.candidatesIngest]: (commands) => this.applyMany(commands) };
  }

  private async applyMany(commands: ReadonlyArray<ConsumedEvent<typeof Topics.candidatesIngest>>): Promise<Array<string | undefined>> {
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
