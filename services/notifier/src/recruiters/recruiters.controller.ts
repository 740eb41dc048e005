import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody, ApiZodQuery, Organisation, organisationForRead, Scopes, withTokenOrganisation, ZodBodyPipe, ZodQueryPipe } from '@talent/service-kit';
import {
  byRecruiterQuerySchema,
  createRecruiterSchema,
  createSubscriptionSchema,
  createWebhookEndpointSchema,
  deliveryQuerySchema,
  recruiterQuerySchema,
  updateRecruiterSchema,
  type CreateSubscription,
  type CreateWebhookEndpoint,
  type DeliveryQuery,
  type UpdateRecruiter,
} from './recruiter-request.schema';
import { RecruitersService, type DeliveryLogEntry, type Recruiter, type Subscription, type WebhookEndpoint } from './recruiters.service';

/** Recruiters' settings: changed with `subscriptions:write`, read with it or `matches:read`. */
const WRITE_SCOPE = 'subscriptions:write';
const READ_SCOPES = ['subscriptions:write', 'matches:read'];

@ApiTags('recruiters')
@Controller('recruiters')
export class RecruitersController {
  constructor(private readonly recruiters: RecruitersService) {}

  @Post()
  @Scopes(WRITE_SCOPE)
  @ApiOperation({ summary: 'Register a recruiter', description: 'A recruiter belongs to one organisation and is only ever told about its matches.' })
  @ApiZodBody(createRecruiterSchema)
  create(@Body() given: unknown, @Organisation() organisation: string | undefined): Promise<Recruiter> {
    // With a token the organisation is the token's; a different one in the body is refused (403).
    return this.recruiters.createRecruiter(new ZodBodyPipe(createRecruiterSchema).transform(withTokenOrganisation(organisation, given)));
  }

  @Get()
  @Scopes(...READ_SCOPES)
  @ApiOperation({ summary: 'List recruiters' })
  @ApiZodQuery(recruiterQuerySchema)
  list(@Query(new ZodQueryPipe(recruiterQuerySchema)) query: { organisationId?: string }, @Organisation() organisation: string | undefined): Promise<Recruiter[]> {
    return this.recruiters.listRecruiters(organisationForRead(organisation, query.organisationId));
  }

  @Get(':id')
  @Scopes(...READ_SCOPES)
  @ApiOperation({ summary: 'Read a recruiter' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<Recruiter> {
    return this.recruiters.getRecruiter(id, organisation);
  }

  @Patch(':id')
  @Scopes(WRITE_SCOPE)
  @ApiOperation({ summary: 'Change a recruiter’s name, e-mail address or owned postings' })
  @ApiZodBody(updateRecruiterSchema)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBodyPipe(updateRecruiterSchema)) body: UpdateRecruiter,
    @Organisation() organisation: string | undefined,
  ): Promise<Recruiter> {
    return this.recruiters.updateRecruiter(id, body, organisation);
  }
}

@ApiTags('subscriptions')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly recruiters: RecruitersService) {}

  @Post()
  @Scopes(WRITE_SCOPE)
  @ApiOperation({
    summary: 'Subscribe a recruiter to matches',
    description:
      'Postings default to the ones the recruiter owns. Only matches scoring at least `minScore` are told (withdrawals of matches already told always are). `instant` sends each change at once; `digest` gathers them for an hour or a day and sends one message.',
  })
  @ApiZodBody(createSubscriptionSchema)
  create(@Body(new ZodBodyPipe(createSubscriptionSchema)) body: CreateSubscription, @Organisation() organisation: string | undefined): Promise<Subscription> {
    return this.recruiters.createSubscription(body, organisation);
  }

  @Get()
  @Scopes(...READ_SCOPES)
  @ApiOperation({ summary: 'List subscriptions' })
  @ApiZodQuery(byRecruiterQuerySchema)
  list(@Query(new ZodQueryPipe(byRecruiterQuerySchema)) query: { recruiterId?: string }, @Organisation() organisation: string | undefined): Promise<Subscription[]> {
    return this.recruiters.listSubscriptions(query.recruiterId, organisation);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes(WRITE_SCOPE)
  @ApiOperation({ summary: 'End a subscription' })
  remove(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<void> {
    return this.recruiters.deleteSubscription(id, organisation);
  }
}

@ApiTags('webhook endpoints')
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly recruiters: RecruitersService) {}

  @Post()
  @Scopes(WRITE_SCOPE)
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'Calls are signed per the Standard Webhooks specification with the `secret` returned here (shown once). URLs resolving to anything but public (global unicast) addresses are refused unless allow-listed (`WEBHOOK_ALLOWED_HOSTS`); URLs with credentials (`user:pass@`) are refused. Endpoints are shown with scheme, host and path only.',
  })
  @ApiZodBody(createWebhookEndpointSchema)
  create(
    @Body(new ZodBodyPipe(createWebhookEndpointSchema)) body: CreateWebhookEndpoint,
    @Organisation() organisation: string | undefined,
  ): Promise<WebhookEndpoint & { secret: string }> {
    return this.recruiters.createEndpoint(body, organisation);
  }

  @Get()
  @Scopes(...READ_SCOPES)
  @ApiOperation({ summary: 'List active webhook endpoints' })
  @ApiZodQuery(byRecruiterQuerySchema)
  list(@Query(new ZodQueryPipe(byRecruiterQuerySchema)) query: { recruiterId?: string }, @Organisation() organisation: string | undefined): Promise<WebhookEndpoint[]> {
    return this.recruiters.listEndpoints(query.recruiterId, organisation);
  }

  @Get(':id')
  @Scopes(...READ_SCOPES)
  @ApiOperation({ summary: 'Read a webhook endpoint' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<WebhookEndpoint> {
    return this.recruiters.getEndpoint(id, organisation);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes(WRITE_SCOPE)
  @ApiOperation({ summary: 'Remove a webhook endpoint', description: 'Its delivery log stays readable.' })
  remove(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<void> {
    return this.recruiters.deleteEndpoint(id, organisation);
  }

  @Get(':id/deliveries')
  @Scopes(...READ_SCOPES)
  @ApiOperation({
    summary: 'Delivery log of an endpoint',
    description: 'Newest first; each delivery with its status (`pending`, `delivering`, `delivered`, `dead_lettered`) and every attempt.',
  })
  @ApiZodQuery(deliveryQuerySchema)
  deliveries(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodQueryPipe(deliveryQuerySchema)) query: DeliveryQuery,
    @Organisation() organisation: string | undefined,
  ): Promise<DeliveryLogEntry[]> {
    return this.recruiters.deliveryLog(id, query, organisation);
  }
}
