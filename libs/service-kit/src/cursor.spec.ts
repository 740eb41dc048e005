import { decodeCursor, encodeCursor } from './cursor';

const id = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';
const raw = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('cursor', () => {
  it('round-trips what a page issues', () => {
    expect(decodeCursor(encodeCursor(['2026-01-31T12:00:00.000Z', id]))).toEqual(['2026-01-31T12:00:00.000Z', id]);
  });

  it.each([
    ['a key PostgreSQL would refuse as a uuid', raw(['2026-01-31T12:00:00.000Z', 'x'])],
    ['a date that is not a timestamp', raw(['0', id])],
    ['a date that does not exist', raw(['2026-02-31T00:00:00.000Z', id])],
    ['year 0', raw(['0000-01-01T00:00:00.000Z', id])],
    ['a NUL', raw(['2026-01-31T12:00:00.000Z\u0000', id])],
    ['not JSON', 'bm90IGpzb24'],
    ['another shape', raw({ a: 1 })],
  ])('refuses %s with a 400', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(/cursor is not valid/);
  });
});
