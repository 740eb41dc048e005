import { z } from 'zod';

/**
 * Settings every service shares. Each has a safe local default, so the embedded setup
 * (local Kafka from jars, local PostgreSQL) needs no `.env` file.
 */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .refine((value) => value.split(',').every((broker) => /^[\w.-]+:\d{1,5}$/.test(broker.trim())), {
      message: 'must be a comma-separated list of host:port',
    }),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(4),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** TLS to the brokers (`true` for managed clusters); the local broker is plaintext. */
  KAFKA_SSL: z.enum(['true', 'false']).default('false'),
  /** PEM file of the certificate authority to trust for KAFKA_SSL (default: the system's). */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  /** SASL authentication to the brokers; with a mechanism, username and password are required. */
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(100),
  /**
   * A consumer's fetch is answered once this many bytes are there or KAFKA_FETCH_MAX_WAIT_MS has
   * passed (Kafka's fetch.min.bytes / fetch.max.wait.ms): under load a fetch, and so a
   * transaction, carries many events; idle, an event waits at most the wait time.
   */
  KAFKA_FETCH_MIN_BYTES: z.coerce.number().int().min(1).max(52_428_800).default(32_768),
  KAFKA_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(1).max(10_000).default(50),
});

/** For `schema.superRefine(...)`: a SASL mechanism needs its username and password. */
export function refineKafkaSecurityEnv(
  env: { KAFKA_SASL_MECHANISM?: string; KAFKA_SASL_USERNAME?: string; KAFKA_SASL_PASSWORD?: string },
  context: z.RefinementCtx,
): void {
  if (env.KAFKA_SASL_MECHANISM === undefined) return;
  for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
    if (env[name] === undefined) {
      context.addIssue({ code: 'custom', path: [name], message: `required when KAFKA_SASL_MECHANISM is set` });
    }
  }
}

/** A PostgreSQL URL whose database part names the service's own database. */
export function databaseUrl(defaultDatabase: string) {
  return z
    .string()
    .default(`postgres://postgres@127.0.0.1:5432/${defaultDatabase}`)
    .refine(isPostgresUrlWithDatabase, { message: 'must be a postgres:// URL naming a database, e.g. postgres://user@host:5432/db' });
}

function isPostgresUrlWithDatabase(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

export const portSchema = (defaultPort: number) => z.coerce.number().int().min(0).max(65_535).default(defaultPort);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; the error names every bad variable and why. */
export function parseEnv<TSchema extends z.ZodObject>(
  schema: TSchema,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<TSchema> {
  const result = schema.safeParse(env);
  if (result.success) {
    return result.data;
  }
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}

/** For `main.ts`: a bad configuration stops the process at once with a message naming the variable. */
export function loadEnvOrExit<TSchema extends z.ZodObject>(schema: TSchema, serviceName: string): z.infer<TSchema> {
  try {
    return parseEnv(schema, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${serviceName}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
