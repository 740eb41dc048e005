import { Injectable } from '@nestjs/common';
import { Topics } from '@talent/contracts';
import { BatchTopicConsumer, type TopicBatchHandlers } from '@talent/kafka';
import { NotificationsService } from './notifications/notifications.service';
import { PostingDirectoryService } from './postings/posting-directory.service';

/**
 * The notifier's consumer group: match events (recorded as notifications and deliveries) and
 * posting events (the directory of posting titles and organisations), each fetch's events of a
 * partition in one transaction.
 */
@Injectable()
export class NotifierConsumer extends BatchTopicConsumer {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly directory: PostingDirectoryService,
  ) {
    super();
  }

  protected handlers(): TopicBatchHandlers {
    return {
      [Topics.matches]: async (events) => {
        await this.notifications.onMatchEvents(events);
        return events.map(() => undefined);
      },
      [Topics.postings]: async (events) => {
        await this.directory.applyMany(events.map(({ event }) => event));
        return events.map(() => undefined);
      },
    };
  }
}
