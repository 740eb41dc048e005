import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { externalIdSchema } from '@talent/contracts';
import { BULK_LIMITS, callerOrganisation, NdjsonUpload, readNdjsonUpload, Scopes, type InvalidParam } from '@talent/service-kit';
import type { z } from 'zod';
import { createCandidateSchema } from './candidate-request.schema';
import { CandidatesService, type ChangeResult, type UpsertOutcome } from './candidates.service';

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
   * stored; an invalid line rejects only itself), then stores the valid records in order, in
   * transactions of up to `BULK_TRANSACTION_LINES` records.
   */
  @Post()
  @HttpCode(200)
  @Scopes('candidates:write')
  @NdjsonUpload()
  @ApiOperation({
    summary: 'Import candidates from NDJSON',
    description:
      'One candidate per line (the `POST /candidates` body, `externalId` required). The answer lists each line’s outcome. ' +
      `Limits: at most ${BULK_LIMITS.maxLines} lines and ${BULK_LIMITS.maxBytes} bytes per upload (else 413, nothing stored), ` +
      `${BULK_LIMITS.maxLineBytes} bytes per line (a longer line is rejected alone). Another content type than application/x-ndjson: 415.`,
  })
  async import(@Req() request: Request): Promise<BulkResult> {
    const lines = await readNdjsonUpload(request, bulkLineSchema, callerOrganisation(request));
    const stored = new Map<number, BulkLineResult>();
    const valid = lines.flatMap((checked) => ('errors' in checked ? [] : [checked]));
    for (let i = 0; i < valid.length; i += BULK_TRANSACTION_LINES) {
      const chunk = valid.slice(i, i + BULK_TRANSACTION_LINES);
      const results = await this.candidates.applyChanges(chunk.map(({ record }) => ({ kind: 'upsert', input: record })));
      chunk.forEach(({ line, record }, j) => stored.set(line, toLineResult(line, record, results[j]!)));
    }
    const summary = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const results = lines.map((checked): BulkLineResult => {
      const result: BulkLineResult = 'errors' in checked ? { line: checked.line, outcome: 'rejected', errors: checked.errors } : stored.get(checked.line)!;
      summary.total += 1;
      summary[result.outcome] += 1;
      return result;
    });
    return { summary, results };
  }
}

/** Records stored per transaction by a bulk import. */
const BULK_TRANSACTION_LINES = 500;

function toLineResult(line: number, record: z.infer<typeof bulkLineSchema>, result: ChangeResult): BulkLineResult {
  // Upserts are never refused once their line is valid; a refusal would still be reported, not lost.
  if ('rejected' in result) return { line, outcome: 'rejected', externalId: record.externalId, errors: [{ name: 'externalId', reason: result.rejected }] };
  return { line, outcome: result.outcome, id: result.candidate.id, externalId: record.externalId };
}
