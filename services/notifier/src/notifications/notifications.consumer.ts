import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { Topics } from '@talent/contracts';
import { EventInbox } from '@talent/kafka';
import { NotificationsService } from './notifications.service';

@Controller()
export class NotificationsConsumer {
  constructor(
    private readonly inbox: EventInbox,
    private readonly notifications: NotificationsService,
  ) {}

  @EventPattern(Topics.matches)
  onMatch(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    return this.inbox.dispatch(Topics.matches, payload, context, (event) => this.notifications.onMatchEvent(event));
  }
}
