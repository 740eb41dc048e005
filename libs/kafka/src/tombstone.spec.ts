import { Topics } from '@talent/contracts';
import { isTombstone, type InboxMessage } from './event-inbox';

function message(topic: string, key: string | null, value: Buffer | null): InboxMessage {
  return { topic, partition: 0, message: { key, value, offset: '0', timestamp: '0' } };
}

describe('tombstones', () => {
  it('are keyed messages without a value on a compacted topic', () => {
    expect(isTombstone(message(Topics.candidates, 'c1', null))).toBe(true);
    expect(isTombstone(message(Topics.matches, 'm1', null))).toBe(true);
  });

  it('are not messages with a value, without a key, or on a topic that is not compacted (those stay invalid and are dead-lettered)', () => {
    expect(isTombstone(message(Topics.candidates, 'c1', Buffer.from('{}')))).toBe(false);
    expect(isTombstone(message(Topics.candidates, null, null))).toBe(false);
    expect(isTombstone(message(Topics.candidates, '', null))).toBe(false);
    expect(isTombstone(message(Topics.candidatesIngest, 'acme/1', null))).toBe(false);
    expect(isTombstone(message(Topics.postings, 'p1', null))).toBe(false);
  });
});
