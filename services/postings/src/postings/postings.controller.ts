import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Req, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { PostingFields, PostingState } from '@talent/contracts';
import { parseJobDescription, postingFieldsFromDescription, type ParsedJobDescription } from '@talent/job-descriptions';
import {
  ApiZodBody,
  ApiZodQuery,
  callerOrganisation,
  idempotencyClaim,
  Organisation,
  organisationForRead,
  organisationForWrite,
  Scopes,
  sendIdempotent,
  withTokenOrganisation,
  ZodBodyPipe,
  ZodQueryPipe,
  type Page,
} from '@talent/service-kit';
import type { Taxonomy } from '@talent/skills';
import {
  createPostingSchema,
  describedPostingSchema,
  listPostingsQuerySchema,
  replacePostingSchema,
  textPostingQuerySchema,
  type CreatePosting,
  type DescribedPosting,
  type ListPostingsQuery,
} from './posting-request.schema';
import { PostingsService, type UpsertResult } from './postings.service';
import { assertMayPublishAs, PUBLISH_PUBLIC_SCOPE } from './public-visibility';
import { SKILL_TAXONOMY } from './skill-taxonomy.provider';
import { MAX_TEXT_BODY_BYTES, readTextBody } from './text-body';

/** A posting created from a description answers with what was read from it. */
export type CreateResult = UpsertResult & { extracted?: ParsedJobDescription };

@ApiTags('postings')
@Controller('postings')
export class PostingsController {
  constructor(
    private readonly postings: PostingsService,
    @Inject(SKILL_TAXONOMY) private readonly taxonomy: Taxonomy,
  ) {}

