/** The header names are part of the contract; they live in `@talent/contracts`. */
export { DeadLetterHeaders } from '@talent/contracts';

/** Kafka header values arrive as Buffers, strings, or (after Nest's parser) objects. */
export function headerToString(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (Buffer.isBuffer(value)) {
    return value.toString('utf8');
  }
  if (Array.isArray(value)) {
    return headerToString(value[0]);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function headersToStrings(headers: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const text = headerToString(value);
    if (text !== undefined) {
      result[name] = text;
    }
  }
  return result;
}
