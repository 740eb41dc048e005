import { CreateOutbox1763880000000, OutboxEntity, OutboxTombstones1763880000020 } from '@talent/outbox';
import { CreateMatcherState1763880000300 } from './migrations/1763880000300-create-matcher-state';
import { CandidatePartition1763880000310 } from './migrations/1763880000310-candidate-partition';
import { DropSkillGinIndexes1763880000320 } from './migrations/1763880000320-drop-skill-gin-indexes';

export const matcherDatabase = {
  entities: [OutboxEntity],
  migrations: [CreateOutbox1763880000000, OutboxTombstones1763880000020, CreateMatcherState1763880000300, CandidatePartition1763880000310, DropSkillGinIndexes1763880000320],
};
