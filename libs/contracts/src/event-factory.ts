import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { topicSchemas, type DataOf, type EventOf, type EventTypeOf } from './topic-map';
import type { Topic } from './topics';

export interface NewEvent<T extends Topic, TType extends EventTypeOf<T>> {
  topic: T;
  type: TType;
  source: string;
  subject: string;
  data: DataOf<T, TType>;
  time?: Date;
}

/**
 * Wraps a payload in its envelope and validates the whole event, so an invalid event fails at
 * the producer instead of reaching consumers.
 */
export function createEvent<T extends Topic, TType extends EventTypeOf<T>>(input: NewEvent<T, TType>): EventOf<T> {
  const candidate = {
    specversion: '1.0',
    id: randomUUID(),
    type: input.type,
    source: input.source,
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject,
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(input.topic, input.type),
    data: input.data,
  };
  return topicSchemas[input.topic].parse(candidate) as EventOf<T>;
}

/** The `dataschema` (and so the version) the topic's schema prescribes for an event type. */
function dataSchemaOf(topic: Topic, type: string): string | undefined {
  const { options } = topicSchemas[topic] as unknown as { options: readonly z.ZodObject[] };
  const schema = options.find((option) => (option.shape.type as { value?: unknown } | undefined)?.value === type);
  const dataschema = (schema?.shape.dataschema as { value?: unknown } | undefined)?.value;
  return typeof dataschema === 'string' ? dataschema : undefined;
}

export type ParseResult<T extends Topic> =
  | { ok: true; event: EventOf<T> }
  | { ok: false; reason: string };

/** Validates a consumed message against its topic's schema; the reason names the failing fields. */
export function parseEvent<T extends Topic>(topic: T, raw: Buffer | string | null | undefined): ParseResult<T> {
  if (raw === null || raw === undefined || raw.length === 0) {
    return { ok: false, reason: 'empty message value' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const result = topicSchemas[topic].safeParse(json);
  if (!result.success) {
    const reason = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, reason };
  }
  return { ok: true, event: result.data as EventOf<T> };
}
