import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The workspace root: libs/testing/src is three levels below it. */
const workspaceRoot = join(__dirname, '..', '..', '..');

interface ComposeFile {
  services?: Record<string, { environment?: Record<string, string | number | boolean | null> | string[]; ports?: Array<string | number | { host_ip?: string }> }>;
}

/**
 * Every port docker-compose.yml publishes, by service, as written (`"127.0.0.1:3001:3001"`); a
 * long-form entry is given as `<host_ip>:…` (empty when it names none, i.e. every interface).
 */
export function composePublishedPorts(file = join(workspaceRoot, 'docker-compose.yml')): Record<string, string[]> {
  const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
  return Object.fromEntries(
    Object.entries(compose.services ?? {}).map(([name, definition]) => [
      name,
      (definition.ports ?? []).map((port) => (typeof port === 'object' ? `${port.host_ip ?? ''}:…` : String(port))),
    ]),
  );
}

/**
 * The environment docker-compose.yml gives one service, with YAML merge keys (`<<:`) resolved and
 * values as strings, as a container would see them.
 */
export function composeEnvironment(service: string, file = join(workspaceRoot, 'docker-compose.yml')): Record<string, string> {
  const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
  const definition = compose.services?.[service];
  if (!definition) throw new Error(`docker-compose.yml has no service named ${service}`);
  const environment = definition.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const index = entry.indexOf('=');
        return index < 0 ? [entry, ''] : [entry.slice(0, index), entry.slice(index + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** Variables read by the OpenTelemetry SDK itself rather than by a service's schema. */
export const isOpenTelemetryVariable = (name: string): boolean => name.startsWith('OTEL_');
