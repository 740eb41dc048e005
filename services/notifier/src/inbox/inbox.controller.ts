import { Controller, Get, Header, HttpException, HttpStatus, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Organisation, Public, Scopes, type AuthenticatedRequest } from '@talent/service-kit';
import type { NotificationView } from '../notifications/notification-view';
import { NotificationsService } from '../notifications/notifications.service';
import { RecruitersService } from '../recruiters/recruiters.service';
import { InboxHub } from './inbox-hub';
import { INBOX_PAGE, INBOX_PAGE_CSP } from './inbox-page';

const HEARTBEAT_MS = 15_000;
/** A caller at its limit of open streams is asked to wait this long (one of its streams may be closing). */
const STREAM_LIMIT_RETRY_AFTER_SECONDS = 5;

/** With a token: `matches:read`, and only a recruiter of the token's organisation (404 otherwise). */
@ApiTags('inbox')
@Scopes('matches:read')
@Controller('recruiters/:id/inbox')
export class InboxController {
  constructor(
    private readonly hub: InboxHub,
    private readonly recruiters: RecruitersService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Public: a browser cannot send a bearer token when it opens a page. The page is the same for
   * every id and holds no data; everything it shows comes from the authenticated calls it makes.
   */
  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('content-security-policy', INBOX_PAGE_CSP)
  @ApiOperation({
    summary: 'The recruiter’s live inbox page',
    description: 'Shows matches and withdrawals as they arrive. With bearer-token authentication, open it as `…/inbox#access_token=<token>` (a token with `matches:read`).',
  })
  @ApiProduces('text/html')
  page(@Param('id', new ParseUUIDPipe()) _id: string): string {
    return INBOX_PAGE;
  }

  @Get('items')
  @ApiOperation({ summary: 'The latest inbox notifications of a recruiter, newest first' })
  async items(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<NotificationView[]> {
    await this.recruiters.getRecruiter(id, organisation);
    return this.notifications.list({ recruiterId: id, channel: 'inbox' });
  }

  @Get('events')
  @ApiOperation({
    summary: 'Server-Sent Events stream of the recruiter’s inbox',
    description:
      'One `notification` event (JSON) per new match, update or withdrawal; a comment line every 15 s keeps the connection open. ' +
      'The stream ends with an `expired` event when the token expires (open it again with a new token). A caller may hold ' +
      '`INBOX_MAX_STREAMS_PER_PRINCIPAL` streams (default 5) at once; one more is refused with 429.',
  })
  @ApiProduces('text/event-stream')
  async events(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Organisation() organisation: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.recruiters.getRecruiter(id, organisation); // 404 as problem details before the stream opens
    const { principal } = request as AuthenticatedRequest;
    const release = this.hub.claimStream(principal ? `token:${principal.organisationId}:${principal.subject ?? ''}` : `recruiter:${id}`);
    if (release === undefined) {
      response.setHeader('retry-after', String(STREAM_LIMIT_RETRY_AFTER_SECONDS));
      throw new HttpException('too many open inbox streams for this caller; close one first', HttpStatus.TOO_MANY_REQUESTS);
    }
    response.status(200);
    response.setHeader('content-type', 'text/event-stream; charset=utf-8');
    response.setHeader('cache-control', 'no-cache, no-transform');
    response.setHeader('connection', 'keep-alive');
    response.setHeader('x-accel-buffering', 'no');
    response.flushHeaders();
    response.write('retry: 2000\n: connected\n\n');
    const unsubscribe = this.hub.subscribe(
      id,
      (view) => response.write(`id: ${view.id}\nevent: notification\ndata: ${JSON.stringify(view)}\n\n`),
      () => response.end(),
    );
    const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
    // A stream outlives no token: it ends when the token expires, saying so (the page then asks
    // for a new token instead of reconnecting). Checked once per stream, so end it on time.
    const expiry =
      principal?.expiresAt === undefined
        ? undefined
        : setTimeout(() => response.end('event: expired\ndata: {"reason":"the token has expired"}\n\n'), Math.max(0, principal.expiresAt - Date.now()));
    request.on('close', () => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe();
      release();
    });
  }
}
