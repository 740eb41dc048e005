import { CreateOutbox1763880000000, OutboxEntity } from '@talent/persistence';
import { CreateMatcherState1763880000300 } from './migrations/1763880000300-create-matcher-state';

export const matcherDatabase = {
  entities: [OutboxEntity],
  migrations: [CreateOutbox1763880000000, CreateMatcherState1763880000300],
};
