import { CreateIdempotencyKeys1763880000010, IdempotencyKeysPerTenant1763880000030 } from '@talent/persistence';
import { CreateOutbox1763880000000, OutboxEntity } from '@talent/outbox';
import { CreatePostings1763880000100 } from './migrations/1763880000100-create-postings';
import { PostingMatchingOptions1763880000110 } from './migrations/1763880000110-posting-matching-options';
import { PostingVisibility1763880000120 } from './migrations/1763880000120-posting-visibility';
import { PostingApplicantLocation1763880000130 } from './migrations/1763880000130-posting-applicant-location';
import { PostingExtraction1763880000140 } from './migrations/1763880000140-posting-extraction';
import { PostingEntity } from './postings/posting.entity';

export const postingsDatabase = {
  entities: [PostingEntity, OutboxEntity],
  migrations: [
    CreateOutbox1763880000000,
    CreateIdempotencyKeys1763880000010,
    IdempotencyKeysPerTenant1763880000030,
    CreatePostings1763880000100,
    PostingMatchingOptions1763880000110,
    PostingVisibility1763880000120,
    PostingApplicantLocation1763880000130,
    PostingExtraction1763880000140,
  ],
};
