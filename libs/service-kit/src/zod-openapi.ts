import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/** The request body of an operation, documented from the zod schema that validates it. */
export function ApiZodBody(schema: z.ZodType, description?: string): MethodDecorator {
  return ApiBody({ description, schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as object });
}

/** Query parameters of an operation, documented from the zod object schema that validates them. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as {
    properties?: Record<string, object>;
    required?: string[];
  };
  const decorators = Object.entries(json.properties ?? {}).map(([name, property]) =>
    ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property }),
  );
  return (target, key, descriptor) => {
    for (const decorator of decorators) decorator(target, key, descriptor);
  };
}
