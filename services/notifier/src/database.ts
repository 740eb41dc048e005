import { CreateOutbox1763880000000, OutboxEntity } from '@talent/persistence';
import { CreateNotifications1763880000400 } from './migrations/1763880000400-create-notifications';
import { RecruitersSubscriptionsDeliveries1763880000410 } from './migrations/1763880000410-recruiters-subscriptions-deliveries';
import { DeliveryOrder1763880000420 } from './migrations/1763880000420-delivery-order';
import { DeliveryClaimIndex1763880000430 } from './migrations/1763880000430-delivery-claim-index';

export const notifierDatabase = {
  entities: [OutboxEntity],
  migrations: [CreateOutbox1763880000000, CreateNotifications1763880000400, RecruitersSubscriptionsDeliveries1763880000410, DeliveryOrder1763880000420, DeliveryClaimIndex1763880000430],
};
