import { deadLetterHeadersSchema, DeadLetterHeaders } from '../dead-letter.schema';
import { parseEvent } from '../event-factory';
import { messageHeadersSchema } from '../message-headers.schema';
import { deadLetterExamples, messageExamples, type MessageExample } from '../message-examples';
import { deadLetterTopic } from '../topics';
import {
  deadLetterChannelId,
  expectedKey,
  EXTERNAL_PRODUCER,
  messageIdOf,
  messagesOf,
  serviceDescriptions,
  topicContracts,
  type MessageContract,
  type TopicContract,
} from './contract-catalogue';
import { embeddable, toJsonSchema, type JsonSchema } from './json-schemas';

export const ASYNCAPI_VERSION = '3.0.0';
export const KAFKA_BINDING_VERSION = '0.5.0';
/** Payload and header schemas are JSON Schema draft 07, the dialect AsyncAPI 3.0 parsers support. */
export const SCHEMA_FORMAT = 'application/schema+json;version=draft-07';

const HEADERS_SCHEMA_ID = 'messageHeaders';

/** Component id of a message value's schema, e.g. `talentmatch.posting.published.v1`. */
export function schemaIdOf(message: Pick<MessageContract, 'type' | 'version'>): string {
  return `${message.type}.v${message.version}`;
}

const multiFormat = (schema: JsonSchema) => ({ schemaFormat: SCHEMA_FORMAT, schema: embeddable(schema) });

const ref = (pointer: string) => ({ $ref: pointer });

/** Checks one example against the contract; a generator error tells the author what to fix. */
function checkedExample(contract: TopicContract, message: MessageContract, example: MessageExample<unknown> | undefined): MessageExample<unknown> {
  const where = 'libs/contracts/src/message-examples.ts';
  if (!example) {
    throw new Error(`${message.type} has no example: add one to ${where}`);
  }
  const problems: string[] = [];
  const parsed = message.schema.safeParse(example.value);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const headers = messageHeadersSchema.safeParse(example.headers);
  if (!headers.success) {
    problems.push(...headers.error.issues.map((issue) => `headers.${issue.path.join('.')}: ${issue.message}`));
  }
  const key = expectedKey(contract, example.value as { subject?: unknown; data?: unknown });
  if (example.key !== key) {
    problems.push(`key: is "${example.key}", the contract says "${key}"`);
  }
  if (problems.length > 0) {
    throw new Error(`the example of ${message.type} in ${where} does not match the contract:\n  ${problems.join('\n  ')}`);
  }
  return example;
}

function keySchema(contract: TopicContract, examples: readonly string[]): JsonSchema {
  return {
    type: 'string',
    description: contract.key.description,
    ...(contract.key.format ? { format: contract.key.format } : {}),
    ...(contract.key.pattern ? { pattern: contract.key.pattern } : {}),
    examples: [...examples],
  };
}

