import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { PostingFields, PostingState } from '@talent/contracts';
import { ApiZodBody, ApiZodQuery, idempotencyClaim, sendIdempotent, ZodBodyPipe, ZodQueryPipe, type Page } from '@talent/service-kit';
import {
  createPostingSchema,
  listPostingsQuerySchema,
  replacePostingSchema,
  type CreatePosting,
  type ListPostingsQuery,
} from './posting-request.schema';
import { PostingsService, type UpsertResult } from './postings.service';

@ApiTags('postings')
@Controller('postings')
export class PostingsController {
  constructor(private readonly postings: PostingsService) {}

  @Post()
  @ApiOperation({
    summary: 'Publish a posting',
    description:
      'Creates a posting (201). With an `externalId` already known for the organisation it updates that posting instead (200), and a resubmission that changes nothing publishes no event.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body returns the first response.' })
  @ApiZodBody(createPostingSchema)
  async create(
    @Body(new ZodBodyPipe(createPostingSchema)) body: CreatePosting,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UpsertResult> {
    return sendIdempotent(response, await this.postings.create(body, idempotencyClaim(request)));
  }

  @Get()
  @ApiOperation({ summary: 'List postings, newest first', description: 'Cursor pagination: pass `nextCursor` back as `cursor`.' })
  @ApiZodQuery(listPostingsQuerySchema)
  list(@Query(new ZodQueryPipe(listPostingsQuerySchema)) query: ListPostingsQuery): Promise<Page<PostingState>> {
    return this.postings.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a posting' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PostingState> {
    return this.postings.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a posting’s fields', description: 'Reopens nothing: a closed posting stays closed.' })
  @ApiZodBody(replacePostingSchema)
  replace(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBodyPipe(replacePostingSchema)) body: PostingFields,
  ): Promise<UpsertResult> {
    return this.postings.replace(id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a posting', description: 'Its matches are withdrawn. Closing a closed posting changes nothing.' })
  close(@Param('id', new ParseUUIDPipe()) id: string): Promise<UpsertResult> {
    return this.postings.close({ id });
  }
}
