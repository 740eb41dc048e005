import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostingEvent } from '@talent/contracts';

/**
 * The notifier's read model of postings: organisation and title, for deciding who may hear of a
 * match and for the text of messages. Applied only if newer, so replays change nothing.
 */
@Injectable()
export class PostingDirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async apply(event: PostingEvent): Promise<void> {
    const posting = event.data;
    await this.dataSource.query(
      `INSERT INTO notifier_postings (id, organisation_id, title, status, version) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, title = EXCLUDED.title,
         status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
       WHERE notifier_postings.version < EXCLUDED.version`,
      [posting.id, posting.organisationId, posting.title, posting.status, posting.version],
    );
  }
}
