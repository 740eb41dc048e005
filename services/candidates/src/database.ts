import { CreateIdempotencyKeys1763880000010, IdempotencyKeysPerTenant1763880000030 } from '@talent/persistence';
import { CreateOutbox1763880000000, OutboxEntity, OutboxTombstones1763880000020 } from '@talent/outbox';
import { CandidateEntity } from './candidates/candidate.entity';
import { CreateCandidates1763880000200 } from './migrations/1763880000200-create-candidates';
import { CandidateWillingToRelocate1763880000210 } from './migrations/1763880000210-candidate-willing-to-relocate';
import { CandidateErasures1763880000220 } from './migrations/1763880000220-candidate-erasures';
import { CandidateOpenToPublicPostings1763880000230 } from './migrations/1763880000230-candidate-open-to-public-postings';

export const candidatesDatabase = {
  entities: [CandidateEntity, OutboxEntity],
  migrations: [
    CreateOutbox1763880000000,
    CreateIdempotencyKeys1763880000010,
    IdempotencyKeysPerTenant1763880000030,
    OutboxTombstones1763880000020,
    CreateCandidates1763880000200,
    CandidateWillingToRelocate1763880000210,
    CandidateErasures1763880000220,
    CandidateOpenToPublicPostings1763880000230,
  ],
};
