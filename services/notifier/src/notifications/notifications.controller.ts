import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodQuery, Organisation, Scopes, ZodQueryPipe } from '@talent/service-kit';
import { notificationQuerySchema, type NotificationQuery } from '../recruiters/recruiter-request.schema';
import type { NotificationView } from './notification-view';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Scopes('matches:read')
  @ApiOperation({
    summary: 'List notifications, newest first',
    description: 'One per (match, version, channel, recipient), with its status: queued, digest, retrying, delivered or dead_lettered.',
  })
  @ApiZodQuery(notificationQuerySchema)
  list(@Query(new ZodQueryPipe(notificationQuerySchema)) query: NotificationQuery, @Organisation() organisation: string | undefined): Promise<NotificationView[]> {
    // With a token, only the notifications of its organisation's matches.
    return this.notifications.list({ ...query, ...(organisation !== undefined && { organisationId: organisation }) });
  }
}
