import { CreateOutbox1763880000000, OutboxEntity } from '@talent/outbox';
import { CreateNotifications1763880000400 } from './migrations/1763880000400-create-notifications';
import { RecruitersSubscriptionsDeliveries1763880000410 } from './migrations/1763880000410-recruiters-subscriptions-deliveries';
import { DeliveryOrder1763880000420 } from './migrations/1763880000420-delivery-order';
import { DeliveryClaimIndex1763880000430 } from './migrations/1763880000430-delivery-claim-index';
import { ErasedMatches1763880000440 } from './migrations/1763880000440-erased-matches';
import { WebhookSecretRotation1763880000450 } from './migrations/1763880000450-webhook-secret-rotation';

export const notifierDatabase = {
  entities: [OutboxEntity],
  migrations: [CreateOutbox1763880000000, CreateNotifications1763880000400, RecruitersSubscriptionsDeliveries1763880000410, DeliveryOrder1763880000420, DeliveryClaimIndex1763880000430, ErasedMatches1763880000440, WebhookSecretRotation1763880000450],
};
