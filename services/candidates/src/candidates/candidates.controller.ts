import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CandidateFields } from '@talent/contracts';
import { ApiZodBody, ApiZodQuery, idempotencyClaim, sendIdempotent, ZodBodyPipe, ZodQueryPipe, type Page } from '@talent/service-kit';
import {
  createCandidateSchema,
  listCandidatesQuerySchema,
  replaceCandidateSchema,
  type CreateCandidate,
  type ListCandidatesQuery,
} from './candidate-request.schema';
import { CandidatesService, type CandidateView, type UpsertResult } from './candidates.service';

@ApiTags('candidates')
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a candidate',
    description:
      'Registers a candidate (201). With an `externalId` already known for the talent pool it updates that candidate instead (200), and a resubmission that changes nothing publishes no event. Name and contact details stay in this service.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body returns the first response.' })
  @ApiZodBody(createCandidateSchema)
  async create(
    @Body(new ZodBodyPipe(createCandidateSchema)) body: CreateCandidate,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UpsertResult> {
    return sendIdempotent(response, await this.candidates.create(body, idempotencyClaim(request)));
  }

  @Get()
  @ApiOperation({ summary: 'List candidates, newest first', description: 'Cursor pagination: pass `nextCursor` back as `cursor`.' })
  @ApiZodQuery(listCandidatesQuerySchema)
  list(@Query(new ZodQueryPipe(listCandidatesQuerySchema)) query: ListCandidatesQuery): Promise<Page<CandidateView>> {
    return this.candidates.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a candidate' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<CandidateView> {
    return this.candidates.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a candidate’s fields', description: 'A withdrawn candidate stays withdrawn.' })
  @ApiZodBody(replaceCandidateSchema)
  replace(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBodyPipe(replaceCandidateSchema)) body: CandidateFields,
  ): Promise<UpsertResult> {
    return this.candidates.replace(id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a candidate', description: 'Their matches are withdrawn. Withdrawing twice changes nothing.' })
  withdraw(@Param('id', new ParseUUIDPipe()) id: string): Promise<UpsertResult> {
    return this.candidates.withdraw({ id });
  }
}
