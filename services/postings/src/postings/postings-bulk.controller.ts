import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { externalIdSchema } from '@talent/contracts';
import { BULK_LIMITS, callerOrganisation, NdjsonUpload, readNdjsonUpload, Scopes, type InvalidParam } from '@talent/service-kit';
import { createPostingSchema } from './posting-request.schema';
import { PUBLISH_PUBLIC_SCOPE, visibilityRefusal } from './public-visibility';
import { PostingsService, type UpsertOutcome } from './postings.service';

/** In bulk, every record needs the pipeline's own id, so a re-sent file updates instead of duplicating. */
const bulkLineSchema = createPostingSchema.extend({ externalId: externalIdSchema });

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

@ApiTags('postings')
@Controller('postings/bulk')
export class PostingsBulkController {
  constructor(private readonly postings: PostingsService) {}

  /**
   * Reads and checks the whole upload first (an upload over the limits is refused with nothing
   * stored; an invalid line rejects only itself), then stores the valid records in order, in
   * transactions of up to `BULK_TRANSACTION_LINES` records.
   */
  @Post()
  @HttpCode(200)
  @Scopes('postings:write')
  @NdjsonUpload()
  @ApiOperation({
    summary: 'Import postings from NDJSON',
    description:
      'One posting per line (the `POST /postings` body, `externalId` required). The answer lists each line’s outcome. ' +
      `A line with \`visibility: public\` is rejected unless the token holds ${PUBLISH_PUBLIC_SCOPE}. ` +
      `Limits: at most ${BULK_LIMITS.maxLines} lines and ${BULK_LIMITS.maxBytes} bytes per upload (else 413, nothing stored), ` +
      `${BULK_LIMITS.maxLineBytes} bytes per line (a longer line is rejected alone). Another content type than application/x-ndjson: 415.`,
  })
  async import(@Req() request: Request): Promise<BulkResult> {
    // A public posting without the scope to publish publicly rejects its line alone.
    const lines = (await readNdjsonUpload(request, bulkLineSchema, callerOrganisation(request))).map((checked) => {
      const refusal = 'errors' in checked ? undefined : visibilityRefusal(request, checked.record.visibility);
      return refusal === undefined ? checked : { line: checked.line, errors: [{ name: 'visibility', reason: refusal }] };
    });
    const stored = new Map<number, BulkLineResult>();
    const valid = lines.flatMap((checked) => ('errors' in checked ? [] : [checked]));
    for (let i = 0; i < valid.length; i += BULK_TRANSACTION_LINES) {
      const chunk = valid.slice(i, i + BULK_TRANSACTION_LINES);
      const results = await this.postings.upsertMany(chunk.map(({ record }) => record));
      chunk.forEach(({ line, record }, j) => stored.set(line, { line, outcome: results[j]!.outcome, id: results[j]!.posting.id, externalId: record.externalId }));
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