  @Post()
  @Scopes('postings:write')
  @ApiOperation({
    summary: 'Publish a posting',
    description:
      'Creates a posting (201). With an `externalId` already known for the organisation it updates that posting instead (200), and a resubmission that changes nothing publishes no event.\n\n' +
      'A posting may also be sent as free text: as `text/plain` (the body is the description; `organisationId`, and optionally `externalId` and `title`, go in the query), ' +
      'or as JSON with a `description` and no `requiredSkills`. The title, required and preferred skills, experience, workplace, location and employment type are then read from the text ' +
      '(fields given in JSON win), the posting is stored and published as usual, and the answer carries an `extracted` object: what was found, the headings recognised and any warnings. ' +
      `A description from which no required skill can be read is refused (422); a text/plain body over ${MAX_TEXT_BODY_BYTES} bytes too (413).\n\n` +
      `\`visibility: public\` (matched with other organisations' candidates that opted in) needs the scope ${PUBLISH_PUBLIC_SCOPE} besides postings:write (else 403).`,
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: z.toJSONSchema(z.union([createPostingSchema, describedPostingSchema]), { target: 'openapi-3.0', io: 'input' }) as object },
        'text/plain': {
          schema: { type: 'string', maxLength: MAX_TEXT_BODY_BYTES, description: 'The posting as written, e.g. "Senior Go Engineer. Requirements: 5+ years of Go, PostgreSQL. Nice to have: Kafka."' },
        },
      },
    },
  })
  @ApiConsumes('application/json', 'text/plain')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key and body, by the same caller for the same organisation within a day, gets the first answer’s status and the posting as it is now, and changes nothing. Another caller’s key of the same name is another key.', schema: { type: 'string', minLength: 1, maxLength: 200 } })
  @ApiQuery({ name: 'organisationId', required: false, description: 'text/plain only: the publishing organisation.', schema: { type: 'string' } })
  @ApiQuery({ name: 'externalId', required: false, description: 'text/plain only: the publisher’s own id (then an upsert).', schema: { type: 'string' } })
  @ApiQuery({ name: 'title', required: false, description: 'text/plain only: the title, when the text does not name one.', schema: { type: 'string' } })
  async create(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CreateResult> {
    const organisation = callerOrganisation(request);
    if (request.is('text/plain')) {
      const given = { ...request.query, organisationId: organisationForWrite(organisation, request.query.organisationId) };
      const query = new ZodQueryPipe(textPostingQuerySchema).transform(given);
      const text = await readTextBody(request);
      if (text.trim() === '') {
        throw new UnprocessableEntityException('the text/plain body is empty: send the posting’s description');
      }
      const { title, ...publisher } = query;
      return this.createFromDescription({ ...publisher, ...(title !== undefined && { title }), description: text }, request, response, { text, query });
    }
    const body: unknown = withTokenOrganisation(organisation, request.body);
    if (isDescribedOnly(body)) {
      const described = new ZodBodyPipe(describedPostingSchema).transform(body);
      return this.createFromDescription(described, request, response, body);
    }
    const input: CreatePosting = new ZodBodyPipe(createPostingSchema).transform(body);
    assertMayPublishAs(request, input.visibility);
    const result = await this.postings.create(input, idempotencyClaim(request, input.organisationId, input));
    return sendIdempotent(response, result);
  }

  /** Reads the description, fills what the publisher did not give, and stores it as any posting. */
  private async createFromDescription(
    given: DescribedPosting,
    request: Request,
    response: Response,
    fingerprinted: unknown,
  ): Promise<CreateResult> {
    const extracted = parseJobDescription(given.description, this.taxonomy);
    const read = postingFieldsFromDescription(extracted);
    // A text naming no skill at all is still a posting when it says where the job is: it is matched on place alone.
    const placeOnly = extracted.requiredSkills.length === 0 && (given.location ?? read.location) !== undefined;
    if (extracted.requiredSkills.length === 0 && !placeOnly) {
      throw new UnprocessableEntityException(
        `no required skill could be read from the description (${extracted.warnings.join('; ')}); name the skills under a "Requirements" heading, or send requiredSkills`,
      );
    }
    const title = given.title ?? extracted.title;
    if (title === undefined) {
      throw new UnprocessableEntityException('no title could be read from the description; give a title (JSON `title`, or `?title=` with text/plain)');
    }
    // A doubtful extraction allows near misses unless the publisher set how many.
    const matching = read.matching && given.matching?.allowMissingRequired === undefined ? { ...given.matching, ...read.matching } : given.matching;
    const fields: Record<keyof PostingFields | 'organisationId' | 'externalId', unknown> = {
      organisationId: given.organisationId,
      externalId: given.externalId,
      title,
      description: given.description,
      location: given.location ?? read.location,
      workplace: given.workplace ?? read.workplace,
      applicantLocation: given.applicantLocation ?? read.applicantLocation,
      employmentType: given.employmentType ?? read.employmentType,
      experienceYears: given.experienceYears ?? read.experienceYears,
      requiredSkills: read.requiredSkills,
      preferredSkills: given.preferredSkills ?? read.preferredSkills,
      matching,
      visibility: given.visibility,
    };
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const input = new ZodBodyPipe(placeOnly ? placeOnlyPostingSchema : createPostingSchema).transform(defined);
    assertMayPublishAs(request, input.visibility);
    const extraction = { requirements: extracted.requirements, doubtful: extracted.doubtful, warnings: extracted.warnings };
    const result = await this.postings.create({ ...input, extraction }, idempotencyClaim(request, input.organisationId, fingerprinted), { extracted });
    return sendIdempotent(response, result);
  }

  @Get()
  @Scopes('postings:write', 'postings:read', 'matches:read')
  @ApiOperation({ summary: 'List postings, newest first', description: 'Cursor pagination: pass `nextCursor` back as `cursor`.' })
  @ApiZodQuery(listPostingsQuerySchema)
  list(
    @Query(new ZodQueryPipe(listPostingsQuerySchema)) query: ListPostingsQuery,
    @Organisation() organisation: string | undefined,
  ): Promise<Page<PostingState>> {
    const organisationId = organisationForRead(organisation, query.organisationId);
    return this.postings.list({ ...query, ...(organisationId !== undefined && { organisationId }) });
  }

  @Get(':id')
  @Scopes('postings:write', 'postings:read', 'matches:read')
  @ApiOperation({ summary: 'Read a posting' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<PostingState> {
    return this.postings.get(id, organisation);
  }

  @Put(':id')
  @Scopes('postings:write')
  @ApiOperation({ summary: 'Replace a posting’s fields', description: `Reopens nothing: a closed posting stays closed. \`visibility: public\` needs the scope ${PUBLISH_PUBLIC_SCOPE} (else 403).` })
  @ApiZodBody(replacePostingSchema)
  replace(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBodyPipe(replacePostingSchema)) body: PostingFields,
    @Organisation() organisation: string | undefined,
    @Req() request: Request,
  ): Promise<UpsertResult> {
    assertMayPublishAs(request, body.visibility);
    return this.postings.replace(id, body, organisation);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Scopes('postings:write')
  @ApiOperation({ summary: 'Close a posting', description: 'Its matches are withdrawn. Closing a closed posting changes nothing.' })
  close(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined): Promise<UpsertResult> {
    return this.postings.close({ id, ...(organisation !== undefined && { organisationId: organisation }) });
  }
}

/** A posting read from a text that names no skill: stored with no required skill, matched on its place. */
const placeOnlyPostingSchema = createPostingSchema.extend({ requiredSkills: z.array(z.never()).max(0) });

/** A JSON posting that leaves its skills to be read from its description. */
function isDescribedOnly(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'description' in body && !('requiredSkills' in body);
}
