import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationProblem } from './problem-details.filter';

/** Validates a request body against a zod schema; failures become problem details naming the fields. */
@Injectable()
export class ZodBodyPipe<TSchema extends z.ZodType> implements PipeTransform<unknown, z.infer<TSchema>> {
  constructor(private readonly schema: TSchema) {}

  transform(value: unknown): z.infer<TSchema> {
    const result = this.schema.safeParse(value);
    if (!result.success) {
      throw new ValidationProblem(
        result.error.issues.map((issue) => ({ name: issue.path.join('.') || '(body)', reason: issue.message })),
      );
    }
    return result.data;
  }
}
