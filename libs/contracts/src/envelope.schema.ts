import { z } from 'zod';

/**
 * CloudEvents 1.0 attributes shared by every event (structured mode, JSON).
 * `subject` is the aggregate id and doubles as the Kafka message key, so one aggregate's events
 * stay in one partition and in order.
 */
export const envelopeAttributesSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string().min(1).max(1_000),
  time: z.iso.datetime({ offset: true }),
  /** An aggregate id, or `<organisationId>/<externalId>` (at most 100 + 1 + 200) for an ingest command. */
  subject: z.string().min(1).max(400),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1).max(1_000),
});

export type EnvelopeAttributes = z.infer<typeof envelopeAttributesSchema>;

/** Builds the schema of one event type: fixed `type`, its `dataschema` version and its payload. */
export function eventSchema<TType extends string, TData extends z.ZodType>(
  type: TType,
  version: number,
  data: TData,
) {
  return envelopeAttributesSchema.extend({
    type: z.literal(type),
    dataschema: z.literal(dataSchemaUri(type, version)),
    data,
  });
}

export function dataSchemaUri(type: string, version: number): string {
  return `urn:talent-match:schema:${type}:${version}`;
}
