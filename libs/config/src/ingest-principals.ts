import { organisationIdSchema } from '@talent/contracts';
import { z } from 'zod';

/** An ingest principal: a Kafka user that may write the commands of the organisations bound to it. */
export interface IngestPrincipal {
  principal: string;
  organisations: readonly string[];
}

/** Kafka user names that also make a legal topic-name suffix (letters, digits, `.`, `_`, `-`). */
const principalName = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * `INGEST_PRINCIPALS`, e.g. `pipeline-a=acme|globex;pipeline-b=initech`: which Kafka user may write
 * which organisations' ingest commands. Set, the service consumes one ingest topic per principal
 * (`<ingest topic>.<principal>`, writable only by that principal) and dead-letters as `forbidden` a
 * command for an organisation not bound to the topic's principal. Unset (or empty), it consumes the
 * shared ingest topic, whose writers are trusted with every organisation.
 */
export const ingestPrincipalsSchema = z
  .string()
  .optional()
  .transform((value, context): readonly IngestPrincipal[] | undefined => {
    if (value === undefined || value.trim() === '') return undefined;
    const principals: IngestPrincipal[] = [];
    for (const entry of value.split(';').map((part) => part.trim()).filter(Boolean)) {
      const parsed = parseEntry(entry, principals);
      if (typeof parsed === 'string') {
        context.addIssue({ code: 'custom', message: `${parsed} (expected e.g. pipeline-a=acme|globex;pipeline-b=initech)` });
        return z.NEVER;
      }
      principals.push(parsed);
    }
    return principals.length > 0 ? principals : undefined;
  });

/** One `<principal>=<organisation>|…` entry, or what is wrong with it. */
function parseEntry(entry: string, earlier: readonly IngestPrincipal[]): IngestPrincipal | string {
  const [principal = '', list, ...rest] = entry.split('=').map((part) => part.trim());
  if (!principalName.test(principal)) return `principal ${JSON.stringify(principal)}: letters, digits, . _ - only (1 to 100)`;
  // `<topic>.dlq` is a dead-letter topic: such a principal's ingest topic would be another's dead letters.
  if (principal === 'dlq' || principal.endsWith('.dlq')) return `principal ${JSON.stringify(principal)}: must not be or end in .dlq (dead-letter topics end so)`;
  if (list === undefined || list === '' || rest.length > 0) return `${principal}: write ${principal}=<organisation>|<organisation>…`;
  if (earlier.some((known) => known.principal === principal)) return `${principal} is named twice`;
  const organisations = list.split('|').map((id) => id.trim());
  const bad = organisations.find((id) => !organisationIdSchema.safeParse(id).success);
  if (bad !== undefined) return `${principal}: ${JSON.stringify(bad)} is not an organisation id`;
  return { principal, organisations: [...new Set(organisations)] };
}

/**
 * The warning a service logs when it authenticates to Kafka but reads the shared ingest topic:
 * then the broker's ACLs on that topic are all that stands between a writer and every organisation.
 */
export function sharedIngestWarning(
  env: { KAFKA_SASL_MECHANISM?: string; INGEST_PRINCIPALS?: readonly IngestPrincipal[] },
  topic: string,
): string | undefined {
  if (env.KAFKA_SASL_MECHANISM === undefined || env.INGEST_PRINCIPALS !== undefined) return undefined;
  return `KAFKA_SASL_MECHANISM is set but INGEST_PRINCIPALS is not: ${topic} is consumed as one shared topic, and whoever may write it may write any organisation's records. Bind each ingestion pipeline's Kafka user to its organisations with INGEST_PRINCIPALS.`;
}
