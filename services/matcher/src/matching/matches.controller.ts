import { Controller, Get, ParseUUIDPipe, Query } from '@nestjs/common';
import { MatchingService } from './matching.service';

@Controller('matches')
export class MatchesController {
  constructor(private readonly matching: MatchingService) {}

  /** Current matches, best first, for a posting and/or a candidate. */
  @Get()
  list(
    @Query('postingId', new ParseUUIDPipe({ optional: true })) postingId?: string,
    @Query('candidateId', new ParseUUIDPipe({ optional: true })) candidateId?: string,
  ) {
    return this.matching.list({ postingId, candidateId });
  }
}
