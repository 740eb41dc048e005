import { Readable } from 'node:stream';
import { ndjsonLines } from './ndjson-lines';

async function collect(chunks: string[], max = 1000) {
  const lines = [];
  for await (const line of ndjsonLines(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), max)) lines.push(line);
  return lines;
}

describe('ndjsonLines', () => {
  it('splits lines across chunk boundaries and numbers them as in the file', async () => {
    expect(await collect(['{"a":', '1}\n\n{"b":2}\r\n', '{"c":3}'])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
      { line: 4, text: '{"c":3}' },
    ]);
  });

  it('flags a line over the limit without holding it', async () => {
    expect(await collect(['x'.repeat(30), 'y'.repeat(30), '\n{"ok":true}\n'], 50)).toEqual([
      { line: 1, text: '', tooLong: true },
      { line: 2, text: '{"ok":true}' },
    ]);
  });

  it('handles multi-byte characters split between chunks', async () => {
    const bytes = Buffer.from('{"name":"Zoë"}\n');
    const lines = [];
    for await (const line of ndjsonLines(Readable.from([bytes.subarray(0, 12), bytes.subarray(12)]), 100)) lines.push(line);
    expect(lines).toEqual([{ line: 1, text: '{"name":"Zoë"}' }]);
  });
});
