import { randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import { DeadLetterHeaders, deadLetterTopic, Topics } from '@talent/contracts';
import { CONSUMED_TOPICS } from './fault-platform';
import { FaultScenario } from './fault-scenario';

const POISON_PER_TOPIC = 1000;

/** Who consumes each topic, i.e. who must dead-letter each poison message on it (`dlq-service`). */
const CONSUMERS: Record<(typeof CONSUMED_TOPICS)[number], string[]> = {
  [Topics.postingsIngest]: ['postings'],
  [Topics.candidatesIngest]: ['candidates'],
  [Topics.postings]: ['matcher', 'notifier'],
  [Topics.candidates]: ['matcher'],
  [Topics.matches]: ['notifier'],
};

/**
 * Poison number `n` for a topic, of several kinds in turn: not JSON, empty, JSON that is no event,
 * an envelope of an unknown type, an event of the right type whose data is invalid, and on the
 * ingest topics a valid command that can never succeed (withdrawing or closing a record that was
 * never ingested). Each value is unique, so a dead letter can be traced to its original.
 */
function poison(topic: string, n: number): string {
  const envelope = { specversion: '1.0', id: randomUUID(), source: 'urn:faults:poison', time: new Date().toISOString(), datacontenttype: 'application/json' };
  const kinds = [
    () => `not json {${n}`,
    () => JSON.stringify([n]),
    () => JSON.stringify({ ...envelope, type: `talentmatch.unknown.${n}`, subject: `poison-${n}`, data: {} }),
    () => JSON.stringify({ ...envelope, type: typeOf(topic), subject: `poison-${n}`, data: { organisationId: '', n } }),
  ];
  if (topic === Topics.candidatesIngest) {
    kinds.push(() =>
      JSON.stringify({ ...envelope, type: 'talentmatch.candidate.withdraw', subject: `never-${n}`, dataschema: 'urn:talent-match:schema:talentmatch.candidate.withdraw:1', data: { organisationId: 'faults-poison', externalId: `never-${n}` } }),
    );
  }
  if (topic === Topics.postingsIngest) {
    kinds.push(() =>
      JSON.stringify({ ...envelope, type: 'talentmatch.posting.close', subject: `never-${n}`, dataschema: 'urn:talent-match:schema:talentmatch.posting.close:1', data: { organisationId: 'faults-poison', externalId: `never-${n}` } }),
    );
  }
  return kinds[n % kinds.length]!();
}

function typeOf(topic: string): string {
  return {
    [Topics.postingsIngest]: 'talentmatch.posting.upsert',
    [Topics.candidatesIngest]: 'talentmatch.candidate.upsert',
    [Topics.postings]: 'talentmatch.posting.published',
    [Topics.candidates]: 'talentmatch.candidate.registered',
    [Topics.matches]: 'talentmatch.match.found',
  }[topic]!;
}

describe('fault: 1,000 poison messages interleaved with valid ones on every consumed topic', () => {
  const scenario = new FaultScenario('poison');
  const sent = new Map<string, string[]>(CONSUMED_TOPICS.map((topic) => [topic, []]));

  beforeAll(() => scenario.start(), 180_000);
  afterAll(() => scenario.stop(), 120_000);

  it('dead-letters each poison message once per consumer, with its reason, and processes every valid one exactly once', async () => {
    const chunks = scenario.set.chunks.length;
    const problems = await scenario.run({
      poison: POISON_PER_TOPIC,
      // After each chunk of valid records, that chunk's share of the poison on every topic.
      between: async (index, platform) => {
        const from = Math.floor((POISON_PER_TOPIC * index) / chunks);
        const to = Math.floor((POISON_PER_TOPIC * (index + 1)) / chunks);
        for (const topic of CONSUMED_TOPICS) {
          const messages: Message[] = [];
          for (let n = from; n < to; n++) {
            const value = poison(topic, n);
            sent.get(topic)!.push(value);
            messages.push({ key: `poison-${n}`, value });
          }
          if (messages.length > 0) await platform.producer.send({ topic, messages });
        }
      },
      deadLetters: Object.fromEntries(
        CONSUMED_TOPICS.map((topic) => [deadLetterTopic(topic), Object.fromEntries(CONSUMERS[topic].map((service) => [service, POISON_PER_TOPIC]))]),
      ),
    });
    expect(problems).toEqual([]);

    // Each consumer dead-lettered exactly the poison sent, byte for byte, saying why.
    for (const topic of CONSUMED_TOPICS) {
      const deadLetters = scenario.platform.recorder.of(deadLetterTopic(topic));
      for (const service of CONSUMERS[topic]) {
        const mine = deadLetters.filter((message) => message.headers[DeadLetterHeaders.service] === service);
        expect(mine.map((message) => message.value?.toString() ?? '').sort()).toEqual([...sent.get(topic)!].sort());
        for (const message of mine) {
          expect(message.headers[DeadLetterHeaders.originalTopic]).toBe(topic);
          expect(message.headers[DeadLetterHeaders.reason]).toMatch(/^(invalid event|rejected): \S/);
        }
      }
    }
  });
});
