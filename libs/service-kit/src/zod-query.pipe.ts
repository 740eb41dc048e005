import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationProblem } from './problem-details.filter';

/** Validates query parameters against a zod schema; failures name the parameters. */
@Injectable()
export class ZodQueryPipe<TSchema extends z.ZodType> implements PipeTransform<unknown, z.infer<TSchema>> {
  constructor(private readonly schema: TSchema) {}

  transform(value: unknown): z.infer<TSchema> {
    const result = this.schema.safeParse(value);
    if (!result.success) {
      throw new ValidationProblem(result.error.issues.map((issue) => ({ name: issue.path.join('.') || '(query)', reason: issue.message })));
    }
    return result.data;
  }
}
