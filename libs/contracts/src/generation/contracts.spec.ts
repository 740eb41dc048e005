import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { parse as parseYaml } from 'yaml';
import { deadLetterHeadersSchema, DeadLetterHeaders } from '../dead-letter.schema';
import { dataSchemaUri } from '../envelope.schema';
import { parseEvent } from '../event-factory';
import { messageHeadersSchema } from '../message-headers.schema';
import { deadLetterTopic, allTopics } from '../topics';
import { deadLetterChannelId, expectedKey, messageIdOf, messagesOf, topicContracts } from './contract-catalogue';
import { ASYNCAPI_FILE, GENERATE_COMMAND, generateContracts, SCHEMAS_DIR } from './generate-contracts';

const root = join(__dirname, '..', '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Example {
  name: string;
  headers: Record<string, string>;
  payload: { type?: string; subject?: string; data?: unknown };
}
interface Message {
  name: string;
  bindings: { kafka: { key: { examples: string[] } } };
  examples: Example[];
}
interface Document {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; messages: Array<{ $ref: string }> }>;
  components: { messages: Record<string, Message> };
}

/** The parser's diagnostics come from a nested copy of the severity enum: compare the numbers. */
const isError = (severity: unknown) => Number(severity) === Number(DiagnosticSeverity.Error);

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('generated contract files', () => {
  const generated = generateContracts();

  it('are what is committed (otherwise: run nx run contracts:generate)', () => {
    const stale = generated.filter((file) => !existsSync(join(root, file.path)) || read(file.path) !== file.content).map((file) => file.path);
    const wanted = new Set(generated.map((file) => file.path));
    const leftOver = listFiles(join(root, SCHEMAS_DIR))
      .map((path) => relative(root, path).split('\\').join('/'))
      .filter((path) => !wanted.has(path));
    const problems = [...stale.map((path) => `${path} differs`), ...leftOver.map((path) => `${path} is no longer generated`)];
    if (problems.length > 0) {
      throw new Error(`the committed contract files are stale, run ${GENERATE_COMMAND}:\n  ${problems.join('\n  ')}`);
    }
  });

  it('come out the same every time', () => {
    expect(generateContracts()).toEqual(generated);
  });

  it('cover every topic, and each topic’s message types as its schema lists them', () => {
    expect(topicContracts.map((contract) => contract.topic).sort()).toEqual([...allTopics].sort());
    const document = parseYaml(read(ASYNCAPI_FILE)) as Document;
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    // Every topic, and a dead-letter sibling for every topic a service consumes.
    const consumed = topicContracts.filter((contract) => contract.consumers.length > 0).map((contract) => contract.topic);
    expect(addresses.sort()).toEqual([...allTopics, ...consumed.map(deadLetterTopic)].sort());
    for (const contract of topicContracts) {
      const channel = document.channels[contract.channelId];
      expect(Object.keys(channel?.messages ?? {})).toEqual(messagesOf(contract).map((message) => messageIdOf(message.type)));
    }
  });
});

describe('the AsyncAPI document', () => {
  const parser = new Parser();

  it('parses with the official parser without errors', async () => {
    const { document, diagnostics } = await parser.parse(read(ASYNCAPI_FILE));
    const errors = diagnostics.filter((diagnostic) => isError(diagnostic.severity));
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document).toBeDefined();
    expect(document?.version()).toBe('3.0.0');
    expect(document?.channels().length).toBe(allTopics.length + topicContracts.filter((contract) => contract.consumers.length > 0).length);
    const operations = document?.operations().all() ?? [];
    // Every topic has a producer and a consumer, and every consumer a dead-letter operation.
    for (const contract of topicContracts) {
      const on = (address: string) => operations.filter((operation) => operation.channels().all().some((channel) => channel.address() === address));
      expect(on(contract.topic).map((operation) => operation.action()).sort()).toEqual(
        [...contract.producers.map(() => 'send'), ...contract.consumers.map(() => 'receive')].sort(),
      );
      expect(on(deadLetterTopic(contract.topic)).length).toBe(contract.consumers.length);
    }
  }, 30_000);

  it('refuses a broken document (the check can fail)', async () => {
    const broken = read(ASYNCAPI_FILE).replace('action: receive', 'action: listen');
    const { diagnostics } = await parser.parse(broken);
    expect(diagnostics.some((diagnostic) => isError(diagnostic.severity))).toBe(true);
  }, 30_000);

  describe('examples', () => {
    const document = parseYaml(read(ASYNCAPI_FILE)) as Document;

    for (const contract of topicContracts) {
      for (const message of messagesOf(contract)) {
        const id = messageIdOf(message.type);
        it(`${message.type}: key, headers and value satisfy the zod schemas`, () => {
          const published = document.components.messages[id];
          expect(published?.name).toBe(message.type);
          const examples = published?.examples ?? [];
          expect(examples.length).toBeGreaterThan(0);
          examples.forEach((example, index) => {
            const parsed = message.schema.safeParse(example.payload);
            if (!parsed.success) throw new Error(`example ${example.name}: ${parsed.error.message}`);
            if (message.io === 'output') {
              // What the platform publishes is already in output form: parsing changes nothing.
              expect(parsed.data).toEqual(example.payload);
            }
            expect(parseEvent(contract.topic, JSON.stringify(example.payload)).ok).toBe(true);
            expect(messageHeadersSchema.safeParse(example.headers).success).toBe(true);
            expect(published?.bindings.kafka.key.examples[index]).toBe(expectedKey(contract, example.payload));
          });
        });
      }

      if (contract.consumers.length === 0) continue; // nothing in the platform reads it: no dead letters
      it(`${deadLetterTopic(contract.topic)}: the example carries the reason its consumer would write`, () => {
        const published = document.components.messages[deadLetterChannelId(contract)];
        const example = published?.examples[0];
        expect(example).toBeDefined();
        expect(deadLetterHeadersSchema.safeParse(example?.headers).success).toBe(true);
        expect(example?.headers[DeadLetterHeaders.originalTopic]).toBe(contract.topic);
        expect(contract.consumers).toContain(example?.headers[DeadLetterHeaders.service]);
        const parsed = parseEvent(contract.topic, JSON.stringify(example?.payload));
        expect(parsed.ok).toBe(false);
        expect(example?.headers[DeadLetterHeaders.reason]).toBe(`invalid event: ${!parsed.ok ? parsed.reason : ''}`);
      });
    }
  });
});

