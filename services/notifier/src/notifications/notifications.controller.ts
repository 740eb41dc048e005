import { Controller, Get, ParseUUIDPipe, Query } from '@nestjs/common';
import { NotificationsService } from './notifications.service';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(
    @Query('postingId', new ParseUUIDPipe({ optional: true })) postingId?: string,
    @Query('matchId', new ParseUUIDPipe({ optional: true })) matchId?: string,
  ) {
    return this.notifications.list({ postingId, matchId });
  }
}
