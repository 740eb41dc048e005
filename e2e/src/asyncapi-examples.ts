import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

const root = join(__dirname, '..', '..');

interface DocumentMessage {
  name: string;
  bindings: { kafka: { key: { examples: string[] } } };
  examples: Array<{ headers: Record<string, string>; payload: { data: Record<string, unknown> } }>;
}
interface AsyncApiDocument {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { messages: Record<string, DocumentMessage> };
}

/** The example (key, headers, value) of one message type on one topic, read from the document alone. */
export function exampleFromDocument(topic: string, type: string) {
  const document = parseYaml(readFileSync(join(root, 'docs', 'contracts', 'asyncapi.yaml'), 'utf8')) as AsyncApiDocument;
  const channel = Object.values(document.channels).find((candidate) => candidate.address === topic);
  if (!channel) throw new Error(`the AsyncAPI document has no channel for ${topic}`);
  const message = Object.values(channel.messages)
    .map((reference) => document.components.messages[reference.$ref.split('/').pop() ?? ''])
    .find((candidate) => candidate?.name === type);
  const example = message?.examples[0];
  const key = message?.bindings.kafka.key.examples[0];
  if (!example || key === undefined) throw new Error(`the AsyncAPI document has no example of ${type} on ${topic}`);
  return { key, headers: example.headers, value: example.payload };
}
