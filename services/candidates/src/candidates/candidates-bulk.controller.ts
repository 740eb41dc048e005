import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { externalIdSchema } from '@talent/contracts';
import { callerOrganisation, ndjsonLines, Scopes, type InvalidParam } from '@talent/service-kit';
import { createCandidateSchema } from './candidate-request.schema';
import { CandidatesService, type UpsertOutcome } from './candidates.service';

const MAX_LINE_BYTES = 256 * 1024;

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
   * Reads the upload line by line as it arrives (never the whole body at once) and stores each
   * valid record in its own transaction, so one bad line rejects only itself.
   */
  @Post()
  @HttpCode(200)
  @Scopes('candidates:write')
  @ApiConsumes('application/x-ndjson')
  @ApiOperation({
    summary: 'Import candidates from NDJSON',
    description: 'One candidate per line (the `POST /candidates` body, `externalId` required). The answer lists each line’s outcome.',
  })
  async import(@Req() request: Request): Promise<BulkResult> {
    const summary = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const results: BulkLineResult[] = [];
    for await (const { line, text, tooLong } of ndjsonLines(request, MAX_LINE_BYTES)) {
      summary.total += 1;
      const result = tooLong
        ? { line, outcome: 'rejected' as const, errors: [{ name: '(line)', reason: `longer than ${MAX_LINE_BYTES} bytes` }] }
        : await this.importLine(line, text, callerOrganisation(request));
      summary[result.outcome] += 1;
      results.push(result);
    }
    return { summary, results };
  }

  /** With a token, a line of another organisation is rejected and one without is the token's. */
  private async importLine(line: number, text: string, organisation: string | undefined): Promise<BulkLineResult> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { line, outcome: 'rejected', errors: [{ name: '(line)', reason: `not JSON: ${(error as Error).message}` }] };
    }
    const given = (json as { organisationId?: unknown } | null)?.organisationId;
    if (organisation !== undefined && given !== undefined && given !== organisation) {
      return { line, outcome: 'rejected', errors: [{ name: 'organisationId', reason: 'does not match the organisation of the token' }] };
    }
    const parsed = bulkLineSchema.safeParse(organisation !== undefined && typeof json === 'object' && json !== null && !Array.isArray(json) ? { ...json, organisationId: organisation } : json);
    if (!parsed.success) {
      return {
        line,
        outcome: 'rejected',
        errors: parsed.error.issues.map((issue) => ({ name: issue.path.join('.') || '(line)', reason: issue.message })),
      };
    }
    const { outcome, candidate } = await this.candidates.upsertOne(parsed.data);
    return { line, outcome, id: candidate.id, externalId: parsed.data.externalId };
  }
}
