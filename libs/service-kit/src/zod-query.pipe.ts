import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationProblem } from './problem-details.filter';
import { validateInput } from './zod-body.pipe';

/** Validates query parameters against a zod schema; failures name the parameters. */
@Injectable()
export class ZodQueryPipe<TSchema extends z.ZodType> implements PipeTransform<unknown, z.infer<TSchema>> {
  constructor(private readonly schema: TSchema) {}

  transform(value: unknown): z.infer<TSchema> {
    const result = validateInput(this.schema, value, '(query)');
    if (!result.success) throw new ValidationProblem(result.issues);
    return result.data;
  }
}
