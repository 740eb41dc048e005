import { z } from 'zod';
import type { Io } from './contract-catalogue';

export type JsonSchema = Record<string, unknown>;

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * zod 4's own converter. `io: 'input'` describes what a client may send (defaults make fields
 * optional, unknown payload fields are refused), `'output'` what the platform publishes (defaults
 * applied). Published events are open for extension: their schemas do not forbid additional
 * properties, because adding an optional field is a compatible change that readers must tolerate.
 * Unrepresentable types (transforms, dates, …) fail generation instead of turning into an
 * "anything" schema; shared sub-schemas are inlined so every file stands alone.
 */
export function toJsonSchema(schema: z.ZodType, io: Io, target: 'draft-2020-12' | 'draft-07'): JsonSchema {
  return z.toJSONSchema(schema, {
    target,
    io,
    unrepresentable: 'throw',
    cycles: 'throw',
    reused: 'inline',
    override: ({ jsonSchema }) => {
      if (io === 'output' && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  });
}

/** The same schema without its `$schema` keyword, for embedding into the AsyncAPI document. */
export function embeddable(schema: JsonSchema): JsonSchema {
  const rest = { ...schema };
  delete rest.$schema;
  return rest;
}
