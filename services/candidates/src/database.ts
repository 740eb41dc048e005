import { CreateIdempotencyKeys1763880000010, CreateOutbox1763880000000, OutboxEntity } from '@talent/persistence';
import { CandidateEntity } from './candidates/candidate.entity';
import { CreateCandidates1763880000200 } from './migrations/1763880000200-create-candidates';
import { CandidateWillingToRelocate1763880000210 } from './migrations/1763880000210-candidate-willing-to-relocate';

export const candidatesDatabase = {
  entities: [CandidateEntity, OutboxEntity],
  migrations: [CreateOutbox1763880000000, CreateIdempotencyKeys1763880000010, CreateCandidates1763880000200, CandidateWillingToRelocate1763880000210],
};
