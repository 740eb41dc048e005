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

  /** Posting events in one statement: the newest version of each posting, if newer than the one held. */
  async applyMany(events: readonly PostingEvent[]): Promise<void> {
    const newest = new Map<string, PostingEvent['data']>();
    for (const { data } of events) if ((newest.get(data.id)?.version ?? 0) < data.version) newest.set(data.id, data);
    const postings = [...newest.values()];
    await this.dataSource.query(
      `INSERT INTO notifier_postings (id, organisation_id, title, status, version)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[])
       ON CONFLICT (id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, title = EXCLUDED.title,
         status = EXCLUDED.status, version = EXCLUDED.version, updated_at = now()
       WHERE notifier_postings.version < EXCLUDED.version`,
      [
        postings.map((posting) => posting.id),
        postings.map((posting) => posting.organisationId),
        postings.map((posting) => posting.title),
        postings.map((posting) => posting.status),
        postings.map((posting) => posting.version),
      ],
    );
  }
}
