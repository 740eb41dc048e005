import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationProblem, type InvalidParam } from './problem-details.filter';
import { unstorableText } from './storable-text';

/**
 * Checks request input (a body, the query, an NDJSON line) against a zod schema and for text
 * that cannot be stored; `root` names the input as a whole in the report.
 */
export function validateInput<TSchema extends z.ZodType>(
  schema: TSchema,
  value: unknown,
  root: string,
): { success: true; data: z.infer<TSchema> } | { success: false; issues: InvalidParam[] } {
  const result = schema.safeParse(value);
  const text = unstorableText(value, root);
  if (result.success && text.length === 0) return { success: true, data: result.data };
  const issues = result.success ? [] : result.error.issues.map((issue) => ({ name: issue.path.join('.') || root, reason: issue.message }));
  return { success: false, issues: [...issues, ...text.filter((param) => !issues.some((issue) => issue.name === param.name && issue.reason === param.reason))] };
}

/** Validates a request body against a zod schema; failures become problem details naming the fields. */
@Injectable()
export class ZodBodyPipe<TSchema extends z.ZodType> implements PipeTransform<unknown, z.infer<TSchema>> {
  constructor(private readonly schema: TSchema) {}

  transform(value: unknown): z.infer<TSchema> {
    const result = validateInput(this.schema, value, '(body)');
    if (!result.success) throw new ValidationProblem(result.issues);
    return result.data;
  }
}