describe('the JSON Schemas', () => {
  const files = generateContracts().filter((file) => file.path.startsWith(`${SCHEMAS_DIR}/`));

  it('exist for the whole message and for the data of every message type', () => {
    const expected = topicContracts.flatMap((contract) =>
      messagesOf(contract).flatMap((message) => ['events', 'data'].map((kind) => `${SCHEMAS_DIR}/${kind}/${message.type}.v${message.version}.json`)),
    );
    expect(files.map((file) => file.path).sort()).toEqual(expected.sort());
  });

  it.each(files.map((file) => [file.path, file.content] as const))('%s is a well-formed draft 2020-12 schema', (path, content) => {
    const schema = JSON.parse(content) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const [, kind, type, version] = /\/(events|data)\/(.+)\.v(\d+)\.json$/.exec(path) ?? [];
    expect(schema.$id).toBe(kind === 'data' ? dataSchemaUri(String(type), Number(version)) : `urn:talent-match:event:${type}:${version}`);
    expect(schema.type).toBe('object');
    if (kind === 'events') {
      const properties = schema.properties as Record<string, { const?: unknown }>;
      expect(properties.type?.const).toBe(type);
      expect(properties.dataschema?.const).toBe(dataSchemaUri(String(type), Number(version)));
      expect(schema.required).toEqual(expect.arrayContaining(['specversion', 'id', 'type', 'source', 'time', 'subject', 'dataschema', 'data']));
    }
    expect(structuralProblems(schema)).toEqual([]);
  });

  it('leave events open for extension and close commands to unknown payload fields', () => {
    const closedAnywhere = (schema: unknown): boolean =>
      typeof schema === 'object' && schema !== null &&
      ((schema as Record<string, unknown>).additionalProperties === false || Object.values(schema).some(closedAnywhere));
    for (const contract of topicContracts) {
      for (const message of messagesOf(contract)) {
        const file = files.find((candidate) => candidate.path === `${SCHEMAS_DIR}/data/${message.type}.v${message.version}.json`);
        expect([message.type, closedAnywhere(JSON.parse(file?.content ?? '{}'))]).toEqual([message.type, contract.kind === 'command']);
      }
    }
  });

  it('the structural check finds mistakes', () => {
    expect(structuralProblems({ type: 'object', properties: { a: { type: 'text' } }, required: ['b'] })).toEqual([
      '/properties/a: unknown type text',
      '/: requires b, which is not a property',
    ]);
  });
});

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/**
 * A minimal meta-schema check (no JSON Schema validator is installed): known types, well-formed
 * `properties`/`required`/`items`/`anyOf`/`oneOf`/`enum`, compilable patterns, no dangling `$ref`.
 */
function structuralProblems(schema: unknown, path = ''): string[] {
  if (typeof schema === 'boolean') return [];
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [`${path || '/'}: not a schema`];
  const node = schema as Record<string, unknown>;
  const problems: string[] = [];
  const at = path || '/';
  const types = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
  for (const type of types) if (!TYPES.has(String(type))) problems.push(`${at}: unknown type ${String(type)}`);
  if (node.$ref !== undefined) problems.push(`${at}: $ref ${JSON.stringify(node.$ref)} (schemas must be self-contained)`);
  if (node.pattern !== undefined) {
    try {
      if (typeof node.pattern !== 'string') throw new TypeError('not a string');
      new RegExp(node.pattern, 'u');
    } catch {
      problems.push(`${at}: pattern does not compile`);
    }
  }
  if (node.enum !== undefined && (!Array.isArray(node.enum) || node.enum.length === 0)) problems.push(`${at}: empty enum`);
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  for (const [name, child] of Object.entries(properties)) problems.push(...structuralProblems(child, `${path}/properties/${name}`));
  if (node.required !== undefined) {
    if (!Array.isArray(node.required)) problems.push(`${at}: required is not an array`);
    else for (const name of node.required as unknown[]) if (!(String(name) in properties)) problems.push(`${at}: requires ${String(name)}, which is not a property`);
  }
  if (node.items !== undefined) problems.push(...structuralProblems(node.items, `${path}/items`));
  if (node.additionalProperties !== undefined) problems.push(...structuralProblems(node.additionalProperties, `${path}/additionalProperties`));
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (node[keyword] === undefined) continue;
    if (!Array.isArray(node[keyword]) || node[keyword].length === 0) problems.push(`${at}: ${keyword} must be a non-empty array`);
    else (node[keyword] as unknown[]).forEach((child, index) => problems.push(...structuralProblems(child, `${path}/${keyword}/${index}`)));
  }
  return problems;
}
