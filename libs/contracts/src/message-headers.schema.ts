import { z } from 'zod';

/** The Kafka headers of every message on the platform's topics (structured-mode CloudEvents). */
export const messageHeadersSchema = z.object({
  'content-type': z
    .literal('application/cloudevents+json')
    .describe('Structured-mode CloudEvents (the Kafka protocol binding): the whole event, attributes and data, is the JSON value.'),
  traceparent: z
    .string()
    .regex(/^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/, 'must be a W3C traceparent')
    .optional()
    .describe('W3C trace context of the publishing span; consumers continue the trace from it.'),
  tracestate: z.string().max(512).optional().describe('W3C trace state, vendor-specific, passed along unchanged.'),
});

export type MessageHeaders = z.infer<typeof messageHeadersSchema>;
