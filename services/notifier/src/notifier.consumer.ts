import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@talent/contracts';
import { KafkaConsumer, tombstonesOf, type ConsumedEvent } from '@talent/kafka';
import { NotificationsService } from './notifications/notifications.service';
import { PostingDirectoryService } from './postings/posting-directory.service';

/**
 * The notifier's consumer group: match events (recorded as notifications and deliveries) and
 * posting events (the directory of posting titles and organisations), each run of a partition's
 * events in one transaction.
 */
@KafkaConsumer()
export class NotifierConsumer {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly directory: PostingDirectoryService,
  ) {}

  @EventPattern(Topics.matches)
  async onMatches(@Payload() events: ReadonlyArray<ConsumedEvent<typeof Topics.matches>>): Promise<void> {
    await this.notifications.onMatchEvents(events);
  }

  /** A match's tombstone: its candidate was erased, so are its notifications. */
  @EventPattern(tombstonesOf(Topics.matches))
  async onMatchErased(@Payload() matchId: string): Promise<void> {
    await this.notifications.forgetMatch(matchId);
  }

  @EventPattern(Topics.postings)
  async onPostings(@Payload() events: ReadonlyArray<ConsumedEvent<typeof Topics.postings>>): Promise<void> {
    await this.directory.applyMany(events.map(({ event }) => event));
  }
}
