import { Injectable } from '@nestjs/common';
import { Topics } from '@talent/contracts';
import { BatchTopicConsumer, type TopicBatchHandlers } from '@talent/kafka';
import { PostingsService } from './postings.service';

/**
 * `postings.ingest.v1`: the REST operations as commands, each fetch's commands applied in order in
 * one transaction; invalid commands and closings of unknown postings are dead-lettered.
 */
@Injectable()
export class PostingsIngestConsumer extends BatchTopicConsumer {
  constructor(
    private readonly postings: PostingsService,
  ) {
    super();
  }

  protected handlers(): TopicBatchHandlers {
    return { [Topics.postingsIngest]: (commands) => this.postings.applyCommands(commands) };
  }
}
