import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CandidateFields } from '@talent/contracts';
import {
  ApiZodBody,
  ApiZodQuery,
  idempotencyClaim,
  Organisation,
  organisationForRead,
  Scopes,
  sendIdempotent,
  withTokenOrganisation,
  ZodBodyPipe,
  ZodQueryPipe,
  type Page,
} from '@talent/service-kit';
import {
  createCandidateSchema,
  listCandidatesQuerySchema,
  replaceCandidateSchema,
  type ListCandidatesQuery,
} from './candidate-request.schema';
import { CandidatesService, type CandidateView, type UpsertResult } from './candidates.service';

/** Reading candidates: their pipeline's writers, dedicated readers and recruiters reading matches. */
const READ_SCOPES = ['candidates:write', 'candidates:read', 'matches:read'];

@ApiTags('candidates')
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post()
  @Scopes('candidates:write')
  @ApiOperation({
    summary: 'Register a candidate',
    description:
      'Registers a candidate (201). With an `externalId` already known for the talent pool it updates that candidate instead (200), and a resubmission that changes nothing publishes no event. Name and contact details stay in this service.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body, by the same caller for the same organisation within a day, gets the first answer’s status and the candidate as it is now, and changes nothing. Another caller’s key of the same name is another key.', schema: { type: 'string', minLength: 1, maxLength: 200 } })
  @ApiZodBody(createCandidateSchema)
  async create(
    @Body() given: unknown,
    @Organisation() organisation: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UpsertResult> {
    // With a token the organisation is the token's; a different one in the body is refused (403).
    const body = new ZodBodyPipe(createCandidateSchema).transform(withTokenOrganisation(organisation, given));
    return sendIdempotent(response, await this.candidates.create(body, idempotencyClaim(request, body.organisationId, body)));
  }

  @Get()
  @Scopes(...READ_SCOPES)
  @ApiOperation({ summary: 'List candidates, newest first', description: 'Cursor pagination: pass `nextCursor` back as `cursor`.' })
  @ApiZodQuery(listCandidatesQuerySchema)
  list(
    @Query(new ZodQueryPipe(listCandidatesQuerySchema)) query: ListCandidatesQuery,
    @Organisation() organisation: string | undefined,
  ): Promise<Page<CandidateView>> {
    const organisationId = organisationForRead(organisation, query.organisationId);
    return this.candidates.list({ ...query, ...(organisationId !== undefined && { organisationId }) });
  }

  @Get(':id')
  @Scopes(...READ_SCOPES)
  @ApiOperation({ summary: 'Read a candidate' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<CandidateView> {
    return this.candidates.get(id, organisation);
  }

  @Put(':id')
  @Scopes('candidates:write')
  @ApiOperation({ summary: 'Replace a candidate’s fields', description: 'A withdrawn candidate stays withdrawn.' })
  @ApiZodBody(replaceCandidateSchema)
  replace(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBodyPipe(replaceCandidateSchema)) body: CandidateFields,
    @Organisation() organisation: string | undefined,
  ): Promise<UpsertResult> {
    return this.candidates.replace(id, body, organisation);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes('candidates:write')
  @ApiOperation({
    summary: 'Erase a candidate',
    description:
      'Erases the candidate’s personal data everywhere the platform holds it (this service, the matcher’s read model and matches, the notifier’s records, stored idempotent answers) and withdraws their matches; `candidates.v1` carries an erasure event and a tombstone. Erasing again answers 204 too.',
  })
  async erase(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<void> {
    await this.candidates.erase(id, organisation);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Scopes('candidates:write')
  @ApiOperation({ summary: 'Withdraw a candidate', description: 'Their matches are withdrawn. Withdrawing twice changes nothing.' })
  withdraw(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<UpsertResult> {
    return this.candidates.withdraw({ id, ...(organisation !== undefined && { organisationId: organisation }) });
  }
}