function messageObject(contract: TopicContract, message: MessageContract): Record<string, unknown> {
  const examples = messageExamples[contract.topic] as Record<string, MessageExample<unknown> | undefined>;
  const example = checkedExample(contract, message, examples[message.type]);
  return {
    name: message.type,
    title: `${message.type} (version ${message.version})`,
    summary: example.summary,
    description:
      `A CloudEvents 1.0 event in structured mode: \`type\` is \`${message.type}\`, \`dataschema\` is ` +
      `\`${String((message.schema.shape.dataschema as { value?: unknown }).value)}\`, \`data\` the payload. ` +
      (contract.kind === 'command' ? 'Written by clients; unknown envelope attributes are ignored.' : 'Written by the platform.'),
    contentType: 'application/cloudevents+json',
    headers: ref(`#/components/schemas/${HEADERS_SCHEMA_ID}`),
    payload: ref(`#/components/schemas/${schemaIdOf(message)}`),
    correlationId: { description: 'The CloudEvents `id`: unique per event, the idempotency key of consumers.', location: '$message.payload#/id' },
    tags: [{ name: contract.aggregate }, { name: contract.kind }],
    bindings: { kafka: { key: keySchema(contract, [example.key]), bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [{ name: messageIdOf(message.type), summary: example.summary, headers: example.headers, payload: example.value }],
  };
}

function deadLetterMessage(contract: TopicContract): Record<string, unknown> {
  const example = deadLetterExamples[contract.topic];
  if (!example) throw new Error(`${contract.topic} is consumed: add its dead-letter example to libs/contracts/src/message-examples.ts`);
  const parsed = parseEvent(contract.topic, JSON.stringify(example.value));
  if (parsed.ok) {
    throw new Error(`the dead-letter example of ${contract.topic} in libs/contracts/src/message-examples.ts is a valid message: make it one its consumer rejects`);
  }
  const headersSchema = toJsonSchema(deadLetterHeadersSchema, 'input', 'draft-07');
  const properties = headersSchema.properties as Record<string, JsonSchema>;
  properties[DeadLetterHeaders.originalTopic] = { ...properties[DeadLetterHeaders.originalTopic], const: contract.topic };
  properties[DeadLetterHeaders.service] = { ...properties[DeadLetterHeaders.service], enum: [...contract.consumers] };
  headersSchema.description = `The \`dlq-*\` headers, next to the original message's headers (kept unchanged).`;
  return {
    name: `${contract.topic} dead letter`,
    title: `Dead letter of ${contract.topic}`,
    summary: `A message the consumer of ${contract.topic} could not process, with the reason in its headers.`,
    description:
      'The value is the original message, byte for byte (often, but not necessarily, valid JSON), so it can be inspected and replayed ' +
      'to the original topic once the cause is fixed. Invalid and rejected messages are dead-lettered at once; a message whose handler ' +
      `keeps failing is dead-lettered after its last attempt (see \`${DeadLetterHeaders.attempts}\`) instead of blocking its partition.`,
    headers: multiFormat(headersSchema),
    payload: multiFormat({ description: `The original value from ${contract.topic}, unchanged.` }),
    tags: [{ name: contract.aggregate }, { name: 'dead-letter' }],
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The original message key, unchanged.', examples: [example.key] },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [
      {
        name: `${contract.channelId}DeadLetter`,
        summary: example.summary,
        headers: {
          'content-type': 'application/cloudevents+json',
          [DeadLetterHeaders.reason]: `invalid event: ${parsed.reason}`,
          [DeadLetterHeaders.originalTopic]: contract.topic,
          [DeadLetterHeaders.originalPartition]: String(example.partition),
          [DeadLetterHeaders.originalOffset]: String(example.offset),
          [DeadLetterHeaders.originalTimestamp]: example.timestamp,
          [DeadLetterHeaders.consumerGroup]: example.service,
          [DeadLetterHeaders.service]: example.service,
          [DeadLetterHeaders.failedAt]: example.failedAt,
          [DeadLetterHeaders.attempts]: '1',
        },
        payload: example.value,
      },
    ],
  };
}

interface OperationSpec {
  service: string;
  action: 'send' | 'receive';
  channelId: string;
  messageIds: readonly string[];
  summary: string;
}

function operationId(spec: OperationSpec): string {
  const camel = spec.service.replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
  const action = spec.action === 'send' ? 'Send' : 'Receive';
  return `${camel}${action}${spec.channelId.charAt(0).toUpperCase()}${spec.channelId.slice(1)}`;
}

function operationsOf(contract: TopicContract, messageIds: readonly string[]): OperationSpec[] {
  const operations: OperationSpec[] = contract.producers.map((service) => ({
    service,
    action: 'send',
    channelId: contract.channelId,
    messageIds,
    summary:
      service === EXTERNAL_PRODUCER
        ? `Ingestion pipelines publish ${contract.aggregate} commands on ${contract.topic}.`
        : `The ${service} service publishes ${contract.aggregate} events on ${contract.topic} (through its outbox, in order per key).`,
  }));
  for (const service of contract.consumers) {
    operations.push(
      {
        service,
        action: 'receive',
        channelId: contract.channelId,
        messageIds,
        summary: `The ${service} service consumes ${contract.topic} in consumer group "${service}"; offsets are committed after the effect is durable.`,
      },
      {
        service,
        action: 'send',
        channelId: deadLetterChannelId(contract),
        messageIds: ['deadLetter'],
        summary: `The ${service} service moves messages of ${contract.topic} it cannot process to ${deadLetterTopic(contract.topic)}.`,
      },
    );
  }
  return operations;
}

function operationObject(spec: OperationSpec): Record<string, unknown> {
  const isExternal = spec.service === EXTERNAL_PRODUCER;
  return {
    action: spec.action,
    channel: ref(`#/channels/${spec.channelId}`),
    summary: spec.summary,
    tags: [{ name: spec.service, description: serviceDescriptions[spec.service] ?? spec.service }],
    messages: spec.messageIds.map((id) => ref(`#/channels/${spec.channelId}/messages/${id}`)),
    ...(spec.action === 'receive'
      ? {
          bindings: {
            kafka: {
              groupId: { type: 'string', enum: [spec.service] },
              clientId: { type: 'string', enum: [`${spec.service}-consumer`] },
              bindingVersion: KAFKA_BINDING_VERSION,
            },
          },
        }
      : isExternal
        ? {
            description:
              'Produce with acks=all, the key the message binding describes, the `content-type` header, and the CloudEvent as the JSON value. ' +
              'An idempotent producer (enable.idempotence) keeps retries from reordering or duplicating one key’s commands.',
          }
        : {}),
  };
}

const topicCreation =
  'The services create the topic at start-up if it is missing, with `KAFKA_TOPIC_PARTITIONS` partitions (default 4) and `KAFKA_REPLICATION_FACTOR` replicas (default 1).';

function channelBindings(topic: string): Record<string, unknown> {
  return {
    kafka: {
      topic,
      topicConfiguration: { 'cleanup.policy': ['delete'] },
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  };
}

/** The AsyncAPI 3.0 document of every topic, derived from the zod schemas and the catalogue. */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    [HEADERS_SCHEMA_ID]: multiFormat(toJsonSchema(messageHeadersSchema, 'input', 'draft-07')),
  };

  for (const contract of topicContracts) {
    const contractMessages = messagesOf(contract);
    const channelMessages: Record<string, unknown> = {};
    for (const message of contractMessages) {
      const id = messageIdOf(message.type);
      if (messages[id]) throw new Error(`two message types map to the message id ${id}`);
      messages[id] = messageObject(contract, message);
      schemas[schemaIdOf(message)] = multiFormat(toJsonSchema(message.schema, message.io, 'draft-07'));
      channelMessages[id] = ref(`#/components/messages/${id}`);
    }
    channels[contract.channelId] = {
      address: contract.topic,
      title: contract.title,
      description: `${contract.description} ${topicCreation}`,
      messages: channelMessages,
      bindings: channelBindings(contract.topic),
    };

    // Only consumed topics have dead letters: a topic nobody in the platform reads has none.
    if (contract.consumers.length > 0) {
      const deadLetterId = deadLetterChannelId(contract);
      messages[deadLetterId] = deadLetterMessage(contract);
      channels[deadLetterId] = {
        address: deadLetterTopic(contract.topic),
        title: `${contract.title}: dead letters`,
        description: `Messages of ${contract.topic} its consumers could not process, with \`dlq-*\` headers saying why. Read by operators; nothing consumes it automatically. ${topicCreation}`,
        messages: { deadLetter: ref(`#/components/messages/${deadLetterId}`) },
        bindings: channelBindings(deadLetterTopic(contract.topic)),
      };
    }

    for (const spec of operationsOf(contract, Object.keys(channelMessages))) {
      operations[operationId(spec)] = operationObject(spec);
    }
  }

  return {
    asyncapi: ASYNCAPI_VERSION,
    info: {
      title: 'talent-match events',
      version: '1.0.0',
      description:
        'The Kafka topics of talent-match: ingest commands in, posting, candidate and match events out, a dead-letter topic beside each. ' +
        'Every message value is a CloudEvents 1.0 event in structured mode (JSON). Generated from the zod schemas in `libs/contracts` by ' +
        '`nx run contracts:generate`; versioning rules: docs/contracts/README.md.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      tags: Object.entries(serviceDescriptions).map(([name, description]) => ({ name, description })),
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        title: 'Local broker',
        description:
          'The single-node Apache Kafka 4 broker `npm start` runs from the jars (PLAINTEXT, no authentication, no authorisation: ' +
          'whoever reaches it may write any topic, so it listens on 127.0.0.1 only). Set `KAFKA_BROKERS` to use another cluster.',
        tags: [{ name: 'env:local' }],
      },
      production: {
        host: '{bootstrap}',
        protocol: 'kafka-secure',
        title: 'Production cluster',
        description:
          'A cluster that authenticates every client (SASL/SCRAM, over TLS: `KAFKA_SSL=true`, `KAFKA_SASL_MECHANISM`, `KAFKA_SASL_USERNAME`, ' +
          '`KAFKA_SASL_PASSWORD`) and denies what no ACL allows. Each service connects as its own principal, which may read what it consumes, ' +
          'write what it produces and the dead-letter topics of what it consumes. Each ingestion pipeline connects as an ingest principal ' +
          'bound to its organisations (`INGEST_PRINCIPALS` of the postings and candidates services) and may write only its own ingest topics ' +
          '(`postings.ingest.v1.<principal>`, `candidates.ingest.v1.<principal>`). The ACLs are `kafkaAccessPlan` in `libs/kafka`; see docs/kafka.md, "Kafka in production".',
        variables: { bootstrap: { description: 'The bootstrap servers of the cluster (`KAFKA_BROKERS`).' } },
        security: [ref('#/components/securitySchemes/scram')],
        tags: [{ name: 'env:production' }],
      },
    },
    channels,
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        scram: { type: 'scramSha512', description: 'SASL/SCRAM-SHA-512 (SCRAM-SHA-256 works alike): one Kafka user per service and per ingestion pipeline.' },
      },
    },
  };
}
