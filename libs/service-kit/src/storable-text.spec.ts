import { unstorableText } from './storable-text';

describe('unstorableText', () => {
  it('accepts ordinary text, surrogate pairs (emoji) included', () => {
    expect(unstorableText({ title: 'Zoë 😀', skills: ['Go', { anyOf: ['Java', 'Kotlin'] }] }, '(body)')).toEqual([]);
  });

  it('names each value and member name holding a NUL or an unpaired surrogate', () => {
    const found = unstorableText({ title: 'Go\u0000', skills: ['ok', { anyOf: ['\ud800'] }], ['bad\u0000key']: 1 }, '(body)');
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        { name: 'title', reason: expect.stringMatching(/NUL/) as string },
        { name: 'skills.1.anyOf.0', reason: expect.stringMatching(/surrogate/) as string },
        { name: 'bad\u0000key', reason: expect.stringMatching(/^member name .*NUL/) as string },
      ]),
    );
    expect(unstorableText('\udc00', '(line)')).toEqual([{ name: '(line)', reason: expect.stringMatching(/surrogate/) as string }]);
  });

  it('walks deep nesting without recursion and reports at most ten fields', () => {
    let deep: unknown = '\u0000';
    for (let depth = 0; depth < 100_000; depth++) deep = [deep];
    expect(unstorableText(deep, '(body)')).toHaveLength(1);
    expect(unstorableText(Array.from({ length: 1_000 }, () => '\u0000'), '(body)')).toHaveLength(10);
  });
});
