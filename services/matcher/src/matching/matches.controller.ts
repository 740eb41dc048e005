import { BadRequestException, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { MatchState } from '@talent/contracts';
import { ApiZodQuery, Organisation, Scopes, ZodQueryPipe } from '@talent/service-kit';
import { MatchingService } from './matching.service';

const rankedQuerySchema = z.strictObject({
  minScore: z.coerce.number().min(0).max(100).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
type RankedQuery = z.infer<typeof rankedQuerySchema>;

const cursorSchema = z.tuple([z.number().min(0).max(100), z.uuid()]);

export interface RankedPage {
  items: MatchState[];
  nextCursor: string | null;
}

/**
 * With a token (`AUTH_MODE=jwt`), every route needs `matches:read` and answers only matches whose
 * posting belongs to the token's organisation; another organisation's match, posting or candidate
 * is not found (404).
 */
@ApiTags('matches')
@Scopes('matches:read')
@Controller()
export class MatchesController {
  constructor(private readonly matching: MatchingService) {}

  @Get('matches')
  @ApiOperation({ summary: 'Current matches, best first, for a posting and/or a candidate (at most 200)' })
  list(
    @Query('postingId', new ParseUUIDPipe({ optional: true })) postingId: string | undefined,
    @Query('candidateId', new ParseUUIDPipe({ optional: true })) candidateId: string | undefined,
    @Organisation() organisation: string | undefined,
  ): Promise<MatchState[]> {
    return this.matching.list({ postingId, candidateId, ...(organisation !== undefined && { organisationId: organisation }) });
  }

  @Get('matches/:id')
  @ApiOperation({ summary: 'One match with its explanation (withdrawn ones too, with their status)' })
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Organisation() organisation: string | undefined) {
    const match = await this.matching.get(id, organisation);
    if (!match) throw new NotFoundException(`no match ${id}`);
    return match;
  }

  @Get('postings/:id/candidates')
  @ApiOperation({ summary: 'Ranked candidates for a posting', description: 'Best score first; pass `nextCursor` back as `cursor`.' })
  @ApiZodQuery(rankedQuerySchema)
  candidatesFor(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodQueryPipe(rankedQuerySchema)) query: RankedQuery,
    @Organisation() organisation: string | undefined,
  ): Promise<RankedPage> {
    return this.page('posting', id, query, organisation);
  }

  @Get('candidates/:id/postings')
  @ApiOperation({ summary: 'Ranked postings for a candidate', description: 'Best score first; pass `nextCursor` back as `cursor`.' })
  @ApiZodQuery(rankedQuerySchema)
  postingsFor(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodQueryPipe(rankedQuerySchema)) query: RankedQuery,
    @Organisation() organisation: string | undefined,
  ): Promise<RankedPage> {
    return this.page('candidate', id, query, organisation);
  }

  /** With an organisation, a posting or candidate the matcher does not hold for it is not found (404). */
  private async page(side: 'posting' | 'candidate', id: string, query: RankedQuery, organisation: string | undefined): Promise<RankedPage> {
    const after = query.cursor === undefined ? undefined : decode(query.cursor);
    if (organisation !== undefined && !(await this.matching.belongsTo(side, id, organisation))) {
      throw new NotFoundException(`${side} ${id} not found`);
    }
    const { items, last } = await this.matching.ranked(side, id, {
      minScore: query.minScore,
      limit: query.limit,
      after,
      ...(organisation !== undefined && { organisationId: organisation }),
    });
    return { items, nextCursor: last ? Buffer.from(JSON.stringify([last.score, last.id])).toString('base64url') : null };
  }
}

function decode(cursor: string): { score: number; id: string } {
  try {
    const [score, id] = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { score, id };
  } catch {
    throw new BadRequestException('cursor is not valid; use the nextCursor of a previous page');
  }
}
