import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { externalIdSchema } from '@talent/contracts';
import { BULK_LIMITS, callerOrganisation, readNdjsonUpload, Scopes, type InvalidParam } from '@talent/service-kit';
import type { z } from 'zod';
import { createCandidateSchema } from './candidate-request.schema';
import { CandidatesService, type UpsertOutcome } from './candidates.service';

/** In bulk, every record needs the pipeline's own id, so a re-sent file updates instead of duplicating. */
const bulkLineSchema = createCandidateSchema.extend({ externalId: externalIdSchema });

export interface BulkLineResult {
  line: number;
  outcome: UpsertOutcome | 'rejected';
  id?: string;
  externalId?: string;
  errors?: InvalidParam[];
}

export interface BulkResult {
  summary: Record<UpsertOutcome | 'rejected' | 'total', number>;
  results: BulkLineResult[];
}

@ApiTags('candidates')
@Controller('candidates/bulk')
export class CandidatesBulkController {
  constructor(private readonly candidates: CandidatesService) {}

  /**
   * Reads and checks the whole upload first (an upload over the limits is refused with nothing
   * stored), then stores each valid record in its own transaction, so one bad line rejects only itself.
   */
  @Post()
  @HttpCode(200)
  @Scopes('candidates:write')
  @ApiConsumes('application/x-ndjson')
  @ApiOperation({
    summary: 'Import candidates from NDJSON',
    description:
      'One candidate per line (the `POST /candidates` body, `externalId` required). The answer lists each line’s outcome. ' +
      `Limits: at most ${BULK_LIMITS.maxLines} lines and ${BULK_LIMITS.maxBytes} bytes per upload (else 413, nothing stored), ` +
      `${BULK_LIMITS.maxLineBytes} bytes per line (a longer line is rejected alone). Another content type than application/x-ndjson: 415.`,
  })
  async import(@Req() request: Request): Promise<BulkResult> {
    const lines = await readNdjsonUpload(request, bulkLineSchema, callerOrganisation(request));
    const summary = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const results: BulkLineResult[] = [];
    for (const checked of lines) {
      const result: BulkLineResult =
        'errors' in checked ? { line: checked.line, outcome: 'rejected', errors: checked.errors } : await this.store(checked.line, checked.record);
      summary.total += 1;
      summary[result.outcome] += 1;
      results.push(result);
    }
    return { summary, results };
  }

  private async store(line: number, record: z.infer<typeof bulkLineSchema>): Promise<BulkLineResult> {
    const { outcome, candidate } = await this.candidates.upsertOne(record);
    return { line, outcome, id: candidate.id, externalId: record.externalId };
  }
}
