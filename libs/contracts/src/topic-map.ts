import type { z } from 'zod';
import { candidateEventSchema } from './candidate-events.schema';
import { candidateCommandSchema, postingCommandSchema } from './ingest-commands.schema';
import { matchEventSchema } from './match-events.schema';
import { notificationEventSchema } from './notification-events.schema';
import { postingEventSchema } from './posting-events.schema';
import { Topics, type Topic } from './topics';

/** Topic → message schema. Producers and consumers are typed against it. */
export const topicSchemas = {
  [Topics.postingsIngest]: postingCommandSchema,
  [Topics.candidatesIngest]: candidateCommandSchema,
  [Topics.postings]: postingEventSchema,
  [Topics.candidates]: candidateEventSchema,
  [Topics.matches]: matchEventSchema,
  [Topics.notifications]: notificationEventSchema,
} as const satisfies Record<Topic, z.ZodType>;

export type EventOf<T extends Topic> = z.infer<(typeof topicSchemas)[T]>;

export type EventTypeOf<T extends Topic> = EventOf<T>['type'];

/** The payload (`data`) of one event type on one topic. */
export type DataOf<T extends Topic, TType extends EventTypeOf<T>> = Extract<EventOf<T>, { type: TType }>['data'];
